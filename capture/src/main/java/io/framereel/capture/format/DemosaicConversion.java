package io.framereel.capture.format;

import io.framereel.storage.PixelFormat;
import io.framereel.storage.pixel.DisplayPacker;
import io.framereel.storage.pixel.PixelKernels;
import java.nio.ByteBuffer;

/**
 * Stores a Bayer camera frame as RGB565 or GRAYSCALE: demosaics it with storage's bilinear demosaic (the one
 * that renders stored BAYER_* frames, so both routes give the same pixels), then packs each pixel to RGB565 or
 * its BT.601 luma.
 *
 * <p>The demosaic works on a whole frame of tight 8-bit samples into an ARGB array; both are allocated here,
 * once per stream geometry. A tight 8-bit frame (no line padding) is demosaiced straight from the camera's
 * buffer.
 */
final class DemosaicConversion implements FrameConverter {
    private final int width;
    private final int height;
    private final PixelFormat pattern;
    private final PixelFormat target;
    /** Null when the camera's bytes already are tight 8-bit samples. */
    private final BayerUnpack unpack;
    private final ByteBuffer samples;
    private final int[] argb;

    DemosaicConversion(BayerPacking packing, PixelFormat pattern, int width, int height, int bytesPerLine,
            PixelFormat target) {
        if (target != PixelFormat.RGB565 && target != PixelFormat.GRAYSCALE) {
            throw new IllegalArgumentException("a Bayer frame demosaics to RGB565 or GRAYSCALE, not " + target);
        }
        this.width = width;
        this.height = height;
        this.pattern = pattern;
        this.target = target;
        boolean tight = packing == BayerPacking.BITS_8 && bytesPerLine == width;
        this.unpack = tight ? null : new BayerUnpack(packing, width, height, bytesPerLine);
        this.samples = tight ? null : ByteBuffer.allocate(width * height);
        this.argb = new int[width * height];
    }

    @Override
    public int convert(ByteBuffer src, int start, int length, ByteBuffer dst) {
        if (unpack == null) {
            PixelKernels.demosaic(src, start, width, height, pattern, argb);
        } else {
            unpack.convert(src, start, length, samples);
            PixelKernels.demosaic(samples, 0, width, height, pattern, argb);
        }
        return target == PixelFormat.RGB565 ? packRgb565(dst) : packLuma(dst);
    }

    private int packRgb565(ByteBuffer dst) {
        int lineBytes = width * DisplayPacker.RGB565_BYTES_PER_PIXEL;
        DisplayPacker.packRgb565(argb, width, height, dst, 0, lineBytes);
        return lineBytes * height;
    }

    private int packLuma(ByteBuffer dst) {
        int pixels = width * height;
        for (int i = 0; i < pixels; i++) {
            dst.put(i, (byte) PixelKernels.luma(argb[i]));
        }
        return pixels;
    }
}
