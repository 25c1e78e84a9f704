package io.framereel.storage.pixel;

/**
 * Channel packing helpers shared by the converters: 8-bit channels to opaque ARGB, and the RGB565 expansion.
 *
 * <p>Thread-safe: stateless.
 */
final class Channels {
    static final int OPAQUE_BLACK = 0xFF000000;
    static final int OPAQUE_WHITE = 0xFFFFFFFF;

    private Channels() {
    }

    /** Packs 8-bit channels (each already in 0..255) into an opaque ARGB pixel. */
    static int argb(int r, int g, int b) {
        return 0xFF000000 | (r << 16) | (g << 8) | b;
    }

    /** Returns an opaque gray ARGB pixel for an 8-bit level. */
    static int gray(int level) {
        return 0xFF000000 | (level * 0x010101);
    }

    /**
     * Clamps an intermediate channel value to 0..255 without branches: YUV input saturates often in bright or
     * saturated scenes, and mispredicted branches there cost more than the arithmetic.
     */
    static int clamp(int v) {
        int nonNegative = v & ~(v >> 31);
        return (nonNegative | ((255 - nonNegative) >> 31)) & 0xFF;
    }

    /**
     * Expands an RGB565 value to opaque ARGB by bit replication, so 0x1F maps to 0xFF and 0 to 0 exactly and
     * packing the result back to RGB565 by truncation gives the original value.
     */
    static int rgb565ToArgb(int rgb565) {
        int r5 = (rgb565 >>> 11) & 0x1F;
        int g6 = (rgb565 >>> 5) & 0x3F;
        int b5 = rgb565 & 0x1F;
        return argb((r5 << 3) | (r5 >>> 2), (g6 << 2) | (g6 >>> 4), (b5 << 3) | (b5 >>> 2));
    }
}
