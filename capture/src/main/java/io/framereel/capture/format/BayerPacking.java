package io.framereel.capture.format;

import java.nio.ByteBuffer;

/**
 * How a Bayer camera packs its samples into a line, and how to get OpenMV's 8-bit samples back out. OpenMV's
 * Bayer formats hold 8 bits per pixel, so 10-bit samples keep their top 8 bits (dropping the 2 bits of
 * precision below what ImageIO can store, the same as a sensor's own 8-bit mode).
 *
 * <p>All methods read and write with absolute indexing and allocate nothing.
 */
enum BayerPacking {
    /** One byte per sample (BA81, GBRG, GRBG, RGGB). */
    BITS_8 {
        @Override
        long minBytesPerLine(int width) {
            return width;
        }

        @Override
        void unpackLine(ByteBuffer src, int at, int width, ByteBuffer dst, int out) {
            dst.put(out, src, at, width);
        }
    },
    /** A little-endian 16-bit word per sample holding 10 bits (BG10, GB10, BA10, RG10). */
    UNPACKED_10 {
        @Override
        long minBytesPerLine(int width) {
            return 2L * width;
        }

        @Override
        void unpackLine(ByteBuffer src, int at, int width, ByteBuffer dst, int out) {
            for (int x = 0, in = at; x < width; x++, in += 2) {
                // Bits 9..2 of the word: the low byte's top 6 bits and the high byte's low 2 bits. The bytes
                // are read singly so the buffer's byte-order setting cannot matter.
                int low = src.get(in) & 0xFF;
                int high = src.get(in + 1) & 0x03;
                dst.put(out + x, (byte) (low >>> 2 | high << 6));
            }
        }
    },
    /**
     * MIPI CSI-2 RAW10 (pBAA, pGAA, pgAA, pRAA): each group of 4 samples is 5 bytes, the top 8 bits of the 4
     * samples and then one byte with their 2 low bits each; so the top 8 bits are the group's first 4 bytes.
     */
    MIPI_10 {
        @Override
        long minBytesPerLine(int width) {
            return (5L * width + 3) / 4; // as the kernel's v4l2_fill_pixfmt() rounds it
        }

        @Override
        void unpackLine(ByteBuffer src, int at, int width, ByteBuffer dst, int out) {
            int x = 0;
            int in = at;
            for (; x + 4 <= width; x += 4, in += 5) {
                dst.put(out + x, src.get(in));
                dst.put(out + x + 1, src.get(in + 1));
                dst.put(out + x + 2, src.get(in + 2));
                dst.put(out + x + 3, src.get(in + 3));
            }
            for (int i = 0; x < width; x++, i++) {
                dst.put(out + x, src.get(in + i)); // a last, partial group
            }
        }
    };

    /** Bytes of one unpadded line of {@code width} samples. */
    abstract long minBytesPerLine(int width);

    /** Writes the top 8 bits of the {@code width} samples of the line at {@code src[at]} to {@code dst[out...]}. */
    abstract void unpackLine(ByteBuffer src, int at, int width, ByteBuffer dst, int out);
}
