package io.framereel.device.systemd;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Tells the service manager about start-up, reloads, shutdown, status and liveness: the {@code sd_notify(3)}
 * protocol, spoken directly (no libsystemd). Each message is one datagram of {@code KEY=VALUE} lines joined by
 * {@code \n}, sent to the UNIX datagram socket named by {@code NOTIFY_SOCKET} (a path, or {@code @name} in the
 * abstract namespace).
 *
 * <p>Outside systemd ({@code NOTIFY_SOCKET} unset or empty) the notifier is disabled: {@link #isEnabled()} is false
 * and every method returns {@link Result.Kind#NOT_UNDER_SYSTEMD} without touching native code, so the daemon runs
 * the same way in a terminal.
 *
 * <p>Failures never throw: the daemon must outlive a vanished or wedged notify socket (PID 1 re-executing, a
 * {@code NOTIFY_SOCKET} inherited from elsewhere). Each call returns a {@link Result} the caller may log or act
 * on; the notifier itself logs the first failure of a streak at WARNING and the recovery at INFO, so a watchdog
 * ping every few seconds does not flood the journal. Arguments that could never be delivered (a newline or NUL in a
 * value, an assignment without {@code =}, an oversized message) are programming errors and throw
 * IllegalArgumentException.
 *
 * <p>One socket, opened at the first send and kept until {@link #close()}, close-on-exec so spawned helpers do not
 * inherit it. It is not connected: every datagram names the address, so a receiver that is re-created at the same
 * address (systemd re-executing) is reached again without reopening anything. A full receive queue is not waited on
 * indefinitely: the send is retried for at most the send wait ({@link #DEFAULT_SEND_WAIT}) and then reported as
 * failed with EAGAIN, so the thread that pings the watchdog from the capture loop never hangs on PID 1.
 *
 * <p>Thread-safe: the watchdog ping, status updates and shutdown may come from different threads. Messages are sent
 * one at a time in the order the calls take the lock.
 */
public final class SdNotify implements AutoCloseable {

    /** The environment variable systemd sets for {@code Type=notify} services (and {@code NotifyAccess=}). */
    public static final String NOTIFY_SOCKET = "NOTIFY_SOCKET";

    /** How long one send may wait for room in the receiver's queue before it is reported as failed. */
    public static final Duration DEFAULT_SEND_WAIT = Duration.ofMillis(500);

    /**
     * The largest message PID 1 accepts: it reads notifications into a buffer of {@code PIPE_BUF} (4096) bytes and
     * ignores a longer one.
     */
    public static final int MAX_MESSAGE_BYTES = 4096;

    private static final System.Logger LOG = System.getLogger(SdNotify.class.getName());

    private static final Result SENT = new Result(Result.Kind.SENT, 0, "sent");
    private static final Result NOT_UNDER_SYSTEMD = new Result(Result.Kind.NOT_UNDER_SYSTEMD, 0,
            NOTIFY_SOCKET + " is not set");
    private static final long FIRST_RETRY_NANOS = 1_000_000;

    /** The NOTIFY_SOCKET value, or null when disabled. */
    private final String address;
    /** The sockaddr_un for {@link #address}, cut to its length; null when disabled. */
    private final byte[] sockaddr;
    private final long sendWaitNanos;

    private final Object lock = new Object();
    // guarded by lock
    private int fd = -1;
    private boolean closed;
    private int failuresInARow;

    private SdNotify(String address, byte[] sockaddr, Duration sendWait) {
        this.address = address;
        this.sockaddr = sockaddr;
        this.sendWaitNanos = sendWait.toNanos();
    }

    /** A notifier for this process's {@code NOTIFY_SOCKET}. */
    public static SdNotify fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /**
     * A notifier for {@code env}'s {@code NOTIFY_SOCKET}: disabled if it is unset or empty.
     *
     * @throws IllegalArgumentException if {@code NOTIFY_SOCKET} is set but is neither an absolute path nor an
     *         {@code @abstract} name, or does not fit in a {@code sockaddr_un} (107 bytes); the message names it
     */
    public static SdNotify fromEnvironment(Map<String, String> env) {
        return fromEnvironment(env, DEFAULT_SEND_WAIT);
    }

    /**
     * As {@link #fromEnvironment(Map)}, with the longest a send may wait for room in the receiver's queue.
     *
     * @throws IllegalArgumentException as {@link #fromEnvironment(Map)}, or if {@code sendWait} is negative
     */
    public static SdNotify fromEnvironment(Map<String, String> env, Duration sendWait) {
        if (sendWait.isNegative()) {
            throw new IllegalArgumentException("send wait cannot be negative: " + sendWait);
        }
        String value = env.get(NOTIFY_SOCKET);
        if (value == null || value.isEmpty()) {
            return disabled();
        }
        return new SdNotify(value, SockaddrUn.encode(NOTIFY_SOCKET, value), sendWait);
    }

    /** A notifier that sends nothing, as outside systemd. */
    public static SdNotify disabled() {
        return new SdNotify(null, null, Duration.ZERO);
    }

    /** Whether messages go anywhere, that is, {@code NOTIFY_SOCKET} was set. */
    public boolean isEnabled() {
        return address != null;
    }

    /** {@code READY=1}: start-up is finished (the camera streams, the buttons are armed). */
    public Result ready() {
        return send("READY=1");
    }

    /**
     * {@code RELOADING=1} with {@code MONOTONIC_USEC} now: a configuration reload has begun. Follow it with
     * {@link #readyAfterReload()}. Uses {@link System#nanoTime()}, which HotSpot on Linux reads from
     * CLOCK_MONOTONIC, the clock systemd compares it with.
     */
    public Result reloading() {
        return reloading(System.nanoTime() / 1000);
    }

    /**
     * {@code RELOADING=1} and {@code MONOTONIC_USEC=monotonicUsec} (CLOCK_MONOTONIC in microseconds, as
     * {@code Type=notify-reload} requires) in one message.
     */
    public Result reloading(long monotonicUsec) {
        if (monotonicUsec < 0) {
            throw new IllegalArgumentException("MONOTONIC_USEC cannot be negative: " + monotonicUsec);
        }
        return send("RELOADING=1", "MONOTONIC_USEC=" + monotonicUsec);
    }

    /** {@code READY=1} after {@link #reloading()}: the reload is complete. */
    public Result readyAfterReload() {
        return ready();
    }

    /** {@code STOPPING=1}: shutdown has begun (first thing in the shutdown hook). */
    public Result stopping() {
        return send("STOPPING=1");
    }

    /**
     * {@code STATUS=text}: one line shown by {@code systemctl status}.
     *
     * @throws IllegalArgumentException if {@code text} contains a newline or NUL
     */
    public Result status(String text) {
        return send("STATUS=" + Objects.requireNonNull(text, "text"));
    }

    /** {@code WATCHDOG=1}: the service is alive. Send it from a health check, at {@link Watchdog#pingPeriod()}. */
    public Result watchdog() {
        return send("WATCHDOG=1");
    }

    /**
     * {@code ERRNO=errno}: why the service failed, for {@code systemctl status}.
     *
     * @throws IllegalArgumentException if {@code errno} is negative
     */
    public Result errno(int errno) {
        if (errno < 0) {
            throw new IllegalArgumentException("ERRNO cannot be negative: " + errno);
        }
        return send("ERRNO=" + errno);
    }

    /**
     * Sends {@code KEY=VALUE} assignments as one message (one datagram, lines joined by {@code \n}), which systemd
     * applies together.
     *
     * @throws IllegalArgumentException if there is no assignment, one has no {@code =} or an empty key, one
     *         contains a newline or NUL, or the message is longer than {@link #MAX_MESSAGE_BYTES}
     */
    public Result send(String... assignments) {
        byte[] message = encode(assignments);
        if (address == null) {
            return NOT_UNDER_SYSTEMD;
        }
        synchronized (lock) {
            Result result = sendLocked(message);
            report(result, assignments);
            return result;
        }
    }

    /** Closes the socket. Later sends fail (without throwing). Idempotent. */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            if (fd >= 0) {
                int errno = LibC.closeErrno(fd);
                fd = -1;
                if (errno != 0) {
                    LOG.log(Level.DEBUG, () -> "close of the " + NOTIFY_SOCKET + " socket: " + LibC.describe(errno));
                }
            }
        }
    }

    @Override
    public String toString() {
        return address == null ? "SdNotify[disabled]" : "SdNotify[" + NOTIFY_SOCKET + "=" + address + "]";
    }

    static byte[] encode(String... assignments) {
        if (assignments.length == 0) {
            throw new IllegalArgumentException("an sd_notify message needs at least one KEY=VALUE assignment");
        }
        StringBuilder message = new StringBuilder();
        for (String assignment : assignments) {
            Objects.requireNonNull(assignment, "assignment");
            if (assignment.indexOf('=') <= 0) {
                throw new IllegalArgumentException("not a KEY=VALUE assignment: \"" + assignment + "\"");
            }
            if (assignment.indexOf('\n') >= 0 || assignment.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("an sd_notify value cannot contain a newline or NUL: \""
                        + assignment.replace("\n", "\\n").replace("\0", "\\0") + "\"");
            }
            if (message.length() > 0) {
                message.append('\n');
            }
            message.append(assignment);
        }
        byte[] bytes = message.toString().getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_MESSAGE_BYTES) {
            throw new IllegalArgumentException("sd_notify message is " + bytes.length + " bytes; systemd ignores"
                    + " messages longer than " + MAX_MESSAGE_BYTES);
        }
        return bytes;
    }

    private Result sendLocked(byte[] message) {
        if (closed) {
            return failed(0, "the notifier is closed");
        }
        if (fd < 0) {
            int opened = LibC.socketErrno(LibC.AF_UNIX);
            if (opened < 0) {
                return failed(-opened, "socket(AF_UNIX, SOCK_DGRAM) failed: " + LibC.describe(-opened));
            }
            fd = opened;
        }
        long deadline = System.nanoTime() + sendWaitNanos;
        long pause = FIRST_RETRY_NANOS;
        while (true) {
            long sent = LibC.sendtoErrno(fd, message, LibC.MSG_DONTWAIT | LibC.MSG_NOSIGNAL, sockaddr);
            if (sent == message.length) {
                return SENT;
            }
            if (sent >= 0) {
                return failed(0, "sendto to " + address + " sent " + sent + " of " + message.length + " bytes");
            }
            int errno = (int) -sent;
            long left = deadline - System.nanoTime();
            if (errno != LibC.EAGAIN || left <= 0) {
                String why = errno == LibC.EAGAIN ? " (the receiver's queue stayed full for "
                        + sendWaitNanos / 1_000_000 + " ms)" : "";
                return failed(errno, "sendto " + address + " failed: " + LibC.describe(errno) + why);
            }
            try {
                Thread.sleep(Math.max(1, Math.min(pause, left) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return failed(LibC.EINTR, "interrupted while the receiver's queue at " + address + " was full");
            }
            pause *= 2;
        }
    }

    private void report(Result result, String[] assignments) {
        if (result.sent()) {
            if (failuresInARow > 0) {
                int failures = failuresInARow;
                LOG.log(Level.INFO, () -> "sd_notify to " + address + " works again after " + failures
                        + " failed message(s)");
            }
            failuresInARow = 0;
        } else if (failuresInARow++ == 0) {
            LOG.log(Level.WARNING, () -> "sd_notify " + String.join(" ", assignments) + ": " + result.detail()
                    + "; further failures are not logged until a message gets through");
        }
    }

    private static Result failed(int errno, String detail) {
        return new Result(Result.Kind.FAILED, errno, detail);
    }

    /**
     * What became of one message.
     *
     * @param kind sent, skipped outside systemd, or failed
     * @param errno the errno of the failed call, or 0 (sent, skipped, or a failure no call reported)
     * @param detail a sentence for a log: the address and the reason when it failed
     */
    public record Result(Kind kind, int errno, String detail) {

        /** The three outcomes. */
        public enum Kind {
            /** The datagram was queued on the notify socket. */
            SENT,
            /** There is no notify socket ({@code NOTIFY_SOCKET} unset): nothing to do. */
            NOT_UNDER_SYSTEMD,
            /** The datagram could not be sent; {@link Result#detail()} says why. */
            FAILED
        }

        /** Checks the components. */
        public Result {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(detail, "detail");
        }

        /** Whether the message was queued on the notify socket. */
        public boolean sent() {
            return kind == Kind.SENT;
        }

        /** Whether the message should have gone out and did not. */
        public boolean failed() {
            return kind == Kind.FAILED;
        }
    }
}
