package io.framereel.capture.source;

import io.framereel.storage.PixelFormat;

import java.util.Locale;
import java.util.Map;

/**
 * {@code --format} names either side's way: a V4L2 fourcc (YUYV, MJPG, GREY, BA81) or the ImageIO format it is
 * stored as (YUV422, JPEG, GRAYSCALE, BAYER_BGGR). Cameras are asked for fourccs and the synthetic pattern is
 * made in ImageIO formats, so each name is translated to what its consumer understands.
 */
final class CameraFormats {
    private static final Map<String, String> FOURCC_BY_IMAGEIO = Map.of(
            "GRAYSCALE", "GREY", "RGB565", "RGBP", "YUV422", "YUYV", "YVU422", "YVYU", "JPEG", "MJPG",
            "BAYER_BGGR", "BA81", "BAYER_GBRG", "GBRG", "BAYER_GRBG", "GRBG", "BAYER_RGGB", "RGGB");

    private CameraFormats() {
    }

    /** The fourcc to ask a camera for. */
    static String fourcc(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        String mapped = FOURCC_BY_IMAGEIO.get(upper);
        if (mapped != null) {
            return mapped;
        }
        try {
            return FOURCC_BY_IMAGEIO.get(PixelFormat.parse(name).name());
        } catch (IllegalArgumentException notAnImageIoName) {
            return name; // a fourcc as given, case preserved: 'pBAA' differs from 'PBAA'
        }
    }

    /** The ImageIO format for the synthetic pattern. */
    static PixelFormat imageIo(String name) {
        for (Map.Entry<String, String> e : FOURCC_BY_IMAGEIO.entrySet()) {
            if (e.getValue().equals(name)) {
                return PixelFormat.valueOf(e.getKey());
            }
        }
        return PixelFormat.parse(name);
    }
}
