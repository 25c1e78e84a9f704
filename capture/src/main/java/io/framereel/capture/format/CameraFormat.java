package io.framereel.capture.format;

import io.framereel.device.v4l2.FourCc;
import io.framereel.storage.PixelFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The V4L2 pixel formats frames can be stored from: each fourcc with the ImageIO format it is naturally stored
 * in and the memory layout its bytes have. Constants are named as the {@code V4L2_PIX_FMT_} macros; the text
 * fourcc is what users see. The order here is the order of lists and errors: grey and RGB first, then YUV, Bayer
 * and compressed formats.
 */
enum CameraFormat {
    GREY("GREY", PixelFormat.GRAYSCALE),
    // V4L2's RGBP is little-endian (byte 0 = G[2:0] B[4:0], byte 1 = R[4:0] G[5:3]); OpenMV has stored RGB565
    // little-endian since stream V1.1 (only V1.0 files were byte-swapped), so these bytes are stored as they are.
    RGB565("RGBP", PixelFormat.RGB565),

    YUYV("YUYV", PixelFormat.YUV422, YuvSampling.packed(0, 1, 3)),
    YVYU("YVYU", PixelFormat.YVU422, YuvSampling.packed(0, 3, 1)),
    UYVY("UYVY", PixelFormat.YUV422, YuvSampling.packed(1, 0, 2)),
    VYUY("VYUY", PixelFormat.YUV422, YuvSampling.packed(1, 2, 0)),
    NV12("NV12", PixelFormat.YUV422, YuvSampling.semiPlanar(false)),
    NV21("NV21", PixelFormat.YUV422, YuvSampling.semiPlanar(true)),
    YUV420("YU12", PixelFormat.YUV422, YuvSampling.planar(false)),
    YVU420("YV12", PixelFormat.YUV422, YuvSampling.planar(true)),

    SBGGR8("BA81", PixelFormat.BAYER_BGGR, BayerPacking.BITS_8),
    SGBRG8("GBRG", PixelFormat.BAYER_GBRG, BayerPacking.BITS_8),
    SGRBG8("GRBG", PixelFormat.BAYER_GRBG, BayerPacking.BITS_8),
    SRGGB8("RGGB", PixelFormat.BAYER_RGGB, BayerPacking.BITS_8),
    SBGGR10("BG10", PixelFormat.BAYER_BGGR, BayerPacking.UNPACKED_10),
    SGBRG10("GB10", PixelFormat.BAYER_GBRG, BayerPacking.UNPACKED_10),
    SGRBG10("BA10", PixelFormat.BAYER_GRBG, BayerPacking.UNPACKED_10),
    SRGGB10("RG10", PixelFormat.BAYER_RGGB, BayerPacking.UNPACKED_10),
    SBGGR10P("pBAA", PixelFormat.BAYER_BGGR, BayerPacking.MIPI_10),
    SGBRG10P("pGAA", PixelFormat.BAYER_GBRG, BayerPacking.MIPI_10),
    SGRBG10P("pgAA", PixelFormat.BAYER_GRBG, BayerPacking.MIPI_10),
    SRGGB10P("pRAA", PixelFormat.BAYER_RGGB, BayerPacking.MIPI_10),

    MJPEG("MJPG", PixelFormat.JPEG),
    JPEG("JPEG", PixelFormat.JPEG);

    /** How a format's bytes are laid out, which decides how it is converted. */
    enum Family {
        /** One self-contained value per pixel, already in the ImageIO layout (GREY, RGBP). */
        DIRECT,
        YUV,
        BAYER,
        /** A compressed bitstream whose size varies per frame. */
        COMPRESSED
    }

    private static final Map<Integer, CameraFormat> BY_FOURCC = new HashMap<>();
    private static final Set<Integer> FOURCCS;
    private static final List<String> NAMES;

    static {
        Set<Integer> codes = new LinkedHashSet<>();
        List<String> names = new ArrayList<>();
        for (CameraFormat f : values()) {
            BY_FOURCC.put(f.fourcc, f);
            codes.add(f.fourcc);
            names.add(f.fourccName);
        }
        FOURCCS = Collections.unmodifiableSet(codes);
        NAMES = Collections.unmodifiableList(names);
    }

    private final String fourccName;
    private final int fourcc;
    private final PixelFormat naturalFormat;
    private final Family family;
    private final YuvSampling yuv;
    private final BayerPacking bayer;

    CameraFormat(String fourccName, PixelFormat naturalFormat) {
        this(fourccName, naturalFormat, naturalFormat.isCompressed() ? Family.COMPRESSED : Family.DIRECT, null, null);
    }

    CameraFormat(String fourccName, PixelFormat naturalFormat, YuvSampling yuv) {
        this(fourccName, naturalFormat, Family.YUV, yuv, null);
    }

    CameraFormat(String fourccName, PixelFormat naturalFormat, BayerPacking bayer) {
        this(fourccName, naturalFormat, Family.BAYER, null, bayer);
    }

    CameraFormat(String fourccName, PixelFormat naturalFormat, Family family, YuvSampling yuv, BayerPacking bayer) {
        this.fourccName = fourccName;
        this.fourcc = FourCc.of(fourccName);
        this.naturalFormat = naturalFormat;
        this.family = family;
        this.yuv = yuv;
        this.bayer = bayer;
    }

    /**
     * @throws UnsupportedCameraFormatException for any fourcc not listed here
     */
    static CameraFormat of(int fourcc) {
        CameraFormat f = BY_FOURCC.get(fourcc);
        if (f == null) {
            throw new UnsupportedCameraFormatException(fourcc);
        }
        return f;
    }

    static Set<Integer> fourccs() {
        return FOURCCS;
    }

    static List<String> supportedNames() {
        return NAMES;
    }

    int fourcc() {
        return fourcc;
    }

    String fourccName() {
        return fourccName;
    }

    PixelFormat naturalFormat() {
        return naturalFormat;
    }

    Family family() {
        return family;
    }

    /** The YUV layout; only for {@link Family#YUV}. */
    YuvSampling yuv() {
        return yuv;
    }

    /** The Bayer sample packing; only for {@link Family#BAYER}. */
    BayerPacking bayer() {
        return bayer;
    }

    /** True when storing in the natural format keeps the camera's bytes (at most the line padding dropped). */
    boolean storedAsIs() {
        switch (family) {
            case YUV:
                return yuv.isLumaFirstPacked();
            case BAYER:
                return bayer == BayerPacking.BITS_8;
            default:
                return true;
        }
    }

    /** Bytes of one line of {@code width} pixels without padding: the least bytesPerLine can be. */
    long minBytesPerLine(int width) {
        switch (family) {
            case DIRECT:
                return (long) width * naturalFormat.bytesPerPixel();
            case YUV:
                return yuv.minBytesPerLine(width);
            case BAYER:
                return bayer.minBytesPerLine(width);
            default:
                return 0;
        }
    }

    /** Bytes a whole raw frame occupies with this line stride (all planes); 0 for compressed formats. */
    long frameBytes(int bytesPerLine, int height) {
        switch (family) {
            case YUV:
                return yuv.frameBytes(bytesPerLine, height);
            case COMPRESSED:
                return 0;
            default:
                return (long) bytesPerLine * height;
        }
    }
}
