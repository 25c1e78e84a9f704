package io.framereel.device.shm;

import io.framereel.storage.PixelFormat;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A reader's private copy of one frame from a region: the pixels and the slot descriptor they came with. Reused
 * for every read, so reading allocates nothing; make one with {@link SharedFrameReader#newFrameCopy()}.
 * Not thread-safe.
 */
public final class FrameCopy {
    private final ByteBuffer pixels;
    private long frameNumber;
    private long timestampNanos;
    private int width;
    private int height;
    private int stride;
    private int fourcc;
    private int pixformat;
    private int sourcePixformat;
    private int elapsedMs;
    private int slot = -1;

    /** A copy with room for {@code capacityBytes} of pixels; a reader needs at least its region's slot size. */
    public FrameCopy(int capacityBytes) {
        pixels = ByteBuffer.allocate(capacityBytes).order(ByteOrder.LITTLE_ENDIAN);
        pixels.limit(0);
    }

    /** The buffer the pixels are copied into, from 0, with its position and limit set to the frame by each read. */
    ByteBuffer target() {
        return pixels;
    }

    int capacity() {
        return pixels.capacity();
    }

    void set(int slot, long frameNumber, long timestampNanos, int width, int height, int stride, int payloadBytes,
            int fourcc, int pixformat, int sourcePixformat, int elapsedMs) {
        this.slot = slot;
        this.frameNumber = frameNumber;
        this.timestampNanos = timestampNanos;
        this.width = width;
        this.height = height;
        this.stride = stride;
        this.fourcc = fourcc;
        this.pixformat = pixformat;
        this.sourcePixformat = sourcePixformat;
        this.elapsedMs = elapsedMs;
        pixels.limit(payloadBytes).position(0);
    }

    /**
     * The frame's bytes between position 0 and the limit (the payload size), little-endian. The buffer itself,
     * not a view: the next read rewrites it and resets position and limit.
     */
    public ByteBuffer pixels() {
        return pixels;
    }

    /** The frame's number: 1 for the first frame the writer published; 0 before anything was copied. */
    public long frameNumber() {
        return frameNumber;
    }

    /** CLOCK_MONOTONIC nanoseconds: the capture time, or the time the writer published a frame that had none. */
    public long timestampNanos() {
        return timestampNanos;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Bytes per row; 0 for compressed frames in a RAW region. */
    public int stride() {
        return stride;
    }

    public int payloadBytes() {
        return pixels.limit();
    }

    /** The V4L2-style fourcc of the stored bytes (RGBP, XR24, ...), or 0 where V4L2 has none. */
    public int fourcc() {
        return fourcc;
    }

    /** The OpenMV pixformat code of the stored bytes, or 0 (XRGB8888 has none). */
    public int pixformat() {
        return pixformat;
    }

    /** The OpenMV pixformat code of the frame before the writer converted it. */
    public int sourcePixformat() {
        return sourcePixformat;
    }

    /** The frame's format before conversion, or null for a code this build does not know. */
    public PixelFormat sourceFormat() {
        return PixelFormat.fromCode(sourcePixformat);
    }

    /** The recorded interval since the previous frame in milliseconds, or -1 when unknown (live frames). */
    public int elapsedMs() {
        return elapsedMs;
    }

    /** The slot the frame was copied from; -1 before anything was copied. */
    public int slot() {
        return slot;
    }

    @Override
    public String toString() {
        return "frame " + frameNumber + " " + width + "x" + height + " " + Fourcc.toString(fourcc) + " "
                + payloadBytes() + "B from slot " + slot;
    }
}
