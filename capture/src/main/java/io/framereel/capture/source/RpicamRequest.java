package io.framereel.capture.source;

import io.framereel.storage.PixelFormat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the user asked of a Pi camera on the command line ({@code --device rpicam} or {@code rpicam:N}), turned
 * into {@link RpicamOptions}. The counterpart of {@link CameraRequest} for V4L2 cameras: the same options mean
 * the nearest thing rpicam-vid has. Stateless.
 */
public final class RpicamRequest {
    /** The device name that selects rpicam-vid; {@code rpicam:N} picks camera N. */
    public static final String DEVICE = "rpicam";
    /**
     * 640x480: OpenMV's VGA; the 4:3 of the full field of view of the OV5647, IMX219 and IMX477 modules; a width
     * that is a multiple of 128, so no line padding on any Pi; and 18 MB/s stored as YUV422 at 30 fps, which a
     * good SD card sustains (1280x720 would need 55 MB/s, which none does).
     */
    public static final int DEFAULT_WIDTH = 640;
    public static final int DEFAULT_HEIGHT = 480;
    /** What every Pi camera module delivers at 640x480 and most HDMI-era software assumes. */
    public static final double DEFAULT_FPS = 30;

    private RpicamRequest() {
    }

    /** True for {@code rpicam} and {@code rpicam:N}. */
    public static boolean names(String device) {
        return device.equals(DEVICE) || device.startsWith(DEVICE + ":");
    }

    /**
     * The rpicam-vid options for a command line's camera options.
     *
     * @param device   {@code rpicam} (camera 0) or {@code rpicam:N}
     * @param format   YUV420 (also YU12, I420) or MJPEG (also MJPG, JPEG); empty: YUV420
     * @param size     width and height; empty: {@value #DEFAULT_WIDTH}x{@value #DEFAULT_HEIGHT}
     * @param fps      empty: {@value #DEFAULT_FPS}
     * @param storedAs RGB565 or GRAYSCALE to convert YUV420 frames on capture
     * @param controls {@code name=value} or {@code name}, each becoming rpicam-vid's {@code --name=value} or
     *                 {@code --name} ({@code shutter=20000}, {@code gain=2}, {@code awb=daylight}, {@code hflip})
     * @throws IllegalArgumentException naming what is wrong (an unknown format, a bad camera index, an option
     *                                  framereel sets itself)
     */
    public static RpicamOptions options(String device, Optional<String> format, Optional<int[]> size,
            Optional<Double> fps, Optional<PixelFormat> storedAs, List<String> controls) {
        if (!names(device)) {
            throw new IllegalArgumentException("'" + device + "' is not an rpicam device (rpicam or rpicam:N)");
        }
        RpicamCodec codec = format.map(RpicamCodec::parse).orElse(RpicamCodec.YUV420);
        int[] wh = size.orElse(new int[] {DEFAULT_WIDTH, DEFAULT_HEIGHT});
        return RpicamOptions.of(codec, wh[0], wh[1], fps.orElse(DEFAULT_FPS))
                .withCamera(cameraIndex(device))
                .withStoredAs(storedAs)
                .withExtraArgs(rpicamArgs(controls));
    }

    private static int cameraIndex(String device) {
        if (device.equals(DEVICE)) {
            return 0;
        }
        String index = device.substring(DEVICE.length() + 1);
        try {
            int camera = Integer.parseInt(index);
            if (camera >= 0) {
                return camera;
            }
        } catch (NumberFormatException notANumber) {
            // reported below, with the accepted form
        }
        throw new IllegalArgumentException("'" + device + "': the camera after 'rpicam:' is an index as "
                + "rpicam-hello --list-cameras numbers them (0, 1, ...)");
    }

    /** {@code name=value} to {@code --name=value} (one argument, so values starting with '-' stay values). */
    private static List<String> rpicamArgs(List<String> controls) {
        List<String> args = new ArrayList<>();
        for (String control : controls) {
            String c = control.strip();
            if (c.isEmpty() || c.startsWith("-") || c.startsWith("=")) {
                throw new IllegalArgumentException("an rpicam-vid setting is name=value or name, without dashes "
                        + "(was '" + control + "')");
            }
            int eq = c.indexOf('=');
            args.add(eq < 0 ? "--" + c : "--" + c.substring(0, eq).strip() + "=" + c.substring(eq + 1).strip());
        }
        return args;
    }
}
