package io.framereel.capture.source;

import io.framereel.storage.PixelFormat;

import java.util.List;
import java.util.Optional;

/**
 * Which camera to open and how, as a user names it (the {@code record} command's options, the daemon's
 * {@code camera.*} keys): a V4L2 device, a Pi camera module through rpicam-vid, the synthetic test pattern, or a
 * recording played in a loop.
 * Immutable; {@link #open()} makes a fresh, unstarted source each time, so a daemon can reopen a camera that
 * came back.
 *
 * @param device   a V4L2 path, kernel name or (part of) the card name; {@code rpicam[:N]}; {@value #TEST_PATTERN};
 *                 or {@code recording:PATH}, a recording played as a camera
 * @param format   a fourcc or the ImageIO format it maps to; empty for the camera's current format
 * @param size     width and height; empty for the camera's current size
 * @param fps      frames per second; empty for the camera's current rate
 * @param storeAs  RGB565 or GRAYSCALE to convert on capture
 * @param controls {@code name=value} camera controls (rpicam-vid options for rpicam)
 * @param buffers  V4L2 buffers shared with the driver, or {@link CameraRequest#AUTO_BUFFERS}
 */
public record CameraSpec(String device, Optional<String> format, Optional<int[]> size, Optional<Double> fps,
        Optional<PixelFormat> storeAs, List<String> controls, int buffers) {
    /** The synthetic camera's device name. */
    public static final String TEST_PATTERN = "test-pattern";
    /** The test pattern's size when none is given. */
    public static final int[] TEST_PATTERN_SIZE = {320, 240};
    /** The test pattern's rate when none is given. */
    public static final double TEST_PATTERN_FPS = 30;

    public CameraSpec {
        controls = List.copyOf(controls);
        if (storeAs.isPresent() && storeAs.get() != PixelFormat.RGB565 && storeAs.get() != PixelFormat.GRAYSCALE) {
            throw new IllegalArgumentException("frames can be converted on capture to RGB565 or GRAYSCALE only (was "
                    + storeAs.get() + ")");
        }
        if (buffers != CameraRequest.AUTO_BUFFERS && (buffers < 2 || buffers > 32)) {
            throw new IllegalArgumentException("V4L2 buffers must be 2..32 (was " + buffers + ")");
        }
    }

    /** Whether this names a recording played as a camera ({@code recording:PATH}). */
    public boolean isRecording() {
        return device.startsWith(RecordingSource.PREFIX);
    }

    /** Whether this names the synthetic camera. */
    public boolean isTestPattern() {
        return device.equals(TEST_PATTERN);
    }

    /**
     * A new, unstarted source for this camera. Options are checked here, before any device is touched or process
     * started.
     *
     * @throws IllegalArgumentException naming the option that does not fit the camera kind
     */
    public FrameSource open() {
        if (isTestPattern()) {
            if (!controls.isEmpty() || storeAs.isPresent()) {
                throw new IllegalArgumentException("the test pattern has no controls and is made in its format "
                        + "directly; drop the controls and the conversion");
            }
            PixelFormat pf = format.map(CameraFormats::imageIo).orElse(PixelFormat.RGB565);
            int[] wh = size.orElse(TEST_PATTERN_SIZE);
            return new PatternSource(wh[0], wh[1], pf, fps.orElse(TEST_PATTERN_FPS));
        }
        if (isRecording()) {
            if (!controls.isEmpty() || storeAs.isPresent()) {
                throw new IllegalArgumentException("a recording plays its frames as they were stored; drop the "
                        + "controls and the conversion");
            }
            return new RecordingSource(java.nio.file.Path.of(device.substring(RecordingSource.PREFIX.length())),
                    format.map(CameraFormats::imageIo), size, fps);
        }
        if (RpicamRequest.names(device)) {
            return new RpicamSource(RpicamRequest.options(device, format, size, fps, storeAs, controls));
        }
        return new V4l2Source(new CameraRequest(device, format.map(CameraFormats::fourcc), size, fps, storeAs,
                controls, buffers));
    }

    /** A short description for logs, e.g. {@code vivid YUYV 640x480@30}. */
    public String describe() {
        return device + " " + format.orElse("(current format)") + " "
                + size.map(wh -> wh[0] + "x" + wh[1]).orElse("(current size)")
                + fps.map(f -> "@" + (f == Math.rint(f) ? String.valueOf(f.longValue()) : f.toString())).orElse("");
    }
}
