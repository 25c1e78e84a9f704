package io.framereel.capture.format;

import io.framereel.storage.PixelFormat;
import io.framereel.storage.pixel.PixelKernels;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

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
        // Resolved once per frame: RGB565 is stored little-endian whatever order the destination is set to.
        boolean swapRgb565 = dst.order() != ByteOrder.LITTLE_ENDIAN;
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
                    rgb565(src, dst, out, swapRgb565);
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
        for (int x = 0, at = line.luma; x < width; x++, at += lumaStep) {
            dst.put(out + x, src.get(at));
        }
    }

    private void rgb565(ByteBuffer src, ByteBuffer dst, int out, boolean swap) {
        int lumaStep = line.lumaStep;
        int chromaStep = line.chromaStep;
        int at = line.luma;
        int u = line.u;
        int v = line.v;
        for (int x = 0; x < width; x += 2, at += 2 * lumaStep, u += chromaStep, v += chromaStep, out += 4) {
            int pair = PixelKernels.yuvPairToRgb565(src.get(at) & 0xFF, src.get(at + lumaStep) & 0xFF,
                    src.get(u) & 0xFF, src.get(v) & 0xFF);
            dst.putInt(out, swap ? Integer.reverseBytes(pair) : pair);
        }
    }
}
