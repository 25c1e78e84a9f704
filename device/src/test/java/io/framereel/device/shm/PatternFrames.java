package io.framereel.device.shm;

import io.framereel.storage.Image;
import io.framereel.storage.PixelFormat;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Frames whose bytes say which frame they are, so a reader can prove it never saw a torn one. Frame n is RGB565
 * with a size that depends on n; its first 8 payload bytes are n (little-endian) and the rest come from one of
 * {@value #PATTERNS} precomputed pseudo-random patterns, chosen by n. Any two frames a slot holds in succession
 * (n and n + slots) have different sizes or patterns, so a copy that mixes them, or pixels under another frame's
 * descriptor, fails the check at about 255 of every 256 bytes.
 *
 * <p>The patterns are precomputed so writing a frame costs one memcpy and checking one vectorised comparison:
 * writer and readers then spend their time in the region, where the races are, not in pattern arithmetic.
 */
final class PatternFrames {
    static final int MAX_WIDTH = 128;
    static final int MAX_HEIGHT = 64;
    /** Prime and larger than any slot count used with these frames. */
    static final int PATTERNS = 61;

    private static final byte[][] TABLE = new byte[PATTERNS][MAX_WIDTH * MAX_HEIGHT * 2];

    static {
        for (int p = 0; p < PATTERNS; p++) {
            for (int i = 0; i < TABLE[p].length; i++) {
                long x = p * 0x9E3779B97F4A7C15L + i;
                x ^= x >>> 29;
                x *= 0xBF58476D1CE4E5B9L;
                x ^= x >>> 32;
                TABLE[p][i] = (byte) x;
            }
        }
    }

    private PatternFrames() {
    }

    static int width(long n) {
        return 64 + (int) (n % 17) * 4;
    }

    static int height(long n) {
        return 32 + (int) (n % 33);
    }

    private static byte[] pattern(long n) {
        return TABLE[(int) (n % PATTERNS)];
    }

    /** A direct buffer big enough for any pattern frame, for {@link #fill} to reuse. */
    static ByteBuffer buffer() {
        return ByteBuffer.allocateDirect(MAX_WIDTH * MAX_HEIGHT * 2).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Writes frame n into {@code buffer} and points {@code image} at it. */
    static Image fill(long n, ByteBuffer buffer, Image image) {
        int bytes = width(n) * height(n) * 2;
        buffer.clear().limit(bytes);
        buffer.put(0, pattern(n), 0, bytes);
        buffer.putLong(0, n);
        return image.set(width(n), height(n), PixelFormat.RGB565, buffer, Image.NO_ELAPSED, Image.NO_TIMESTAMP);
    }

    static Image frame(long n) {
        return fill(n, buffer(), Image.empty());
    }

    /**
     * Checks frame bytes against the pattern of frame {@code n}, the frame their descriptor names.
     *
     * @return null when all is right, otherwise what is wrong
     */
    static String problem(long n, int width, int height, int stride, ByteBuffer pixels) {
        int bytes = width(n) * height(n) * 2;
        if (width != width(n) || height != height(n) || stride != width(n) * 2 || pixels.limit() != bytes) {
            return "frame " + n + " described as " + width + "x" + height + " stride " + stride + " "
                    + pixels.limit() + "B, expected " + width(n) + "x" + height(n);
        }
        if (pixels.getLong(0) != n) {
            return "frame " + n + " holds the pixels of frame " + pixels.getLong(0);
        }
        int at = Arrays.mismatch(pixels.array(), 8, bytes, pattern(n), 8, bytes);
        return at < 0 ? null : "frame " + n + " differs from its pattern at byte " + (8 + at);
    }

    static String problem(FrameCopy copy) {
        return problem(copy.frameNumber(), copy.width(), copy.height(), copy.stride(), copy.pixels());
    }
}
