package io.framereel.device.systemd;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The service watchdog systemd asks for ({@code WatchdogSec=}), read from the environment the way
 * {@code sd_watchdog_enabled(3)} reads it: {@code WATCHDOG_USEC} is the interval in microseconds (a positive
 * decimal); {@code WATCHDOG_PID}, when set, names the process it is meant for, and any other process must not ping.
 * Unset means no watchdog. A value that does not parse, a zero interval, or a PID that is not ours also disables it,
 * and the reason (naming the variable and its value) is logged at WARNING: a disabled watchdog under a
 * {@code WatchdogSec=} unit gets the service killed, and the likely cause (a wrapper script that started java
 * without {@code exec}) should be in the journal.
 *
 * <p>Ping with {@link SdNotify#watchdog()} every {@link #pingPeriod()} (half the interval, as systemd recommends),
 * from a health check that proves the capture loop is making progress rather than from a free-running timer.
 * Immutable and thread-safe.
 */
public final class Watchdog {

    /** The interval, in microseconds, systemd sets for a unit with {@code WatchdogSec=}. */
    public static final String WATCHDOG_USEC = "WATCHDOG_USEC";
    /** The process the watchdog is meant for. */
    public static final String WATCHDOG_PID = "WATCHDOG_PID";

    private static final System.Logger LOG = System.getLogger(Watchdog.class.getName());
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,19}");

    private final Duration interval;
    private final String description;

    private Watchdog(Duration interval, String description) {
        this.interval = interval;
        this.description = description;
    }

    /** The watchdog settings of this process. */
    public static Watchdog fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /** The watchdog settings in {@code env}, for this process. */
    public static Watchdog fromEnvironment(Map<String, String> env) {
        return fromEnvironment(env, ProcessHandle.current().pid());
    }

    /** The watchdog settings in {@code env}, for the process {@code ownPid}. */
    static Watchdog fromEnvironment(Map<String, String> env, long ownPid) {
        String usec = env.get(WATCHDOG_USEC);
        if (usec == null) {
            return new Watchdog(Duration.ZERO, WATCHDOG_USEC + " is not set: no watchdog");
        }
        long micros = DIGITS.matcher(usec).matches() ? parse(usec) : -1;
        if (micros <= 0) {
            return disabled(WATCHDOG_USEC + "=" + usec + " is not a positive number of microseconds: watchdog off");
        }
        String pid = env.get(WATCHDOG_PID);
        if (pid != null) {
            long target = DIGITS.matcher(pid).matches() ? parse(pid) : -1;
            if (target <= 0) {
                return disabled(WATCHDOG_PID + "=" + pid + " is not a process id: watchdog off");
            }
            if (target != ownPid) {
                return disabled(WATCHDOG_PID + "=" + pid + " is not this process (pid " + ownPid + "): watchdog off;"
                        + " under systemd start java with exec so that it is the service's main process");
            }
        }
        Duration interval = Duration.of(micros, ChronoUnit.MICROS);
        return new Watchdog(interval, "watchdog every " + interval.toMillis() + " ms (" + WATCHDOG_USEC + "="
                + usec + "), ping every " + interval.dividedBy(2).toMillis() + " ms");
    }

    /** A watchdog that is off, for tests and for running outside systemd. */
    public static Watchdog disabled() {
        return new Watchdog(Duration.ZERO, "watchdog off");
    }

    private static Watchdog disabled(String reason) {
        LOG.log(Level.WARNING, reason);
        return new Watchdog(Duration.ZERO, reason);
    }

    /** The value of at most 19 digits, or -1 if it overflows a long. */
    private static long parse(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Whether this process must ping. */
    public boolean isEnabled() {
        return !interval.isZero();
    }

    /** After how long without a ping systemd acts ({@code WatchdogSec=}); zero when disabled. */
    public Duration interval() {
        return interval;
    }

    /** How often to ping: half the interval, so one late or lost ping is survived; zero when disabled. */
    public Duration pingPeriod() {
        return interval.dividedBy(2);
    }

    /** One sentence for a log: the interval and ping period, or why there is no watchdog. */
    public String describe() {
        return description;
    }

    @Override
    public String toString() {
        return "Watchdog[" + description + "]";
    }
}
