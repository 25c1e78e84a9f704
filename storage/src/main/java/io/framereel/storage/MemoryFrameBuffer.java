package io.framereel.storage;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A frame buffer in process memory: one off-heap buffer that grows to the largest frame seen, and one
 * reused {@link Image}. After the first frame of the largest size, loading a frame allocates nothing.
 * Not thread-safe.
 */
public final class MemoryFrameBuffer implements FrameBuffer {
    private ByteBuffer memory;
    private final Image image = Image.empty();
    private int width;
    private int height;
    private PixelFormat format;
    private long frames;

    public MemoryFrameBuffer() {
        this(0);
    }

    /** Creates a frame buffer with room for {@code initialBytes} before it first grows. */
    public MemoryFrameBuffer(int initialBytes) {
        memory = ByteBuffer.allocateDirect(Math.max(initialBytes, 64)).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public ByteBuffer begin(int width, int height, PixelFormat format, int payloadBytes) {
        if (payloadBytes > memory.capacity()) {
            memory = ByteBuffer.allocateDirect(payloadBytes).order(ByteOrder.LITTLE_ENDIAN);
        }
        this.width = width;
        this.height = height;
        this.format = format;
        memory.clear().limit(payloadBytes);
        return memory;
    }

    @Override
    public Image commit(int elapsedMs, long timestampNanos) {
        memory.position(0);
        frames++;
        return image.set(width, height, format, memory, elapsedMs, timestampNanos);
    }

    /** The image loaded last (empty before the first frame). */
    public Image image() {
        return image;
    }

    /** How many frames were loaded. */
    public long frames() {
        return frames;
    }
}
