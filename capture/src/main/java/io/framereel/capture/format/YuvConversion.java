package io.framereel.capture.format;

import io.framereel.storage.PixelFormat;
import io.framereel.storage.pixel.PixelKernels;
import java.nio.ByteBuffer;

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
    // Line scratch for the RGB565 and packed-GRAYSCALE paths: one bulk copy in and out of the direct buffers per
    // line, then plain array indexing, which the JIT compiles far tighter than per-byte buffer access (6x for
    // YUYV to RGB565 in ConversionProbe).
    private byte[] lumaIn = new byte[0];
    private byte[] uIn = new byte[0];
    private byte[] vIn = new byte[0];
    private byte[] lineOut = new byte[0];

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

    private void rgb565(ByteBuffer src, ByteBuffer dst, int out) {
        int lumaStep = line.lumaStep;
        int chromaStep = line.chromaStep;
        int pairs = width / 2;
        byte[] y = lumaIn = span(src, line.luma, (width - 1) * lumaStep + 1, lumaIn);
        byte[] u = uIn = span(src, line.u, (pairs - 1) * chromaStep + 1, uIn);
        byte[] v = vIn = span(src, line.v, (pairs - 1) * chromaStep + 1, vIn);
        byte[] rgb = scratchOut(width * 2);
        for (int p = 0, at = 0, c = 0, o = 0; p < pairs; p++, at += 2 * lumaStep, c += chromaStep, o += 4) {
            int pair = PixelKernels.yuvPairToRgb565(y[at] & 0xFF, y[at + lumaStep] & 0xFF, u[c] & 0xFF, v[c] & 0xFF);
            // little-endian 16-bit pixels, as OpenMV stores RGB565, whatever order dst is set to
            rgb[o] = (byte) pair;
            rgb[o + 1] = (byte) (pair >>> 8);
            rgb[o + 2] = (byte) (pair >>> 16);
            rgb[o + 3] = (byte) (pair >>> 24);
        }
        dst.put(out, rgb, 0, width * 2);
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
}
