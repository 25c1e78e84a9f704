package io.framereel.capture.format;

import io.framereel.storage.PixelFormat;
import io.framereel.storage.pixel.PixelKernels;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;

/**
 * Stores a YUV camera frame of any {@link YuvSampling} as YUV422 / YVU422 (reordering and, for 4:2:0, repeating
 * each chroma line for the two lines it serves), as GRAYSCALE (the luma alone) or as RGB565 (storage's BT.601
 * full-range math, so the pixels equal those of the same frame stored as YUV422 and rendered later).
 *
 * <p>Works line by line through a reused {@link YuvLine}; allocates nothing per frame. Not thread-safe.
 */
final class YuvConversion implements FrameConverter {
    private final YuvSampling sampling;
    private final int width;
    private final int height;
    private final int bytesPerLine;
    private final PixelFormat output;
    private final YuvLine line = new YuvLine();
    // Line scratch for the packed-GRAYSCALE path: one bulk copy in and out of the direct buffers per line, then
    // plain array indexing, which the JIT compiles far tighter than per-byte buffer access.
    private byte[] lumaIn = new byte[0];
    private byte[] lineOut = new byte[0];
    /** Scratch of the RGB565 path, allocated once here; null for the other outputs. */
    private final Rgb565Lines rgb;

    YuvConversion(YuvSampling sampling, int width, int height, int bytesPerLine, PixelFormat output) {
        switch (output) {
            case YUV422:
            case YVU422:
            case GRAYSCALE:
            case RGB565:
                break;
            default:
                throw new IllegalArgumentException("a YUV frame converts to YUV422, YVU422, GRAYSCALE or RGB565, not "
                        + output);
        }
        this.sampling = sampling;
        this.width = width;
        this.height = height;
        this.bytesPerLine = bytesPerLine;
        this.output = output;
        this.rgb = output == PixelFormat.RGB565 ? new Rgb565Lines(width) : null;
    }

    @Override
    public int convert(ByteBuffer src, int start, int length, ByteBuffer dst) {
        int lineOut = width * output.bytesPerPixel();
        for (int y = 0; y < height; y++) {
            sampling.locate(start, bytesPerLine, height, y, line);
            int out = y * lineOut;
            switch (output) {
                case YUV422:
                    interleave(src, dst, out, line.u, line.v);
                    break;
                case YVU422:
                    interleave(src, dst, out, line.v, line.u);
                    break;
                case GRAYSCALE:
                    luma(src, dst, out);
                    break;
                default:
                    rgb565(src, dst, out);
                    break;
            }
        }
        return lineOut * height;
    }

    /** Writes the line as {@code Y0 C1 Y1 C2} groups, C1 and C2 read from the given chroma positions. */
    private void interleave(ByteBuffer src, ByteBuffer dst, int out, int firstChroma, int secondChroma) {
        int lumaStep = line.lumaStep;
        int chromaStep = line.chromaStep;
        int at = line.luma;
        int c = 0;
        for (int x = 0; x < width; x += 2, at += 2 * lumaStep, c += chromaStep, out += 4) {
            dst.put(out, src.get(at));
            dst.put(out + 1, src.get(firstChroma + c));
            dst.put(out + 2, src.get(at + lumaStep));
            dst.put(out + 3, src.get(secondChroma + c));
        }
    }

    private void luma(ByteBuffer src, ByteBuffer dst, int out) {
        int lumaStep = line.lumaStep;
        if (lumaStep == 1) {
            dst.put(out, src, line.luma, width); // a planar format's luma line is already the gray line
            return;
        }
        byte[] in = span(src, line.luma, (width - 1) * lumaStep + 1, lumaIn);
        lumaIn = in;
        byte[] gray = scratchOut(width);
        for (int x = 0, at = 0; x < width; x++, at += lumaStep) {
            gray[x] = in[at];
        }
        dst.put(out, gray, 0, width);
    }

    /**
     * One line to RGB565: its pixel pairs as little-endian ints (a packed line as is; planar and semi-planar
     * lines first interleaved to Y U Y V), converted by PixelKernels' int-array loop, which the JIT vectorizes.
     * Ints go in and out through int views of byte lines, so each step is a bulk copy.
     */
    private void rgb565(ByteBuffer src, ByteBuffer dst, int out) {
        int pairs = width / 2;
        int lumaShift = 0;
        int uShift = 8;
        int vShift = 24;
        if (line.lumaStep == 2) {
            // packed 4:2:2: the line's 2 * width bytes already are the pairs, in this format's byte order
            int start = Math.min(line.luma, Math.min(line.u, line.v));
            src.get(start, rgb.pairBytes, 0, 2 * width);
            lumaShift = 8 * (line.luma - start);
            uShift = 8 * (line.u - start);
            vShift = 8 * (line.v - start);
        } else {
            interleave(src, rgb.pairBuffer, 0, line.u, line.v);
        }
        rgb.pairInts.get(0, rgb.pairs, 0, pairs);
        PixelKernels.yuv422ToRgb565(rgb.pairs, lumaShift, uShift, vShift, rgb.pixels, pairs);
        rgb.pixelInts.put(0, rgb.pixels, 0, pairs);
        dst.put(out, rgb.pixelBytes, 0, 2 * width);
    }

    /** Copies src[from, from + length) into a scratch array (grown once, on the first frame). */
    private static byte[] span(ByteBuffer src, int from, int length, byte[] scratch) {
        byte[] into = scratch.length >= length ? scratch : new byte[length];
        src.get(from, into, 0, length);
        return into;
    }

    private byte[] scratchOut(int length) {
        if (lineOut.length < length) {
            lineOut = new byte[length];
        }
        return lineOut;
    }

    /** One line's pixel pairs in and RGB565 pixel pairs out, as bytes and as little-endian int views of them. */
    private static final class Rgb565Lines {
        final byte[] pairBytes;
        final ByteBuffer pairBuffer;
        final IntBuffer pairInts;
        final int[] pairs;
        final int[] pixels;
        final byte[] pixelBytes;
        final IntBuffer pixelInts;

        Rgb565Lines(int width) {
            pairBytes = new byte[2 * width];
            pairBuffer = ByteBuffer.wrap(pairBytes).order(ByteOrder.LITTLE_ENDIAN);
            pairInts = pairBuffer.asIntBuffer();
            pairs = new int[width / 2];
            pixels = new int[width / 2];
            pixelBytes = new byte[2 * width];
            pixelInts = ByteBuffer.wrap(pixelBytes).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer();
        }
    }
}
