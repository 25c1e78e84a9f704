package io.framereel.capture.source;

import java.util.Locale;

/**
 * The two {@code rpicam-vid --codec} outputs framereel can frame on a pipe: raw I420 frames of a fixed size, or
 * concatenated JPEGs. (H.264 and libav outputs are streams of packets without frame boundaries we could store.)
 * For both, rpicam-vid asks libcamera for the JPEG colour space (sYCC: BT.601 full range; {@code
 * get_colourspace_flags} in rpicam_vid.cpp), the equations framereel's YUV rendering uses.
 */
public enum RpicamCodec {
    /** Planar YUV 4:2:0 (V4L2 YU12, "I420"): the ISP's own output, copied to the pipe without encoding. */
    YUV420("yuv420", "YU12"),
    /** One baseline JPEG per frame, encoded by rpicam-vid in software (libjpeg). */
    MJPEG("mjpeg", "MJPG");

    private final String codecName;
    private final String fourcc;

    RpicamCodec(String codecName, String fourcc) {
        this.codecName = codecName;
        this.fourcc = fourcc;
    }

    /** The value of rpicam-vid's {@code --codec} option. */
    public String codecName() {
        return codecName;
    }

    /** The V4L2 fourcc of the frames on the pipe, as {@code FrameConversion} knows them. */
    public String fourcc() {
        return fourcc;
    }

    /**
     * The codec for a {@code --format} name: {@code yuv420}, {@code YU12}, {@code I420} or {@code YUV420};
     * {@code mjpeg}, {@code MJPG} or {@code JPEG}. Case does not matter.
     *
     * @throws IllegalArgumentException naming the accepted names
     */
    public static RpicamCodec parse(String name) {
        switch (name.trim().toUpperCase(Locale.ROOT)) {
            case "YUV420":
            case "YU12":
            case "I420":
                return YUV420;
            case "MJPEG":
            case "MJPG":
            case "JPEG":
                return MJPEG;
            default:
                throw new IllegalArgumentException("rpicam-vid records YUV420 (also YU12, I420) or MJPEG (also MJPG, "
                        + "JPEG), not '" + name + "'");
        }
    }
}
