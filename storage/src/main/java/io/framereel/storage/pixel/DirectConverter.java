package io.framereel.storage.pixel;

import io.framereel.storage.PixelFormat;
import java.nio.ByteBuffer;

/**
 * Converts the formats that store one self-contained value per pixel (BINARY, GRAYSCALE, RGB565) to ARGB.
 *
 * <p>Thread-safe: stateless; reads the payload with absolute gets only.
 */
final class DirectConverter {
    private DirectConverter() {
    }

    /**
     * BINARY rows are padded to whole little-endian 32-bit words; within a row pixel x is bit {@code x & 7} of
     * byte {@code x >> 3} (LSB-first). A set bit is white.
     */
    static void binary(ByteBuffer src, int offset, int width, int height, int[] dst) {
        int rowBytes = (int) PixelFormat.binaryRowBytes(width);
        int out = 0;
        for (int y = 0; y < height; y++) {
            int row = offset + y * rowBytes;
            for (int x = 0; x < width; x++) {
                int bit = (src.get(row + (x >>> 3)) >>> (x & 7)) & 1;
                dst[out++] = bit != 0 ? Channels.OPAQUE_WHITE : Channels.OPAQUE_BLACK;
            }
        }
    }

    static void grayscale(ByteBuffer src, int offset, int width, int height, int[] dst) {
        int pixels = width * height;
        for (int i = 0; i < pixels; i++) {
            dst[i] = Channels.gray(src.get(offset + i) & 0xFF);
        }
    }

    /** RGB565 pixels are little-endian uint16 regardless of the buffer's byte order setting. */
    static void rgb565(ByteBuffer src, int offset, int width, int height, int[] dst) {
        int pixels = width * height;
        for (int i = 0, at = offset; i < pixels; i++, at += 2) {
            int value = (src.get(at) & 0xFF) | ((src.get(at + 1) & 0xFF) << 8);
            dst[i] = Channels.rgb565ToArgb(value);
        }
    }
}
