package io.framereel.device.shm;

import java.util.concurrent.locks.LockSupport;

/**
 * Stores the monotonic time into a region's heartbeat field four times per heartbeat period, on a daemon thread
 * of its own, so readers can tell a live writer from a dead one even while no frames flow (a paused replay, a
 * camera waiting for a trigger). Frame publishing does not touch the field: one writer of it keeps it monotonic.
 *
 * <p>System.nanoTime is CLOCK_MONOTONIC on Linux, the clock readers in other processes and languages compare
 * against. Each beat allocates nothing.
 */
final class Heartbeat {
    private static final int BEATS_PER_PERIOD = 4;

    private final OrderedAccess header;
    private final long intervalNanos;
    private final Thread thread;
    private volatile boolean running = true;

    Heartbeat(OrderedAccess header, long periodNanos, String regionName) {
        this.header = header;
        this.intervalNanos = periodNanos / BEATS_PER_PERIOD;
        beat();
        thread = new Thread(this::run, "framereel-shm-heartbeat " + regionName);
        thread.setDaemon(true);
        thread.start();
    }

    private void beat() {
        header.setRelease(SharedFrameLayout.HEARTBEAT_OFFSET, System.nanoTime());
    }

    private void run() {
        while (running) {
            beat();
            LockSupport.parkNanos(this, intervalNanos);
        }
    }

    /**
     * Stops beating and waits for the thread, so no beat lands after the writer marks the region closed. An
     * interrupt does not cut the wait short (the thread ends within microseconds of the unpark); it is kept
     * pending for the caller.
     */
    void stop() {
        running = false;
        LockSupport.unpark(thread);
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
