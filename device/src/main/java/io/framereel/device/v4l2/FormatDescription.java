package io.framereel.device.v4l2;

/**
 * One pixel format a device offers (VIDIOC_ENUM_FMT). Immutable.
 *
 * @param index position in the driver's list
 * @param fourcc the V4L2 pixel format, see {@link FourCc}
 * @param description the driver's text, e.g. "YUYV 4:2:2"
 * @param flags V4L2_FMT_FLAG_*
 */
public record FormatDescription(int index, int fourcc, String description, int flags) {
    /** True for compressed formats such as MJPEG and H.264. */
    public boolean compressed() {
        return (flags & Videodev2.V4L2_FMT_FLAG_COMPRESSED) != 0;
    }

    /** True when libv4l or the driver converts in software rather than the hardware producing it. */
    public boolean emulated() {
        return (flags & Videodev2.V4L2_FMT_FLAG_EMULATED) != 0;
    }

    /** The fourcc as text, e.g. "YUYV". */
    public String fourccName() {
        return FourCc.toString(fourcc);
    }
}
