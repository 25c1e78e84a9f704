package io.framereel.webcam;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@link V4l2WebcamDevice} applies when it opens, set through webcam-capture's
 * {@code Webcam.setParameters(Map)}. Each key is checked when it is set, so a typo fails at the call that made it
 * rather than at open. Immutable.
 *
 * <table>
 * <caption>Parameters</caption>
 * <tr><th>key</th><th>value</th><th>default</th></tr>
 * <tr><td>{@value #PIXEL_FORMAT}</td><td>a fourcc the driver converts, e.g. "MJPG"</td><td>YUYV, else MJPG, else
 *     the first convertible format the camera offers</td></tr>
 * <tr><td>{@value #FPS}</td><td>frames per second; the camera picks its nearest rate</td><td>the camera's current
 *     rate</td></tr>
 * <tr><td>{@value #BUFFERS}</td><td>mmap buffers, 2..32</td><td>4</td></tr>
 * <tr><td>{@value #FRAME_TIMEOUT_MS}</td><td>how long a read waits for a usable frame</td><td>5000</td></tr>
 * <tr><td>{@value #CONTROL_PREFIX}name</td><td>a V4L2 control by v4l2-ctl's name, e.g. "control.brightness" =
 *     140, "control.power_line_frequency" = "50 Hz"</td><td>unchanged</td></tr>
 * </table>
 */
record DeviceSettings(String pixelFormat, double fps, int buffers, long frameTimeoutMs, Map<String, String> controls) {
    static final String PIXEL_FORMAT = "pixelFormat";
    static final String FPS = "fps";
    static final String BUFFERS = "buffers";
    static final String FRAME_TIMEOUT_MS = "frameTimeoutMs";
    static final String CONTROL_PREFIX = "control.";

    /**
     * Five seconds: a UVC camera's first frame after STREAMON can take a second or more, and in the dark auto
     * exposure drops some to a few frames per second.
     */
    static final DeviceSettings DEFAULTS = new DeviceSettings(null, 0, 4, 5000, Map.of());

    DeviceSettings {
        controls = Collections.unmodifiableMap(new LinkedHashMap<>(controls));
    }

    /** True when a pixel format was asked for; otherwise the driver picks one. */
    boolean hasPixelFormat() {
        return pixelFormat != null;
    }

    /**
     * These settings with {@code parameters} applied over them; keys not mentioned keep their value.
     *
     * @throws IllegalArgumentException for an unknown key (listing the known ones) or a value out of range
     */
    DeviceSettings with(Map<String, ?> parameters) {
        String format = pixelFormat;
        double rate = fps;
        int bufferCount = buffers;
        long timeout = frameTimeoutMs;
        Map<String, String> newControls = new LinkedHashMap<>(controls);
        for (Map.Entry<String, ?> e : parameters.entrySet()) {
            String key = e.getKey();
            Object value = e.getValue();
            if (key.equals(PIXEL_FORMAT)) {
                format = RgbFormat.named(String.valueOf(value)).fourccName();
            } else if (key.equals(FPS)) {
                rate = number(key, value);
                if (!(rate > 0 && rate <= 1000)) {
                    throw new IllegalArgumentException(FPS + " must be in (0, 1000] (was " + value + ")");
                }
            } else if (key.equals(BUFFERS)) {
                bufferCount = (int) whole(key, value, 2, 32);
            } else if (key.equals(FRAME_TIMEOUT_MS)) {
                timeout = whole(key, value, 1, Integer.MAX_VALUE);
            } else if (key.startsWith(CONTROL_PREFIX) && key.length() > CONTROL_PREFIX.length()) {
                newControls.put(key.substring(CONTROL_PREFIX.length()), String.valueOf(value));
            } else {
                throw new IllegalArgumentException("unknown parameter " + key + "; known: " + List.of(PIXEL_FORMAT, FPS,
                        BUFFERS, FRAME_TIMEOUT_MS, CONTROL_PREFIX + "<v4l2 control name>"));
            }
        }
        return new DeviceSettings(format, rate, bufferCount, timeout, newControls);
    }

    private static double number(String key, Object value) {
        if (value instanceof Number) {
            return ((Number) value).doubleValue();
        }
        try {
            return Double.parseDouble(String.valueOf(value).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number (was " + value + ")", e);
        }
    }

    private static long whole(String key, Object value, long min, long max) {
        double d = number(key, value);
        if (d != Math.rint(d)) {
            throw new IllegalArgumentException(key + " must be a whole number (was " + value + ")");
        }
        if (d < min) {
            throw new IllegalArgumentException(key + " cannot be less than " + min + " (was " + value + ")");
        }
        if (d > max) {
            throw new IllegalArgumentException(key + " cannot be more than " + max + " (was " + value + ")");
        }
        return (long) d;
    }
}
