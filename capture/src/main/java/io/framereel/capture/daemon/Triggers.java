package io.framereel.capture.daemon;

import io.framereel.device.gpio.button.Recorder;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * What the user asked for, from any trigger (buttons, the control socket, SIGUSR1, the timer): whether to record,
 * and snapshots to take. Requests are state, not queued events, so a burst of presses settles on the last one and
 * the file thread applies it between frames, which is what keeps a recording free of gaps and duplicates.
 * Thread-safe.
 */
public final class Triggers implements Recorder {
    private static final System.Logger LOG = System.getLogger(Triggers.class.getName());

    private volatile boolean wanted;
    private final AtomicLong snapshots = new AtomicLong();
    private volatile Thread applier;
    private volatile boolean closed;
    /** System.nanoTime() of the request that made recording wanted; the pre-trigger time counts back from it. */
    private volatile long wantedSinceNanos;

    /** The thread that applies requests; woken on every change. */
    void applier(Thread t) {
        applier = t;
    }

    /** Asks for recording to start (no effect when it is already wanted); {@code why} goes to the log. */
    public void start(String why) {
        if (closed) {
            return;
        }
        if (!wanted) {
            wantedSinceNanos = System.nanoTime();
            LOG.log(System.Logger.Level.INFO, "start requested by " + why);
        }
        wanted = true;
        wake();
    }

    /** Asks for recording to stop after the post-trigger time. */
    public void stop(String why) {
        if (wanted) {
            LOG.log(System.Logger.Level.INFO, "stop requested by " + why);
        }
        wanted = false;
        wake();
    }

    /** Starts when stopped, stops when started. */
    public synchronized void toggle(String why) {
        if (wanted) {
            stop(why);
        } else {
            start(why);
        }
    }

    /** Asks for the newest frame to be saved on its own. */
    public void snapshot(String why) {
        if (closed) {
            return;
        }
        LOG.log(System.Logger.Level.INFO, "snapshot requested by " + why);
        snapshots.incrementAndGet();
        wake();
    }

    /** Refuses further starts and snapshots: the daemon is shutting down and closes what is open. */
    void close() {
        closed = true;
    }

    /** When the start that is in force was asked for (System.nanoTime), whoever asked. */
    long wantedSinceNanos() {
        return wantedSinceNanos;
    }

    /** Whether recording is wanted. */
    public boolean wanted() {
        return wanted;
    }

    /** Takes one pending snapshot request, if any (the file thread). */
    boolean takeSnapshot() {
        while (true) {
            long n = snapshots.get();
            if (n == 0) {
                return false;
            }
            if (snapshots.compareAndSet(n, n - 1)) {
                return true;
            }
        }
    }

    private void wake() {
        Thread t = applier;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    // the GPIO buttons' view (device.gpio.button.Recorder); called on the button logic thread

    @Override
    public boolean isRecording() {
        return wanted;
    }

    @Override
    public void startRecording(long atNanos) {
        start("button");
    }

    @Override
    public void stopRecording(long atNanos) {
        stop("button");
    }

    @Override
    public void snapshot(long atNanos) {
        snapshot("button (long press)");
    }
}
