package io.framereel.device.v4l2;

/**
 * A single-planar capture format (struct v4l2_pix_format): what to ask for with set/try, and what the driver
 * answers. Immutable.
 *
 * @param fourcc pixel format, see {@link FourCc}
 * @param width pixels
 * @param height pixels
 * @param field enum v4l2_field (1 = progressive)
 * @param bytesPerLine line stride in bytes, 0 when the driver chooses
 * @param sizeImage bytes one frame can take (the upper bound for compressed formats)
 * @param colorspace enum v4l2_colorspace
 */
public record VideoFormat(int fourcc, int width, int height, int field, int bytesPerLine, int sizeImage,
        int colorspace) {

    /** A request for a progressive frame of this format and size; the driver fills in the rest. */
    public static VideoFormat of(int fourcc, int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("width and height must be > 0 (was " + width + "x" + height + ")");
        }
        return new VideoFormat(fourcc, width, height, Videodev2.V4L2_FIELD_NONE, 0, 0, 0);
    }

    /** True when format and size are the same (what a driver may adjust). */
    public boolean sameShape(VideoFormat other) {
        return fourcc == other.fourcc && width == other.width && height == other.height;
    }

    @Override
    public String toString() {
        return FourCc.toString(fourcc) + " " + width + "x" + height;
    }
}
