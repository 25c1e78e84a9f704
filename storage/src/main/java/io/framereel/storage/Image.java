package io.framereel.storage;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * One frame: geometry, pixel format, payload bytes, and when it was taken.
 *
 * <p>The payload is the bytes between the buffer's position and limit, in OpenMV's in-memory layout for the
 * format (see {@link PixelFormat}); it may be a heap or a direct buffer. Writers read it with absolute or
 * position-restoring operations, so handing an image to a stream does not disturb it.
 *
 * <p>Timing: {@link #elapsedMs()} is the interval since the previous frame as recorded in a stream
 * ({@link #NO_ELAPSED} when unknown); {@link #timestampNanos()} is a monotonic capture time
 * ({@link #NO_TIMESTAMP} when unknown), for example a V4L2 buffer timestamp.
 *
 * <p>Images are reused on the zero-allocation paths: a frame buffer hands out the same instance for every
 * frame, as OpenMV's {@code sensor.snapshot()} does. Call {@link #copy()} to keep a frame. Not thread-safe.
 */
public final class Image {
    public static final int NO_ELAPSED = -1;
    public static final long NO_TIMESTAMP = Long.MIN_VALUE;

    private int width;
    private int height;
    private PixelFormat format;
    private ByteBuffer payload;
    private int elapsedMs = NO_ELAPSED;
    private long timestampNanos = NO_TIMESTAMP;

    private Image() {
    }

    /**
     * Wraps a payload as an image. The payload is the buffer's remaining bytes and is not copied.
     *
     * @throws IllegalArgumentException if the payload size does not match the format's rule
     */
    public static Image of(int width, int height, PixelFormat format, ByteBuffer payload) {
        return new Image().set(width, height, format, payload, NO_ELAPSED, NO_TIMESTAMP);
    }

    /** Allocates a zeroed image of an uncompressed format, on the heap or off-heap. */
    public static Image allocate(int width, int height, PixelFormat format, boolean direct) {
        checkGeometry(width, height);
        long bytes = format.uncompressedBytes(width, height);
        if (bytes < 0) {
            throw new IllegalArgumentException(format + " is compressed; wrap the encoded bytes with Image.of");
        }
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(width + "x" + height + " " + format + " needs " + bytes
                    + " bytes, more than one buffer holds");
        }
        ByteBuffer b = direct ? ByteBuffer.allocateDirect((int) bytes) : ByteBuffer.allocate((int) bytes);
        return of(width, height, format, b.order(ByteOrder.LITTLE_ENDIAN));
    }

    /** Returns an empty image for a frame buffer to {@link #set} later. */
    public static Image empty() {
        return new Image();
    }

    /**
     * Points this image at a new frame. Used by streams and frame buffers to reuse one instance per frame.
     *
     * @return this image
     */
    public Image set(int width, int height, PixelFormat format, ByteBuffer payload, int elapsedMs, long timestampNanos) {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(payload, "payload");
        checkGeometry(width, height);
        long expected = format.uncompressedBytes(width, height);
        if (expected >= 0 && payload.remaining() != expected) {
            throw new IllegalArgumentException(width + "x" + height + " " + format + " needs " + expected
                    + " payload bytes, got " + payload.remaining());
        }
        this.width = width;
        this.height = height;
        this.format = format;
        this.payload = payload;
        this.elapsedMs = elapsedMs;
        this.timestampNanos = timestampNanos;
        return this;
    }

    private static void checkGeometry(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("width and height must be positive (was " + width + "x" + height + ")");
        }
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public PixelFormat format() {
        return format;
    }

    /** The payload buffer itself (not a copy); its remaining bytes are the frame. */
    public ByteBuffer payload() {
        return payload;
    }

    /** Payload size in bytes: exact for JPEG/PNG, the format's rule otherwise. */
    public int payloadBytes() {
        return payload.remaining();
    }

    /** Interval since the previous frame in milliseconds, or {@link #NO_ELAPSED}. */
    public int elapsedMs() {
        return elapsedMs;
    }

    /** Monotonic capture time in nanoseconds, or {@link #NO_TIMESTAMP}. */
    public long timestampNanos() {
        return timestampNanos;
    }

    /** @return this image */
    public Image elapsedMs(int elapsedMs) {
        this.elapsedMs = elapsedMs;
        return this;
    }

    /** @return this image */
    public Image timestampNanos(long timestampNanos) {
        this.timestampNanos = timestampNanos;
        return this;
    }

    /** Returns a detached copy with its own heap payload. */
    public Image copy() {
        ByteBuffer src = payload.duplicate();
        ByteBuffer dst = ByteBuffer.allocate(src.remaining()).order(ByteOrder.LITTLE_ENDIAN);
        dst.put(src).flip();
        return new Image().set(width, height, format, dst, elapsedMs, timestampNanos);
    }

    /** Returns true when both images have the same geometry, format and payload bytes (timing ignored). */
    public boolean samePixels(Image other) {
        return other != null && width == other.width && height == other.height && format == other.format
                && payload.equals(other.payload);
    }

    @Override
    public String toString() {
        return width + "x" + height + " " + format + " " + payloadBytes() + "B elapsed=" + elapsedMs + "ms";
    }
}
