package io.framereel.capture.cli;

/**
 * SIGUSR1 for the daemon, through {@code sun.misc.Signal} (jdk.unsupported, present in every JDK from 8 to 25 and
 * the only way to handle a signal other than TERM/INT/HUP in Java). HotSpot leaves SIGUSR1 to applications.
 */
final class Signals {
    private static final System.Logger LOG = System.getLogger(Signals.class.getName());

    private Signals() {
    }

    /** Runs {@code action} on a JVM signal thread whenever SIGUSR1 arrives; logs (once) if it cannot. */
    static void onUsr1(Runnable action) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("USR1"), s -> action.run());
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            LOG.log(System.Logger.Level.WARNING, "SIGUSR1 cannot be handled on this JVM (" + e.getMessage()
                    + "); use framereel ctl toggle");
        }
    }
}
