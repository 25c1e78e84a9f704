package io.framereel.storage.file;

import io.framereel.storage.Image;
import io.framereel.storage.PixelFormat;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;

/**
 * Frames whose every byte is a function of (seed, frame index), so a test can check what a killed writer left
 * behind without keeping a copy of what it wrote. Mixes all pixel formats, zero-byte frames (ARGB8, empty
 * JPEG), sizes that are and are not multiples of 16, and some frames of 150 KB to 1.2 MB, so a kill has a
 * fair chance of landing inside a write.
 *
 * <p>Payloads are slices of one random off-heap pool made from the seed, so making a frame costs nothing and
 * the JDK writes it without first copying it to a temporary direct buffer: a writer process spends its time
 * inside writev, where kills should land. Payload buffers are read-only views of the pool. Immutable and
 * thread-safe.
 */
final class DeterministicFrames {
    /** Largest frame {@link #frame} makes, in bytes (a 1280x480 RGB565 frame is 1,228,800). */
    static final int MAX_FRAME_BYTES = 1280 * 480 * 2;

    private final long seed;
    private final int largeFramePercent;
    private final ByteBuffer pool;

    /**
     * @param largeFramePercent how many frames in a hundred are large (150 KB to 1.2 MB); the rest are at most a
     *                          few KB
     */
    DeterministicFrames(long seed, int largeFramePercent) {
        this.seed = seed;
        this.largeFramePercent = largeFramePercent;
        ByteBuffer bytes = randomBytes(new SplittableRandom(seed), MAX_FRAME_BYTES + 65536);
        this.pool = ByteBuffer.allocateDirect(bytes.capacity()).put(bytes).flip().asReadOnlyBuffer();
    }

    long seed() {
        return seed;
    }

    /** Frame {@code index} of this seed: a new heap image with its elapsed time set. */
    Image frame(int index) {
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
        Image image = r.nextInt(100) < largeFramePercent ? large(r) : small(r);
        return image.elapsedMs(1 + r.nextInt(999));
    }

    /** Throws if {@code actual} (read back as frame {@code index}) is not exactly what {@link #frame} makes. */
    void check(int index, Image actual, String where) {
        Image expected = frame(index);
        if (actual == null) {
            throw new AssertionError(where + ": frame " + index + " missing, expected " + expected);
        }
        if (!expected.samePixels(actual) || expected.elapsedMs() != actual.elapsedMs()) {
            throw new AssertionError(where + ": frame " + index + " differs: expected " + expected + ", read "
                    + actual + firstDifference(expected.payload(), actual.payload()));
        }
    }

    private static String firstDifference(ByteBuffer a, ByteBuffer b) {
        int n = Math.min(a.remaining(), b.remaining());
        for (int i = 0; i < n; i++) {
            if (a.get(a.position() + i) != b.get(b.position() + i)) {
                return " (first differing payload byte " + i + ")";
            }
        }
        return a.remaining() == b.remaining() ? "" : " (payload lengths differ)";
    }

    private Image small(SplittableRandom r) {
        switch (r.nextInt(9)) {
            case 0:
                return raw(r, PixelFormat.GRAYSCALE, 1 + r.nextInt(64), 1 + r.nextInt(48));
            case 1:
                return raw(r, PixelFormat.RGB565, 1 + r.nextInt(40), 1 + r.nextInt(30));
            case 2:
                return raw(r, PixelFormat.BINARY, 1 + r.nextInt(100), 1 + r.nextInt(40));
            case 3:
                return raw(r, PixelFormat.values()[PixelFormat.BAYER_BGGR.ordinal() + r.nextInt(4)],
                        1 + r.nextInt(50), 1 + r.nextInt(30));
            case 4:
                return raw(r, r.nextBoolean() ? PixelFormat.YUV422 : PixelFormat.YVU422, 1 + r.nextInt(40),
                        1 + r.nextInt(30));
            case 5:
                return raw(r, PixelFormat.ARGB8, 1 + r.nextInt(320), 1 + r.nextInt(240)); // zero payload bytes
            case 6:
                return compressed(r, PixelFormat.PNG, r.nextInt(3000));
            default:
                return compressed(r, PixelFormat.JPEG, r.nextInt(4000)); // includes empty JPEGs
        }
    }

    private Image large(SplittableRandom r) {
        switch (r.nextInt(3)) {
            case 0:
                return raw(r, PixelFormat.GRAYSCALE, 1280, 240 + r.nextInt(721));
            case 1:
                return raw(r, PixelFormat.RGB565, 320 + r.nextInt(961), 480);
            default:
                return compressed(r, PixelFormat.JPEG, 150_000 + r.nextInt(1_000_000));
        }
    }

    private Image raw(SplittableRandom r, PixelFormat format, int width, int height) {
        return Image.of(width, height, format, slice(r, (int) format.uncompressedBytes(width, height)));
    }

    private Image compressed(SplittableRandom r, PixelFormat format, int bytes) {
        return Image.of(160 + r.nextInt(480), 120 + r.nextInt(360), format, slice(r, bytes));
    }

    private ByteBuffer slice(SplittableRandom r, int length) {
        int start = r.nextInt(pool.capacity() - length + 1);
        return pool.duplicate().position(start).limit(start + length).slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    private static ByteBuffer randomBytes(SplittableRandom r, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i += 8) {
            long v = r.nextLong();
            for (int j = 0; j < 8 && i + j < length; j++) {
                bytes[i + j] = (byte) (v >>> (8 * j));
            }
        }
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }
}
