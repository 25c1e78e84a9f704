package io.framereel.capture.source;

import io.framereel.storage.PixelFormat;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the user asked of a V4L2 camera. Empty fields keep the camera's current setting; {@code storedAs} empty
 * stores frames in the ImageIO format that matches the camera's (see FrameConversion).
 *
 * @param device   a device path, kernel name (video2) or a sysfs name or part of it ("vivid", "C920")
 * @param fourcc   the camera format by its four characters ("YUYV", "MJPG", "BA81")
 * @param controls "name=value" settings applied before streaming, in order
 */
public record CameraRequest(String device, Optional<String> fourcc, Optional<int[]> size, Optional<Double> fps,
        Optional<PixelFormat> storedAs, List<String> controls, int buffers) {
    public CameraRequest {
        Objects.requireNonNull(device, "device");
        controls = List.copyOf(controls);
        if (buffers < 2 || buffers > 32) {
            throw new IllegalArgumentException("buffers must be 2..32 (was " + buffers + ")");
        }
    }
}
