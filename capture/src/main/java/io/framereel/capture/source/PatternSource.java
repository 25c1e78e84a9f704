package io.framereel.capture.source;

import io.framereel.capture.synth.TestPatternSource;
import io.framereel.storage.Image;
import io.framereel.storage.PixelFormat;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The synthetic camera: the moving test pattern, delivered in real time at its frame rate on an absolute
 * schedule (frame k is due at start + k/fps, so lateness never accumulates). A late consumer sees frames
 * marked as dropped, as a real camera would drop them, rather than a slowed-down clock. Raw formats allocate
 * nothing per frame; JPEG frames are encoded per frame.
 */
public final class PatternSource implements FrameSource {
    private final TestPatternSource pattern;
    private final Image target = Image.empty();
    private long startNanos;
    private long next;
    private long dropped;
    private boolean started;

    public PatternSource(int width, int height, PixelFormat format, double fps) {
        this.pattern = new TestPatternSource(width, height, format, fps);
    }

    @Override
    public StreamShape start() {
        startNanos = System.nanoTime();
        started = true;
        PixelFormat format = pattern.format();
        long max = format.isCompressed()
                ? Math.max(64 * 1024L, (long) pattern.width() * pattern.height() * 3)
                : format.uncompressedBytes(pattern.width(), pattern.height());
        return new StreamShape(pattern.width(), pattern.height(), format, (int) Math.min(Integer.MAX_VALUE - 64, max),
                pattern.fps(), "test pattern " + pattern.width() + "x" + pattern.height() + " " + format + " at "
                        + pattern.fps() + " fps");
    }

    @Override
    public boolean next(ByteBuffer dst, CapturedFrame frame, long timeoutMs) throws IOException {
        if (!started) {
            throw new IllegalStateException("test pattern source not started");
        }
        long now = System.nanoTime();
        if (next == 0) {
            startNanos = now; // the schedule starts with the first frame asked for, as a camera's first frame does
        }
        long due = startNanos + pattern.timestampNanos(next);
        long late = now - due;
        long period = pattern.timestampNanos(1);
        if (late > period) {
            // The consumer fell behind: skip the frames whose time has passed, as a camera overwrites them.
            long skip = late / period;
            next += skip;
            dropped += skip;
            due = startNanos + pattern.timestampNanos(next);
        }
        if (!FrameDue.await(due, now, timeoutMs)) {
            return false;
        }
        long sequence = next++;
        pattern.seek(sequence);
        int bytes = 0;
        if (dst != null) {
            bytes = render(dst);
        }
        frame.set(bytes, sequence, due);
        return true;
    }

    private int render(ByteBuffer dst) throws IOException {
        if (pattern.format().isCompressed()) {
            Image jpeg = pattern.next();
            ByteBuffer payload = jpeg.payload();
            int bytes = payload.remaining();
            if (bytes > dst.capacity()) {
                throw new IOException("test pattern JPEG frame of " + bytes + " bytes exceeds the " + dst.capacity()
                        + "-byte slot");
            }
            // an absolute put is bounded by the limit, which the slot's last (maybe smaller) frame left
            dst.clear().put(0, payload, payload.position(), bytes);
            return bytes;
        }
        int bytes = (int) pattern.format().uncompressedBytes(pattern.width(), pattern.height());
        dst.clear().limit(bytes);
        pattern.fill(target.set(pattern.width(), pattern.height(), pattern.format(), dst, Image.NO_ELAPSED,
                Image.NO_TIMESTAMP));
        dst.clear();
        return bytes;
    }

    @Override
    public long droppedFrames() {
        return dropped;
    }

    @Override
    public void close() {
        started = false;
    }
}
