package io.framereel.device.shm;

import io.framereel.storage.PixelFormat;

/**
 * V4L2-style fourcc codes (four ASCII characters, the first in the low byte) for what a slot holds. Kept here
 * rather than borrowed from the V4L2 binding so the region, which any process may read, depends on nothing
 * native. Stateless.
 */
final class Fourcc {
    /** V4L2_PIX_FMT_RGB565 and DRM's RG16 layout: little-endian 16-bit 5-6-5. */
    static final int RGBP = of("RGBP");
    /** V4L2_PIX_FMT_XRGB32 (DRM_FORMAT_XRGB8888): bytes B, G, R, X in memory. */
    static final int XR24 = of("XR24");

    private Fourcc() {
    }

    static int of(String name) {
        if (name.length() != 4) {
            throw new IllegalArgumentException("a fourcc has 4 characters (was \"" + name + "\")");
        }
        return name.charAt(0) | name.charAt(1) << 8 | name.charAt(2) << 16 | name.charAt(3) << 24;
    }

    /**
     * The V4L2 code whose memory layout is exactly OpenMV's for this format, or 0 where V4L2 has none (BINARY's
     * LSB-first word-padded rows, ARGB8, PNG): readers then go by the OpenMV code alone.
     */
    static int forImageIo(PixelFormat format) {
        switch (format) {
            case GRAYSCALE:
                return of("GREY");
            case RGB565:
                return RGBP;
            case YUV422:
                return of("YUYV");
            case YVU422:
                return of("YVYU");
            case BAYER_BGGR:
                return of("BA81");
            case BAYER_GBRG:
                return of("GBRG");
            case BAYER_GRBG:
                return of("GRBG");
            case BAYER_RGGB:
                return of("RGGB");
            case JPEG:
                return of("JPEG");
            default:
                return 0;
        }
    }

    /** The four characters, or hex when a byte is not printable (a damaged field). */
    static String toString(int code) {
        StringBuilder s = new StringBuilder(4);
        for (int i = 0; i < 4; i++) {
            int c = code >>> (8 * i) & 0xFF;
            if (c < 0x20 || c > 0x7E) {
                return String.format("0x%08X", code);
            }
            s.append((char) c);
        }
        return s.toString();
    }
}
