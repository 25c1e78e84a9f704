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
 * @param buffers  V4L2 buffers shared with the driver, 2..32, or {@link #AUTO_BUFFERS}
 */
public record CameraRequest(String device, Optional<String> fourcc, Optional<int[]> size, Optional<Double> fps,
        Optional<PixelFormat> storedAs, List<String> controls, int buffers) {
    /** {@code buffers} for "as many as lending frames needs, within {@link #AUTO_BUFFER_BYTES}". */
    public static final int AUTO_BUFFERS = 0;
    /** The most buffers an automatic count asks for: 14 spare frames for the writer, half a second at 30 fps. */
    public static final int AUTO_MAX_BUFFERS = 16;
    /**
     * The driver memory an automatic count may take. CSI receivers take their buffers from the Pi's CMA pool,
     * which the display shares; 64 MiB holds 16 frames of 1920x1080 YUYV.
     */
    public static final long AUTO_BUFFER_BYTES = 64L << 20;
    /** Buffers for frames that are copied (converted, padded, or too large to keep 16 of). */
    public static final int COPY_BUFFERS = 4;

    public CameraRequest {
        Objects.requireNonNull(device, "device");
        controls = List.copyOf(controls);
        if (buffers != AUTO_BUFFERS && (buffers < 2 || buffers > 32)) {
            throw new IllegalArgumentException("buffers must be 2..32 (was " + buffers + ")");
        }
    }

    /**
     * The buffers to ask the driver for: the number given, or automatically {@link #AUTO_MAX_BUFFERS} when frames
     * of {@code frameBytes} can be lent and that many fit in {@link #AUTO_BUFFER_BYTES} (fewer, down to 10, when
     * only fewer fit: 8 spare frames, what the recorder's default 16 slots need to lend), else {@link #COPY_BUFFERS}.
     */
    public int buffersFor(boolean lendable, long frameBytes) {
        if (buffers != AUTO_BUFFERS) {
            return buffers;
        }
        long fit = AUTO_BUFFER_BYTES / Math.max(1, frameBytes);
        return lendable && fit >= 10 ? (int) Math.min(AUTO_MAX_BUFFERS, fit) : COPY_BUFFERS;
    }
}
