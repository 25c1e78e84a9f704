package io.framereel.storage;

import java.util.Locale;

/**
 * The pixel formats of OpenMV images, with the 32-bit codes OpenMV stores in V2.0 stream chunks.
 *
 * <p>A code packs flags and ids: bits 28..24 are the Y (YUV), M (mutable), C (colour), J (compressed) and
 * R (raw Bayer) flags, bits 23..16 the format id, 15..8 the sub-format id and 7..0 the bytes per pixel
 * (0 for binary and compressed formats). The values are fixed by the firmware (imlib.h) and have not
 * changed since before the V2.0 stream format existed.
 *
 * <p>{@link #ARGB8} is valid in streams but the firmware's {@code image_size()} has no case for it, so an
 * ARGB8 frame always carries zero payload bytes. We keep that quirk so files stay interchangeable.
 */
public enum PixelFormat {
    BINARY(0x08010000),
    GRAYSCALE(0x08020001),
    RGB565(0x0C030002),
    ARGB8(0x0C080004),
    BAYER_BGGR(0x05040001),
    BAYER_GBRG(0x05040101),
    BAYER_GRBG(0x05040201),
    BAYER_RGGB(0x05040301),
    YUV422(0x14050002),
    YVU422(0x14050102),
    JPEG(0x06060000),
    PNG(0x06070000);

    public static final int FLAG_YUV = 1 << 28;
    public static final int FLAG_MUTABLE = 1 << 27;
    public static final int FLAG_COLOR = 1 << 26;
    public static final int FLAG_COMPRESSED = 1 << 25;
    public static final int FLAG_RAW = 1 << 24;

    private static final PixelFormat[] VALUES = values();

    private final int code;

    PixelFormat(int code) {
        this.code = code;
    }

    /** The 32-bit OpenMV pixformat code, as stored little-endian in V2.0 chunks. */
    public int code() {
        return code;
    }

    /** Bytes per pixel from the low byte of the code; 0 for binary and compressed formats. */
    public int bytesPerPixel() {
        return code & 0xFF;
    }

    public int formatId() {
        return (code >>> 16) & 0xFF;
    }

    public int subformatId() {
        return (code >>> 8) & 0xFF;
    }

    public boolean isCompressed() {
        return (code & FLAG_COMPRESSED) != 0;
    }

    public boolean isBayer() {
        return (code & FLAG_RAW) != 0;
    }

    public boolean isYuv() {
        return (code & FLAG_YUV) != 0;
    }

    public boolean isColor() {
        return (code & FLAG_COLOR) != 0;
    }

    public boolean isMutable() {
        return (code & FLAG_MUTABLE) != 0;
    }

    /**
     * Returns the payload size of a {@code width x height} frame by OpenMV's {@code image_size()} rule, or
     * -1 for compressed formats, whose size is carried per frame. Computed in {@code long} so forged
     * dimensions cannot overflow.
     */
    public long uncompressedBytes(long width, long height) {
        switch (this) {
            case BINARY:
                return binaryRowBytes(width) * height;
            case GRAYSCALE:
            case BAYER_BGGR:
            case BAYER_GBRG:
            case BAYER_GRBG:
            case BAYER_RGGB:
                return width * height;
            case RGB565:
            case YUV422:
            case YVU422:
                return width * height * 2;
            case ARGB8:
                return 0; // firmware quirk: image_size() has no ARGB8 case
            case JPEG:
            case PNG:
                return -1;
            default:
                throw new AssertionError(this);
        }
    }

    /** Bytes per row of a BINARY image: rows are padded to whole little-endian 32-bit words. */
    public static long binaryRowBytes(long width) {
        return ((width + 31) >> 5) * 4;
    }

    /**
     * Returns the per-frame data capacity OpenMV reserves in a memory stream for this format: the exact size
     * for raw formats, and for JPEG/PNG an estimate of about 2 bits per pixel (the size of a BINARY image
     * twice as tall), rounded up to OpenMV's 32-byte slot alignment.
     */
    public long memorySlotBytes(long width, long height) {
        long estimate = isCompressed() ? BINARY.uncompressedBytes(width, 2 * height) : uncompressedBytes(width, height);
        return (estimate + 31) & ~31L;
    }

    /** Returns the format with this OpenMV code, or null when the firmware would reject the code. */
    public static PixelFormat fromCode(int code) {
        for (PixelFormat f : VALUES) {
            if (f.code == code) {
                return f;
            }
        }
        return null;
    }

    /**
     * Parses a format name as OpenMV scripts spell it: the enum names plus the firmware aliases
     * {@code BAYER} (= BAYER_BGGR), {@code YUV} (= YUV422) and {@code GRAY}. Case-insensitive.
     */
    public static PixelFormat parse(String name) {
        String n = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        switch (n) {
            case "BAYER":
                return BAYER_BGGR;
            case "YUV":
            case "YUYV":
                return YUV422;
            case "GRAY":
            case "GREY":
                return GRAYSCALE;
            default:
                for (PixelFormat f : VALUES) {
                    if (f.name().equals(n)) {
                        return f;
                    }
                }
                throw new IllegalArgumentException("unknown pixel format '" + name + "' (expected one of "
                        + java.util.Arrays.toString(VALUES) + ")");
        }
    }

    /** Formats as "RGB565 (0x0C030002)". */
    public String describe() {
        return name() + String.format(Locale.ROOT, " (0x%08X)", code);
    }
}
