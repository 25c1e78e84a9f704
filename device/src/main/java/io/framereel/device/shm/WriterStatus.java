package io.framereel.device.shm;

/**
 * Whether a region's writer is still there, as its heartbeat and state fields tell a reader.
 *
 * <p>The writer's heartbeat thread stores CLOCK_MONOTONIC at least once per heartbeat period (at most one
 * second) whether or not frames flow, so a paused replay is not mistaken for a dead writer. A writer killed
 * with SIGKILL, or hung so badly that its heartbeat thread stops, leaves the field behind; after
 * {@link #STALE_AFTER_PERIODS} periods readers call it {@link #STALE}. Frames keep their last content either way.
 */
public enum WriterStatus {
    /** The heartbeat is recent: frames may still come. */
    ALIVE,
    /** The heartbeat is older than {@link #STALE_AFTER_PERIODS} periods: the writer died or hangs. */
    STALE,
    /** The writer closed the region; no more frames will come. */
    CLOSED;

    /**
     * Three periods: the writer beats four times per period, so this tolerates a long GC pause or a busy CPU
     * without waiting long to notice a crash.
     */
    public static final int STALE_AFTER_PERIODS = 3;

    /** The status from the header's fields, at {@code nowNanos} on CLOCK_MONOTONIC. */
    static WriterStatus of(OrderedAccess header, long periodNanos, long nowNanos) {
        if (header.getAcquire(SharedFrameLayout.WRITER_STATE_OFFSET) == SharedFrameLayout.STATE_CLOSED) {
            return CLOSED;
        }
        long age = nowNanos - header.getAcquire(SharedFrameLayout.HEARTBEAT_OFFSET);
        return age > STALE_AFTER_PERIODS * periodNanos ? STALE : ALIVE;
    }
}
