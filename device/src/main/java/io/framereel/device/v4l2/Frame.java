package io.framereel.device.v4l2;

import java.nio.ByteBuffer;

/**
 * One dequeued capture buffer: a read-only view of the driver's mmap'd memory plus the metadata the kernel
 * returned with it. The session owns one Frame per buffer and reuses it, so nothing is allocated per frame.
 * The view is valid until {@link #release()} gives the buffer back to the driver; copy what you need first.
 * Not thread-safe: use and release a frame on the thread that dequeued it.
 */
public final class Frame {
    private final CaptureSession session;
    private final int bufferIndex;
    private final ByteBuffer view;
    private int bytesUsed;
    private int flags;
    private long sequence;
    private long timestampNanos;
    private boolean held;

    Frame(CaptureSession session, int bufferIndex, ByteBuffer view) {
        this.session = session;
        this.bufferIndex = bufferIndex;
        this.view = view;
    }

    /** Called by the session after DQBUF; rewinds the view to the payload. */
    void fill(int bytesUsed, int flags, long sequence, long timestampNanos) {
        this.bytesUsed = bytesUsed;
        this.flags = flags;
        this.sequence = sequence;
        this.timestampNanos = timestampNanos;
        this.held = true;
        view.clear();
        view.limit(Math.min(bytesUsed, view.capacity()));
    }

    /** Called by the session when the buffer is unmapped while held: nothing of it may be read any more. */
    void emptyView() {
        bytesUsed = 0;
        view.clear();
        view.limit(0);
    }

    /** The payload: position 0, limit {@link #bytesUsed()}. Read-only; valid until {@link #release()}. */
    public ByteBuffer data() {
        return view;
    }

    /** Bytes of image data in the buffer (less than the buffer for compressed formats). */
    public int bytesUsed() {
        return bytesUsed;
    }

    /** The driver's frame counter (v4l2_buffer.sequence, unsigned 32-bit); a gap means frames were dropped. */
    public long sequence() {
        return sequence;
    }

    /**
     * When the frame was captured, in nanoseconds of CLOCK_MONOTONIC when {@link #hasMonotonicTimestamp()}:
     * the clock behind System.nanoTime() on Linux, so the two can be compared.
     */
    public long timestampNanos() {
        return timestampNanos;
    }

    /** V4L2_BUF_FLAG_* as returned by DQBUF. */
    public int flags() {
        return flags;
    }

    /** V4L2_BUF_FLAG_ERROR: the buffer was filled but the data may be corrupt. */
    public boolean isError() {
        return (flags & Videodev2.V4L2_BUF_FLAG_ERROR) != 0;
    }

    /** True when the driver stamps frames with CLOCK_MONOTONIC (V4L2_BUF_FLAG_TIMESTAMP_MONOTONIC). */
    public boolean hasMonotonicTimestamp() {
        return (flags & Videodev2.V4L2_BUF_FLAG_TIMESTAMP_MASK) == Videodev2.V4L2_BUF_FLAG_TIMESTAMP_MONOTONIC;
    }

    /** Which of the session's buffers this is. */
    public int bufferIndex() {
        return bufferIndex;
    }

    /** True between dequeue and release. */
    public boolean isHeld() {
        return held;
    }

    /**
     * Gives the buffer back to the driver (VIDIOC_QBUF). The data view must not be used afterwards.
     *
     * @throws IllegalStateException if the frame is not held
     */
    public void release() throws V4l2Exception {
        if (!held) {
            throw new IllegalStateException("frame of buffer " + bufferIndex + " released twice (sequence " + sequence + ")");
        }
        held = false;
        session.requeue(bufferIndex);
    }

    @Override
    public String toString() {
        return "Frame[buffer " + bufferIndex + ", sequence " + sequence + ", " + bytesUsed + " bytes, t=" + timestampNanos
                + " ns" + (isError() ? ", ERROR" : "") + "]";
    }
}
