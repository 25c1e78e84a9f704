package io.framereel.capture.format;

import io.framereel.storage.PixelFormat;
import io.framereel.storage.pixel.PixelKernels;
import java.nio.ByteBuffer;

/**
 * Stores a Bayer camera frame as RGB565 or GRAYSCALE with storage's bilinear demosaic (the one that renders stored
 * BAYER_* frames, so both routes give the same pixels): to RGB565 line by line with
 * {@link PixelKernels.BayerToRgb565}, straight into the destination; to GRAYSCALE through a whole-frame ARGB
 * array, then each pixel's BT.601 luma.
 *
 * <p>The demosaic reads tight 8-bit samples: a tight 8-bit frame (no line padding) straight from the camera's
 * buffer, any other one after unpacking it into a frame of samples. Scratch memory is allocated here, once per
 * stream geometry; convert allocates nothing.
 */
final class DemosaicConversion implements FrameConverter {
    private final int width;
    private final int height;
    private final PixelFormat pattern;
    /** Null when the camera's bytes already are tight 8-bit samples. */
    private final BayerUnpack unpack;
    private final ByteBuffer samples;
    /** Null for GRAYSCALE. */
    private final PixelKernels.BayerToRgb565 rgb565;
    /** Null for RGB565. */
    private final int[] argb;

    DemosaicConversion(BayerPacking packing, PixelFormat pattern, int width, int height, int bytesPerLine,
            PixelFormat target) {
        if (target != PixelFormat.RGB565 && target != PixelFormat.GRAYSCALE) {
            throw new IllegalArgumentException("a Bayer frame demosaics to RGB565 or GRAYSCALE, not " + target);
        }
        this.width = width;
        this.height = height;
        this.pattern = pattern;
        boolean tight = packing == BayerPacking.BITS_8 && bytesPerLine == width;
        this.unpack = tight ? null : new BayerUnpack(packing, width, height, bytesPerLine);
        this.samples = tight ? null : ByteBuffer.allocate(width * height);
        boolean toRgb565 = target == PixelFormat.RGB565;
        this.rgb565 = toRgb565 ? PixelKernels.bayerToRgb565(width, height, pattern) : null;
        this.argb = toRgb565 ? null : new int[width * height];
    }

    @Override
    public int convert(ByteBuffer src, int start, int length, ByteBuffer dst) {
        ByteBuffer from = src;
        int offset = start;
        if (unpack != null) {
            unpack.convert(src, start, length, samples);
            from = samples;
            offset = 0;
        }
        if (rgb565 != null) {
            rgb565.convert(from, offset, dst, 0);
            return 2 * width * height;
        }
        PixelKernels.demosaic(from, offset, width, height, pattern, argb);
        int pixels = width * height;
        for (int i = 0; i < pixels; i++) {
            dst.put(i, (byte) PixelKernels.luma(argb[i]));
        }
        return pixels;
    }
}
