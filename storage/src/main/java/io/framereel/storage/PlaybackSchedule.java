package io.framereel.storage;

import java.io.InterruptedIOException;

/**
 * Paces paused reads on an absolute schedule: frame k is due at {@code anchor + sum(elapsed[0..k])}, so
 * rounding and wake-up latency never accumulate over a long replay (OpenMV does the same with
 * {@code stream->ms += elapsed}).
 *
 * <p>Where we differ from OpenMV: after an unpaused read or a seek the schedule re-anchors at the next
 * paused read (OpenMV keeps counting and then stops pausing altogether), and a reader that falls more than
 * {@link #MAX_LATE_NANOS} behind re-anchors instead of bursting frames to catch up. Not thread-safe.
 */
public final class PlaybackSchedule {
    /** How far behind the schedule a reader may fall before it re-anchors rather than catching up. */
    public static final long MAX_LATE_NANOS = 500_000_000L;

    private final MonotonicClock clock;
    private long dueNanos;
    private boolean anchored;
    private double speed = 1.0;

    /** Anchors the schedule now, as OpenMV anchors it when the stream is created. */
    public PlaybackSchedule(MonotonicClock clock) {
        this.clock = clock;
        this.dueNanos = clock.nanos();
        this.anchored = true;
    }

    /** Plays {@code speed} times faster than recorded (0.5 = half speed). */
    public void speed(double speed) {
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed must be a positive number (was " + speed + ")");
        }
        this.speed = speed;
    }

    /** Forgets the schedule; the next paused frame is shown at once and anchors a new one. */
    public void reanchor() {
        anchored = false;
    }

    /** Waits, if {@code pause}, until the frame recorded {@code elapsedMs} after the previous one is due. */
    public void await(int elapsedMs, boolean pause) throws InterruptedIOException {
        if (!pause) {
            anchored = false;
            return;
        }
        long now = clock.nanos();
        if (!anchored) {
            dueNanos = now;
            anchored = true;
            return;
        }
        long interval = speed == 1.0 ? elapsedMs * 1_000_000L : (long) (elapsedMs * 1_000_000L / speed);
        long due = dueNanos + interval;
        if (now - due > MAX_LATE_NANOS) {
            dueNanos = now;
            return;
        }
        clock.sleepUntil(due);
        dueNanos = due;
    }
}
