package io.framereel.capture.format;

import io.framereel.storage.Image;
import io.framereel.storage.PixelFormat;
import io.framereel.storage.pixel.ArgbConverter;
import io.framereel.storage.pixel.DisplayPacker;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

// Test helper: camera buffers as a driver fills them (lines padded to a stride, the frame after some leading
// bytes so a converter that ignores the position reads the wrong pixels), destinations with guard bytes, and
// the reference renderings of storage's ArgbConverter.
final class CameraFrames {
    static final byte PAD = (byte) 0xEE;
    static final byte GUARD = (byte) 0xA5;
    static final int LEAD = 3;

    private CameraFrames() {
    }

    static Optional<PixelFormat> natural() {
        return Optional.empty();
    }

    static Optional<PixelFormat> as(PixelFormat target) {
        return Optional.of(target);
    }

    /** The planes of a raw frame as {lines, unpadded line bytes, stride}. */
    static int[][] planes(CameraFormat f, int width, int height, int bytesPerLine) {
        switch (f) {
            case NV12:
            case NV21:
                return new int[][] {{height, width, bytesPerLine}, {height / 2, width, bytesPerLine}};
            case YUV420:
            case YVU420:
                return new int[][] {{height, width, bytesPerLine}, {height / 2, width / 2, bytesPerLine / 2},
                    {height / 2, width / 2, bytesPerLine / 2}};
            default:
                return new int[][] {{height, (int) f.minBytesPerLine(width), bytesPerLine}};
        }
    }

    /** Seeded random bytes for an unpadded raw frame: every byte pattern is a valid raw frame. */
    static byte[] random(CameraFormat f, int width, int height, long seed) {
        byte[] b = new byte[(int) f.frameBytes((int) f.minBytesPerLine(width), height)];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** A direct buffer holding the unpadded frame laid out at {@code bytesPerLine}, padding bytes = PAD. */
    static ByteBuffer camera(CameraFormat f, int width, int height, int bytesPerLine, byte[] unpadded) {
        int[][] tight = planes(f, width, height, (int) f.minBytesPerLine(width));
        int[][] padded = planes(f, width, height, bytesPerLine);
        byte[] laid = new byte[(int) f.frameBytes(bytesPerLine, height)];
        Arrays.fill(laid, PAD);
        int in = 0;
        int out = 0;
        for (int p = 0; p < padded.length; p++) {
            for (int line = 0; line < padded[p][0]; line++) {
                System.arraycopy(unpadded, in + line * tight[p][2], laid, out + line * padded[p][2], padded[p][1]);
            }
            in += tight[p][0] * tight[p][2];
            out += padded[p][0] * padded[p][2];
        }
        return camera(laid);
    }

    /** A direct buffer with {@code bytes} between position and limit, after LEAD bytes of PAD. */
    static ByteBuffer camera(byte[] bytes) {
        ByteBuffer b = ByteBuffer.allocateDirect(LEAD + bytes.length + LEAD);
        for (int i = 0; i < b.capacity(); i++) {
            b.put(i, PAD);
        }
        b.put(LEAD, bytes);
        return b.position(LEAD).limit(LEAD + bytes.length);
    }

    /** A direct destination of {@code bytes} bytes plus guard bytes (limit = capacity) to catch overruns. */
    static ByteBuffer destination(int bytes) {
        ByteBuffer b = ByteBuffer.allocateDirect(bytes + 16);
        for (int i = 0; i < b.capacity(); i++) {
            b.put(i, GUARD);
        }
        return b;
    }

    /** dst[0, n) as an array; fails the caller's check if anything past n was touched. */
    static byte[] written(ByteBuffer dst, int n) {
        for (int i = n; i < dst.limit(); i++) {
            if (dst.get(i) != GUARD) {
                throw new AssertionError("byte " + i + " past the converted " + n + " bytes was written");
            }
        }
        byte[] out = new byte[n];
        dst.get(0, out);
        return out;
    }

    /** Converts and returns the stored bytes. */
    static byte[] convert(FrameConversion c, ByteBuffer camera) throws FrameFormatException {
        ByteBuffer dst = destination(c.maxOutputBytes());
        int n = c.convert(camera, dst);
        return written(dst, n);
    }

    /** Storage's rendering of a stored frame, packed to little-endian RGB565 as a display would get it. */
    static byte[] rgb565ByArgbConverter(int width, int height, PixelFormat format, byte[] payload) {
        int[] argb = argbByArgbConverter(width, height, format, payload);
        ByteBuffer out = ByteBuffer.allocate(width * height * 2).order(ByteOrder.LITTLE_ENDIAN);
        DisplayPacker.packRgb565(argb, width, height, out, 0, width * 2);
        return out.array();
    }

    static int[] argbByArgbConverter(int width, int height, PixelFormat format, byte[] payload) {
        int[] argb = new int[width * height];
        ArgbConverter.convert(Image.of(width, height, format, ByteBuffer.wrap(payload)), argb);
        return argb;
    }

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    /** Every raw camera format with each way it can be stored: (format, target or empty). */
    static Stream<Arguments> rawPaths() {
        List<Arguments> paths = new ArrayList<>();
        for (CameraFormat f : CameraFormat.values()) {
            if (f.family() == CameraFormat.Family.COMPRESSED) {
                continue;
            }
            paths.add(Arguments.of(f, natural()));
            if (f.family() == CameraFormat.Family.YUV || f.family() == CameraFormat.Family.BAYER) {
                paths.add(Arguments.of(f, as(PixelFormat.RGB565)));
                paths.add(Arguments.of(f, as(PixelFormat.GRAYSCALE)));
            }
        }
        return paths.stream();
    }
}
