package io.framereel.device.v4l2;

/**
 * V4L2 pixel format codes: four ASCII characters packed little-endian into an int, as v4l2_fourcc() does.
 * {@code FourCc.of("YUYV")} is V4L2_PIX_FMT_YUYV. Stateless and thread-safe.
 */
public final class FourCc {
    private FourCc() {
    }

    /** V4L2_PIX_FMT_YUYV: packed YUV 4:2:2, Y0 U Y1 V. */
    public static final int YUYV = Videodev2.V4L2_PIX_FMT_YUYV;
    /** V4L2_PIX_FMT_MJPEG: motion JPEG. */
    public static final int MJPEG = Videodev2.V4L2_PIX_FMT_MJPEG;
    /** V4L2_PIX_FMT_GREY: 8-bit greyscale. */
    public static final int GREY = Videodev2.V4L2_PIX_FMT_GREY;
    /** V4L2_PIX_FMT_RGB565: 16-bit RGB 5-6-5, little-endian. */
    public static final int RGB565 = Videodev2.V4L2_PIX_FMT_RGB565;

    /**
     * The code for four characters, shorter names padded with spaces ({@code "Y10"} is {@code 'Y','1','0',' '}).
     *
     * @throws IllegalArgumentException for anything but 1 to 4 printable ASCII characters
     */
    public static int of(String name) {
        if (name == null || name.isEmpty() || name.length() > 4) {
            throw new IllegalArgumentException("a fourcc has 1 to 4 characters (was " + quote(name) + ")");
        }
        int code = 0;
        for (int i = 0; i < 4; i++) {
            char c = i < name.length() ? name.charAt(i) : ' ';
            if (c < 0x20 || c > 0x7e) {
                throw new IllegalArgumentException("a fourcc is printable ASCII (was " + quote(name) + ")");
            }
            code |= c << (8 * i);
        }
        return code;
    }

    /** The four characters, trailing spaces removed; codes with unprintable bytes print as hex (0x...). */
    public static String toString(int code) {
        char[] chars = new char[4];
        for (int i = 0; i < 4; i++) {
            int b = code >>> (8 * i) & 0xff;
            if (b < 0x20 || b > 0x7e) {
                return String.format("0x%08x", code);
            }
            chars[i] = (char) b;
        }
        return new String(chars).stripTrailing();
    }

    private static String quote(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }
}
