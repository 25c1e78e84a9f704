package io.framereel.storage.pixel;

import io.framereel.storage.PixelFormat;
import java.nio.ByteBuffer;

/**
 * The pixel math behind {@link ArgbConverter}, opened for callers that manage their own buffers and cannot wrap
 * every frame in an {@link io.framereel.storage.Image} (the capture pipeline converting camera frames as they
 * arrive). Sharing the converters' code (the YUV fixed-point terms, the demosaic) is the point: a camera frame
 * converted to RGB565 at capture time is bit-identical to the same frame stored raw and rendered later with
 * {@link ArgbConverter} and {@link DisplayPacker#toRgb565}. Where a format shares work between pixels (chroma
 * between a YUV pair), the entry point takes the whole group, so the work is not repeated per pixel.
 *
 * <p>Thread-safe: stateless; allocates nothing.
 */
public final class PixelKernels {
    // BT.601 luma weights in 1/65536ths, rounded; they sum to 65536 so white stays 255 and greys stay exact.
    private static final int LUMA_R = 19595; // 0.299
    private static final int LUMA_G = 38470; // 0.587
    private static final int LUMA_B = 7471;  // 0.114

    private PixelKernels() {
    }

    /**
     * Converts two horizontally adjacent pixels that share one U and V (each 0..255) to RGB565 with the BT.601
     * full-range equations YUV422 frames render with, truncated as {@link DisplayPacker#toRgb565} packs them.
     * The chroma terms are computed once for both pixels, which is most of the work.
     *
     * @return the pair as one little-endian 32-bit word: the first pixel in bits 0..15, the second in 16..31, so
     *         {@code putInt} on a little-endian buffer stores them in OpenMV's RGB565 byte order
     */
    public static int yuvPairToRgb565(int luma0, int luma1, int u, int v) {
        int du = u - 128;
        int dv = v - 128;
        int dr = YuvConverter.redOffset(dv);
        int dg = YuvConverter.greenOffset(du, dv);
        int db = YuvConverter.blueOffset(du);
        return rgb565(luma0 + dr, luma0 + dg, luma0 + db) | rgb565(luma1 + dr, luma1 + dg, luma1 + db) << 16;
    }

    /**
     * Clamps the channels and truncates them to 5-6-5 bits: what {@link YuvConverter#pixel} followed by
     * {@link DisplayPacker#toRgb565} gives, without building the ARGB pixel in between (a third of a YUV pair's
     * cost when measured).
     */
    private static int rgb565(int r, int g, int b) {
        return (Channels.clamp(r) >>> 3) << 11 | (Channels.clamp(g) >>> 2) << 5 | Channels.clamp(b) >>> 3;
    }

    /**
     * Demosaics a tightly packed 8-bit Bayer frame ({@code width * height} bytes from {@code offset}, read with
     * absolute gets) into {@code argb[0, width * height)}, exactly as {@link ArgbConverter} renders that frame.
     *
     * @throws IllegalArgumentException if {@code pattern} is not a Bayer format, or the source or destination
     *                                  is too small
     */
    public static void demosaic(ByteBuffer src, int offset, int width, int height, PixelFormat pattern, int[] argb) {
        if (!pattern.isBayer()) {
            throw new IllegalArgumentException(pattern + " is not a Bayer format");
        }
        long pixels = (long) width * height;
        if (width <= 0 || height <= 0 || offset < 0 || offset + pixels > src.limit() || argb.length < pixels) {
            throw new IllegalArgumentException("cannot demosaic " + width + "x" + height + " " + pattern + " from "
                    + "offset " + offset + " of a buffer with limit " + src.limit() + " into " + argb.length
                    + " pixels");
        }
        BayerDemosaic.demosaic(src, offset, width, height, pattern, argb);
    }

    /**
     * BT.601 luma (0.299 R + 0.587 G + 0.114 B), rounded, of an ARGB pixel; alpha is ignored. These are the
     * weights OpenMV turns colour into GRAYSCALE with; its imlib approximates them in 7 bits and truncates
     * ({@code COLOR_RGB888_TO_Y}), so its levels can be one or two lower than these.
     */
    public static int luma(int argb) {
        return (LUMA_R * (argb >>> 16 & 0xFF) + LUMA_G * (argb >>> 8 & 0xFF) + LUMA_B * (argb & 0xFF) + 32768) >>> 16;
    }
}
