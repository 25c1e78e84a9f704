package io.framereel.capture.daemon;

/**
 * What the daemon tells its service manager (systemd's sd_notify protocol in production). Implementations never
 * throw: a service manager that went away must not stop a recording.
 */
public interface ServiceNotifier {
    /** Startup is complete (READY=1). */
    void ready();

    /** A one-line state for {@code systemctl status} (STATUS=). */
    void status(String text);

    /** The daemon is healthy (WATCHDOG=1). */
    void watchdog();

    /** Shutdown has begun (STOPPING=1). */
    void stopping();

    /** How often {@link #watchdog()} must be called, in nanoseconds; 0 when no watchdog is armed. */
    long watchdogPeriodNanos();

    /** Tells nobody: the daemon outside systemd. */
    ServiceNotifier NONE = new ServiceNotifier() {
        @Override
        public void ready() {
        }

        @Override
        public void status(String text) {
        }

        @Override
        public void watchdog() {
        }

        @Override
        public void stopping() {
        }

        @Override
        public long watchdogPeriodNanos() {
            return 0;
        }
    };
}
