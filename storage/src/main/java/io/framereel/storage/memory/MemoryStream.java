package io.framereel.storage.memory;

import io.framereel.storage.EndOfStreamException;
import io.framereel.storage.FrameBuffer;
import io.framereel.storage.Image;
import io.framereel.storage.ImageIO;
import io.framereel.storage.ImageIOException;
import io.framereel.storage.MonotonicClock;
import io.framereel.storage.PixelFormat;
import io.framereel.storage.PlaybackSchedule;
import io.framereel.storage.StreamOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.OptionalInt;

/**
 * An ImageIO stream in pre-allocated off-heap memory: {@code count} slots of {@link #bufferSize()} bytes,
 * sized as OpenMV sizes them (the exact frame size for raw formats, about 2 bits per pixel for JPEG/PNG,
 * rounded up to 32 bytes). Each slot holds one frame of any format that fits. The stream never grows and
 * never wraps by itself: at the last slot, read and write raise {@link EndOfStreamException}; seek(0) to
 * reuse it, or use {@link RingStore} for an overwrite-oldest ring.
 *
 * <p>Not thread-safe.
 */
public final class MemoryStream extends ImageIO {
    private final SlotMemory memory;
    private ByteBuffer[] slots; // dropped on close so the off-heap memory can be collected
    private final SlotHeaders headers;
    private final StreamOptions options;
    private final MonotonicClock clock;
    private final PlaybackSchedule schedule;
    private FrameBuffer frameBuffer;
    private long lastWriteNanos;
    private int offset;
    private boolean closed;

    public MemoryStream(int width, int height, PixelFormat format, int count, StreamOptions options)
            throws ImageIOException {
        if (width <= 0 || height <= 0) {
            throw new ImageIOException(null, -1, -1, "width and height must be positive (was " + width + "x" + height + ")");
        }
        if (count < 1) {
            throw new ImageIOException(null, -1, -1, "count cannot be less than 1 (was " + count + ")");
        }
        long slotBytes = format.memorySlotBytes(width, height);
        if (slotBytes > Integer.MAX_VALUE - 64) {
            throw new ImageIOException(null, -1, -1, width + "x" + height + " " + format + " needs " + slotBytes
                    + " bytes per slot, more than a slot may have (2 GiB)");
        }
        try {
            this.memory = new SlotMemory(count, (int) slotBytes);
        } catch (OutOfMemoryError e) {
            throw new ImageIOException(null, -1, -1, "cannot allocate " + count + " slots of " + slotBytes
                    + " bytes off-heap (raise -XX:MaxDirectMemorySize or use fewer slots)", e);
        }
        this.slots = memory.views();
        this.headers = new SlotHeaders(count);
        this.options = options;
        this.clock = options.clock();
        this.schedule = new PlaybackSchedule(clock);
        this.lastWriteNanos = clock.nanos();
    }

    @Override
    public int type() {
        return MEMORY_STREAM;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public int count() {
        return memory.slots();
    }

    @Override
    public int offset() {
        return offset;
    }

    @Override
    public OptionalInt version() {
        return OptionalInt.empty();
    }

    @Override
    public OptionalInt bufferSize() {
        return OptionalInt.of(memory.slotBytes());
    }

    @Override
    public long size() {
        return memory.totalBytes();
    }

    @Override
    public ImageIO write(Image image) throws ImageIOException {
        ensureOpen();
        if (offset >= memory.slots()) {
            throw new EndOfStreamException(null, offset, "end of stream: all " + memory.slots()
                    + " slots are used (seek(0) to overwrite)");
        }
        ByteBuffer payload = image.payload();
        int bytes = payload.remaining();
        if (bytes > memory.slotBytes()) {
            throw new ImageIOException(null, offset, -1, image.width() + "x" + image.height() + " " + image.format()
                    + " frame of " + bytes + " bytes does not fit the " + memory.slotBytes() + "-byte slot");
        }
        long now = clock.nanos();
        int elapsed = image.elapsedMs() != Image.NO_ELAPSED ? image.elapsedMs()
                : (int) Math.min(Integer.MAX_VALUE, (now - lastWriteNanos + 500_000L) / 1_000_000L);
        lastWriteNanos = now;
        slots[offset].put(0, payload, payload.position(), bytes);
        headers.set(offset, elapsed, image.width(), image.height(), image.format(), bytes, image.timestampNanos());
        offset++;
        return this;
    }

    @Override
    public Image read(boolean copyToFb, boolean loop, boolean pause) throws ImageIOException, java.io.IOException {
        ensureOpen();
        if (offset >= memory.slots()) {
            throw new EndOfStreamException(null, offset, "end of stream after " + memory.slots()
                    + " slots (memory streams do not loop; seek(0))");
        }
        int s = offset;
        if (headers.isEmpty(s)) {
            throw new ImageIOException(null, s, -1, "slot was never written");
        }
        int bytes = headers.payloadBytes[s];
        int elapsed = headers.elapsedMs[s];
        PixelFormat format = headers.format(s);
        ByteBuffer src = slots[s];
        Image image;
        if (copyToFb) {
            ByteBuffer dst = frameBuffer().begin(headers.widths[s], headers.heights[s], format, bytes);
            dst.put(dst.position(), src, 0, bytes);
            frameBuffer.stage(); // as FileStream does: prepared before the wait, shown at the frame's time
            schedule.await(elapsed, pause);
            image = frameBuffer.commit(elapsed, headers.timestampNanos[s]);
        } else {
            schedule.await(elapsed, pause);
            ByteBuffer dst = ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
            dst.put(0, src, 0, bytes);
            image = Image.of(headers.widths[s], headers.heights[s], format, dst).elapsedMs(elapsed)
                    .timestampNanos(headers.timestampNanos[s]);
        }
        offset = s + 1;
        return image;
    }

    @Override
    public ImageIO seek(int newOffset) throws ImageIOException {
        ensureOpen();
        if (newOffset < 0) {
            throw new IllegalArgumentException("offset < 0: " + newOffset);
        }
        if (newOffset >= memory.slots()) {
            throw new EndOfStreamException(null, newOffset, "invalid stream offset: slots are 0.." + (memory.slots() - 1));
        }
        offset = newOffset;
        schedule.reanchor();
        return this;
    }

    @Override
    public ImageIO sync() throws ImageIOException {
        ensureOpen();
        return this;
    }

    @Override
    public void close() {
        closed = true;
        slots = null; // Java 17 has no explicit free for direct memory; unreachable slots are reclaimed by GC
    }

    @Override
    public FrameBuffer frameBuffer() {
        if (frameBuffer == null) {
            frameBuffer = options.frameBufferOrNew();
        }
        return frameBuffer;
    }

    @Override
    public PlaybackSchedule schedule() {
        return schedule;
    }

    private void ensureOpen() throws ImageIOException {
        if (closed) {
            throw new ImageIOException(null, offset, -1, "stream is closed");
        }
    }

    @Override
    public String toString() {
        return "MemoryStream[" + memory.slots() + " x " + memory.slotBytes() + "B, offset=" + offset
                + (closed ? ", closed" : "") + "]";
    }
}
