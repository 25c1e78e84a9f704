package io.framereel.device.shm;

import io.framereel.storage.PixelFormat;

/**
 * What a region's slots hold, fixed when the region is created.
 *
 * <p>{@link #RGB565} and {@link #XRGB8888} hold display-ready pixels: every frame, whatever its ImageIO format, is
 * converted once by the writer with storage.pixel's code, so a viewer, a UI or a streamer reads one simple format
 * and none of them has to re-implement OpenMV's BINARY rows, Bayer demosaicing, YUV or JPEG decoding. These are
 * the two layouts Linux displays take, so a reader can copy a slot straight to a framebuffer or a texture.
 *
 * <p>{@link #RAW} passes the ImageIO payload through unchanged (per-slot fourcc and OpenMV code say what it is).
 * It exists for readers that must not lose anything to conversion: a streamer that forwards recorded JPEGs
 * without re-encoding, an analysis tool that wants the Bayer or YUV samples.
 */
public enum RegionFormat {
    /** Little-endian 16-bit 5-6-5, V4L2 fourcc RGBP; also OpenMV's RGB565, so the OpenMV code is set too. */
    RGB565(Fourcc.RGBP, PixelFormat.RGB565.code(), 2),
    /** 32-bit pixels, bytes B, G, R, 0xFF in memory; V4L2 fourcc XR24. OpenMV has no such format: code 0. */
    XRGB8888(Fourcc.XR24, 0, 4),
    /** The ImageIO payload as read or captured; the header's fourcc and code are 0 and each slot names its own. */
    RAW(0, 0, 0);

    /**
     * The default slot size of a RAW region per pixel of its maximum geometry: 2 bytes holds every uncompressed
     * ImageIO format (RGB565 and YUV are the widest) and all but pathological JPEGs.
     */
    static final int RAW_BYTES_PER_PIXEL = 2;

    private final int fourcc;
    private final int pixformat;
    private final int bytesPerPixel;

    RegionFormat(int fourcc, int pixformat, int bytesPerPixel) {
        this.fourcc = fourcc;
        this.pixformat = pixformat;
        this.bytesPerPixel = bytesPerPixel;
    }

    /** The header's fourcc: RGBP, XR24, or 0 for RAW. */
    public int fourcc() {
        return fourcc;
    }

    /** The header's OpenMV pixformat code: RGB565's for RGB565, 0 for XRGB8888 and RAW. */
    public int pixformat() {
        return pixformat;
    }

    /** Bytes per stored pixel; 0 for RAW, whose frames vary. */
    public int bytesPerPixel() {
        return bytesPerPixel;
    }

    /** Whether frames are converted to display pixels (RGB565, XRGB8888) rather than passed through. */
    public boolean isDisplay() {
        return this != RAW;
    }

    /**
     * The slot size a region of this maximum geometry gets unless told otherwise: exactly one full-size frame for
     * the display formats (also their minimum), {@link #RAW_BYTES_PER_PIXEL} per pixel for RAW.
     */
    long defaultSlotBytes(long maxWidth, long maxHeight) {
        return maxWidth * maxHeight * (isDisplay() ? bytesPerPixel : RAW_BYTES_PER_PIXEL);
    }

    /** The format a header's fourcc and code describe, or null when they name none. */
    static RegionFormat fromHeader(int fourcc, int pixformat) {
        for (RegionFormat f : values()) {
            if (f.fourcc == fourcc && f.pixformat == pixformat) {
                return f;
            }
        }
        return null;
    }
}
