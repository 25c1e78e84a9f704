package io.framereel.storage;

import java.io.InterruptedIOException;
import java.util.concurrent.locks.LockSupport;

/**
 * The one source of time for streams, rings and schedules: monotonic nanoseconds, and a way to wait for a
 * deadline. Tests drive a manual clock instead of sleeping.
 */
public interface MonotonicClock {

    /** Monotonic time in nanoseconds; only differences are meaningful. */
    long nanos();

    /** Blocks until {@link #nanos()} reaches {@code deadlineNanos}; returns at once if it already has. */
    void sleepUntil(long deadlineNanos) throws InterruptedIOException;

    /** {@link System#nanoTime()} with parking; the last 200 µs are spun so deadlines are met within tens of µs. */
    MonotonicClock SYSTEM = new MonotonicClock() {
        private static final long SPIN_NANOS = 200_000;

        @Override
        public long nanos() {
            return System.nanoTime();
        }

        @Override
        public void sleepUntil(long deadlineNanos) throws InterruptedIOException {
            for (long left = deadlineNanos - System.nanoTime(); left > 0; left = deadlineNanos - System.nanoTime()) {
                if (Thread.interrupted()) {
                    throw new InterruptedIOException("interrupted while pausing for the recorded frame interval");
                }
                if (left > SPIN_NANOS) {
                    LockSupport.parkNanos(left - SPIN_NANOS);
                } else {
                    Thread.onSpinWait();
                }
            }
        }

        @Override
        public String toString() {
            return "MonotonicClock.SYSTEM";
        }
    };
}
