package io.framereel.capture.source;

import java.nio.ByteBuffer;

/** The facts of one dequeued frame, refilled in place for every frame (no allocation per frame). */
public final class CapturedFrame {
    /** Bytes converted into the destination (0 when the frame was not copied). */
    public int bytes;
    /** The camera's frame counter; gaps are frames the camera dropped. */
    public long sequence;
    /** When the camera captured the frame, on CLOCK_MONOTONIC (System.nanoTime's clock on Linux). */
    public long timestampNanos;
    /** For {@link FrameSource#lend}: the camera's buffer holding the frame, positioned at 0, limit {@link #bytes}. */
    public ByteBuffer lent;
    /** For {@link FrameSource#lend}: what to hand to {@link FrameSource#giveBack}. */
    public int loan = -1;

    public void set(int bytes, long sequence, long timestampNanos) {
        this.bytes = bytes;
        this.sequence = sequence;
        this.timestampNanos = timestampNanos;
    }
}
