package io.framereel.webcam;

import io.framereel.device.v4l2.FourCc;
import io.framereel.storage.PixelFormat;

import java.util.ArrayList;
import java.util.List;

/**
 * The V4L2 pixel formats the driver turns into RGB, each with the storage format whose ARGB conversion
 * ({@link io.framereel.storage.pixel.ArgbConverter}) reads its bytes as they are, so no colour math lives here.
 * Declared in order of preference: YUYV first (every UVC webcam has it, and it converts without decoding), then
 * MJPEG (the only way to high resolutions at full rate over USB 2, but a JPEG decode per frame), then the rest.
 */
enum RgbFormat {
    YUYV("YUYV", PixelFormat.YUV422),
    MJPG("MJPG", PixelFormat.JPEG),
    JPEG("JPEG", PixelFormat.JPEG),
    YVYU("YVYU", PixelFormat.YVU422),
    // V4L2's RGBP is little-endian RGB565, the byte order storage's RGB565 has.
    RGBP("RGBP", PixelFormat.RGB565),
    GREY("GREY", PixelFormat.GRAYSCALE),
    BA81("BA81", PixelFormat.BAYER_BGGR),
    GBRG("GBRG", PixelFormat.BAYER_GBRG),
    GRBG("GRBG", PixelFormat.BAYER_GRBG),
    RGGB("RGGB", PixelFormat.BAYER_RGGB);

    private final String fourccName;
    private final int fourcc;
    private final PixelFormat pixels;

    RgbFormat(String fourccName, PixelFormat pixels) {
        this.fourccName = fourccName;
        this.fourcc = FourCc.of(fourccName);
        this.pixels = pixels;
    }

    /** The format with this V4L2 code, or null when the driver cannot convert it. */
    static RgbFormat of(int fourcc) {
        for (RgbFormat f : values()) {
            if (f.fourcc == fourcc) {
                return f;
            }
        }
        return null;
    }

    /**
     * The format named by its four characters ("YUYV", "MJPG"), case-sensitive as V4L2 spells them.
     *
     * @throws IllegalArgumentException naming the formats the driver converts
     */
    static RgbFormat named(String fourccName) {
        for (RgbFormat f : values()) {
            if (f.fourccName.equals(fourccName)) {
                return f;
            }
        }
        throw new IllegalArgumentException("pixelFormat " + fourccName + " is not one this driver converts to RGB;"
                + " use one of " + names());
    }

    static List<String> names() {
        List<String> names = new ArrayList<>();
        for (RgbFormat f : values()) {
            names.add(f.fourccName);
        }
        return names;
    }

    int fourcc() {
        return fourcc;
    }

    String fourccName() {
        return fourccName;
    }

    /** How storage reads these bytes. */
    PixelFormat pixels() {
        return pixels;
    }

    boolean compressed() {
        return pixels.isCompressed();
    }

    /** Bytes of one unpadded line; 0 for compressed formats. */
    int lineBytes(int width) {
        return width * pixels.bytesPerPixel();
    }
}
