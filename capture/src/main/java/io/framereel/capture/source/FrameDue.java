package io.framereel.capture.source;

import java.util.concurrent.locks.LockSupport;

/** How a synthetic camera waits for a frame's time: at most the caller's timeout, then exactly to the due time. */
final class FrameDue {
    private FrameDue() {
    }

    /**
     * Parks until {@code dueNanos} (System.nanoTime), or for {@code timeoutMs} when the frame is due later than that.
     *
     * @return whether the frame is due now; false when the timeout came first
     */
    static boolean await(long dueNanos, long nowNanos, long timeoutMs) {
        long wait = dueNanos - nowNanos;
        if (wait > timeoutMs * 1_000_000L) {
            LockSupport.parkNanos(timeoutMs * 1_000_000L);
            return false;
        }
        while (wait > 0) {
            LockSupport.parkNanos(wait);
            wait = dueNanos - System.nanoTime();
        }
        return true;
    }
}
