package io.framereel.storage.pixel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Packs ARGB pixels into the two framebuffer layouts a display needs: RGB565 (little-endian 16-bit) and
 * XRGB8888 (little-endian 32-bit, bytes B G R X).
 *
 * <p>Writes use absolute puts, so the destination's position, limit and byte order are left untouched, and
 * the output is little-endian whatever the buffer's order setting. Rows may be padded (a Linux framebuffer's
 * {@code line_length} can exceed {@code width * bytesPerPixel}), hence the explicit stride. Nothing is
 * allocated.
 *
 * <p>Thread-safe: stateless; concurrent calls must not share a destination region.
 */
public final class DisplayPacker {
    public static final int RGB565_BYTES_PER_PIXEL = 2;
    public static final int XRGB8888_BYTES_PER_PIXEL = 4;

    private DisplayPacker() {
    }

    /** Returns the RGB565 value of an ARGB pixel, truncating each channel to its top 5 or 6 bits. */
    public static short toRgb565(int argb) {
        return (short) (((argb >>> 8) & 0xF800) | ((argb >>> 5) & 0x07E0) | ((argb >>> 3) & 0x001F));
    }

    /** Returns the XRGB8888 value of an ARGB pixel; the X byte is 0xFF so drivers that read it as alpha show it opaque. */
    public static int toXrgb8888(int argb) {
        return argb | 0xFF000000;
    }

    /**
     * Packs {@code width * height} row-major ARGB pixels as RGB565; row y starts at byte
     * {@code dstOffset + y * dstStrideBytes} of {@code dst}.
     *
     * @throws IllegalArgumentException if the source or destination is too small or the stride is shorter
     *                                  than a row
     */
    public static void packRgb565(int[] argb, int width, int height, ByteBuffer dst, int dstOffset, int dstStrideBytes) {
        checkRegion(argb, width, height, dst, dstOffset, dstStrideBytes, RGB565_BYTES_PER_PIXEL);
        boolean swap = dst.order() != ByteOrder.LITTLE_ENDIAN;
        for (int y = 0; y < height; y++) {
            int in = y * width;
            int out = dstOffset + y * dstStrideBytes;
            for (int x = 0; x < width; x++, out += RGB565_BYTES_PER_PIXEL) {
                short value = toRgb565(argb[in + x]);
                dst.putShort(out, swap ? Short.reverseBytes(value) : value);
            }
        }
    }

    /**
     * Packs {@code width * height} row-major ARGB pixels as XRGB8888; row y starts at byte
     * {@code dstOffset + y * dstStrideBytes} of {@code dst}.
     *
     * @throws IllegalArgumentException if the source or destination is too small or the stride is shorter
     *                                  than a row
     */
    public static void packXrgb8888(int[] argb, int width, int height, ByteBuffer dst, int dstOffset, int dstStrideBytes) {
        checkRegion(argb, width, height, dst, dstOffset, dstStrideBytes, XRGB8888_BYTES_PER_PIXEL);
        boolean swap = dst.order() != ByteOrder.LITTLE_ENDIAN;
        for (int y = 0; y < height; y++) {
            int in = y * width;
            int out = dstOffset + y * dstStrideBytes;
            for (int x = 0; x < width; x++, out += XRGB8888_BYTES_PER_PIXEL) {
                int value = toXrgb8888(argb[in + x]);
                dst.putInt(out, swap ? Integer.reverseBytes(value) : value);
            }
        }
    }

    private static void checkRegion(int[] argb, int width, int height, ByteBuffer dst, int dstOffset,
            int dstStrideBytes, int bytesPerPixel) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("width and height must be positive (was " + width + "x" + height + ")");
        }
        long pixels = (long) width * height;
        if (argb.length < pixels) {
            throw new IllegalArgumentException("argb holds " + argb.length + " pixels but " + width + "x" + height
                    + " needs " + pixels);
        }
        long rowBytes = (long) width * bytesPerPixel;
        if (dstStrideBytes < rowBytes) {
            throw new IllegalArgumentException("dstStrideBytes " + dstStrideBytes + " is shorter than a row of "
                    + width + " pixels (" + rowBytes + " bytes)");
        }
        long end = dstOffset + (long) (height - 1) * dstStrideBytes + rowBytes;
        if (dstOffset < 0 || end > dst.limit()) {
            throw new IllegalArgumentException("dst limit " + dst.limit() + " cannot hold " + width + "x" + height
                    + " at offset " + dstOffset + " with stride " + dstStrideBytes + " (needs " + end + " bytes)");
        }
    }
}
