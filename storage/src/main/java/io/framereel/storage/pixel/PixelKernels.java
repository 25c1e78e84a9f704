package io.framereel.storage.pixel;

import io.framereel.storage.PixelFormat;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.util.Objects;

/**
 * The pixel math behind {@link ArgbConverter}, opened for callers that manage their own buffers and cannot wrap
 * every frame in an {@link io.framereel.storage.Image} (the capture pipeline converting camera frames as they
 * arrive). Sharing the converters' code (the YUV fixed-point terms, the demosaic) is the point: a camera frame
 * converted to RGB565 at capture time is bit-identical to the same frame stored raw and rendered later with
 * {@link ArgbConverter} and {@link DisplayPacker#toRgb565}. Where a format shares work between pixels (chroma
 * between a YUV pair), the entry point takes the whole group, so the work is not repeated per pixel.
 *
 * <p>Thread-safe: the static methods are stateless and allocate nothing; a {@link BayerToRgb565} holds scratch
 * lines and serves one thread.
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
     * Converts a line of packed 4:2:2 pixel pairs to RGB565, each pair as {@link #yuvPairToRgb565}. Pair p is
     * {@code pairs[p]}: its 4 bytes as a little-endian int, the first luma at bit {@code lumaShift}, the second at
     * {@code lumaShift + 16}, U at {@code uShift} and V at {@code vShift} (YUYV: 0, 8, 24; UYVY: 8, 0, 16). Its two
     * pixels go to {@code rgb565[p]} as {@link #yuvPairToRgb565} returns them.
     *
     * <p>A plain counted loop over int arrays whose body is branch-free arithmetic, so that C2 can vectorize it
     * (SuperWord): on x86-64 with JDK 17 it runs several times faster than the same arithmetic over bytes or
     * buffers, or than table lookups. Keep it that way: no table lookups, no calls that do not inline, no control
     * flow in the loop.
     *
     * @throws IndexOutOfBoundsException if either array holds fewer than {@code count} pairs
     */
    public static void yuv422ToRgb565(int[] pairs, int lumaShift, int uShift, int vShift, int[] rgb565, int count) {
        Objects.checkFromIndexSize(0, count, pairs.length);
        Objects.checkFromIndexSize(0, count, rgb565.length);
        for (int p = 0; p < count; p++) {
            int group = pairs[p];
            rgb565[p] = yuvPairToRgb565(group >>> lumaShift & 0xFF, group >>> lumaShift + 16 & 0xFF,
                    group >>> uShift & 0xFF, group >>> vShift & 0xFF);
        }
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
     * Demosaics tightly packed 8-bit Bayer frames of one geometry straight to little-endian RGB565: the pixels of
     * {@link #demosaic} followed by {@link DisplayPacker#toRgb565}, bit for bit, several times faster. It works a
     * line at a time on 8 samples per long and keeps three lines, so no whole-frame array is needed.
     *
     * @throws IllegalArgumentException if {@code pattern} is not a Bayer format or the size is not positive
     */
    public static BayerToRgb565 bayerToRgb565(int width, int height, PixelFormat pattern) {
        if (!pattern.isBayer()) {
            throw new IllegalArgumentException(pattern + " is not a Bayer format");
        }
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("cannot demosaic " + width + "x" + height + " frames");
        }
        return new BayerToRgb565(width, height, pattern);
    }

    /**
     * See {@link #bayerToRgb565}. Holds line scratch for its geometry, allocated once; {@link #convert} allocates
     * nothing. Not thread-safe.
     */
    public static final class BayerToRgb565 {
        /** Where pixel 0 of a line sits in {@link #staged}: one long of neighbours before it. */
        private static final int LINE_START = Long.BYTES;

        private final int width;
        private final int height;
        private final PixelFormat pattern;
        private final int blocks;
        /** One source line, pixel x at LINE_START + x, and a little-endian long view of it. */
        private final byte[] staged;
        private final LongBuffer stagedLongs;
        /** Lines y - 1, y and y + 1 as longs (BayerDemosaic's layout), line n in lines[n % 3]. */
        private final long[][] lines = new long[3][];
        private final long[] pixelLongs;
        private final byte[] pixels;
        private final LongBuffer pixelView;

        private BayerToRgb565(int width, int height, PixelFormat pattern) {
            this.width = width;
            this.height = height;
            this.pattern = pattern;
            this.blocks = (width + Long.BYTES - 1) / Long.BYTES;
            this.staged = new byte[Long.BYTES * (blocks + 2)];
            this.stagedLongs = ByteBuffer.wrap(staged).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer();
            for (int i = 0; i < lines.length; i++) {
                lines[i] = new long[blocks + 2];
            }
            this.pixelLongs = new long[2 * blocks];
            this.pixels = new byte[Long.BYTES * pixelLongs.length];
            this.pixelView = ByteBuffer.wrap(pixels).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer();
        }

        /**
         * Demosaics the {@code width * height} samples at {@code src[srcOffset...]} (absolute reads) into
         * {@code 2 * width * height} bytes at {@code dst[dstOffset...]} (absolute writes, little-endian whatever
         * the buffer's order). Neither buffer's position or limit moves.
         *
         * @throws IllegalArgumentException if either buffer is too small for the frame
         */
        public void convert(ByteBuffer src, int srcOffset, ByteBuffer dst, int dstOffset) {
            long samples = (long) width * height;
            if (srcOffset < 0 || srcOffset + samples > src.limit() || dstOffset < 0
                    || dstOffset + 2 * samples > dst.limit()) {
                throw new IllegalArgumentException("cannot demosaic " + width + "x" + height + " " + pattern
                        + " from offset " + srcOffset + " of a buffer with limit " + src.limit() + " to offset "
                        + dstOffset + " of one with limit " + dst.limit());
            }
            int lineBytes = 2 * width;
            if (width < 2 || height < 2) {
                for (int y = 0; y < height; y++) {
                    BayerDemosaic.rgb565LineByNeighbours(src, srcOffset, width, height, pattern, y, pixels);
                    dst.put(dstOffset + y * lineBytes, pixels, 0, lineBytes);
                }
                return;
            }
            stage(src, srcOffset, 0);
            stage(src, srcOffset, 1);
            for (int y = 0; y < height; y++) {
                if (y > 0 && y + 1 < height) {
                    stage(src, srcOffset, y + 1);
                }
                // past the top and bottom edges the lines are mirrored: line -1 is line 1, line height is height - 2
                long[] above = lines[(y == 0 ? 1 : y - 1) % 3];
                long[] line = lines[y % 3];
                long[] below = lines[(y == height - 1 ? y - 1 : y + 1) % 3];
                boolean greenAtEvenX = BayerDemosaic.greenAtEvenX(pattern, y);
                BayerDemosaic.rgb565Line(above, line, below, blocks, greenAtEvenX, BayerDemosaic.redLine(pattern, y),
                        pixelLongs);
                pixelView.put(0, pixelLongs, 0, pixelLongs.length);
                BayerDemosaic.patchEdgeGreens(above, line, below, width, height, y, greenAtEvenX, pixels);
                dst.put(dstOffset + y * lineBytes, pixels, 0, lineBytes);
            }
        }

        /** Copies source line n into lines[n % 3], its left and right neighbours mirrored (pixel -1 = pixel 1). */
        private void stage(ByteBuffer src, int srcOffset, int n) {
            src.get(srcOffset + n * width, staged, LINE_START, width);
            staged[LINE_START - 1] = staged[LINE_START + 1];
            staged[LINE_START + width] = staged[LINE_START + width - 2];
            stagedLongs.get(0, lines[n % 3], 0, blocks + 2);
        }
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
