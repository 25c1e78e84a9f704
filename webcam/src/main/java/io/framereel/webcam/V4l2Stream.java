package io.framereel.webcam;

import com.github.sarxos.webcam.WebcamException;

import io.framereel.device.v4l2.CaptureSession;
import io.framereel.device.v4l2.Fraction;
import io.framereel.device.v4l2.Frame;
import io.framereel.device.v4l2.V4l2Device;
import io.framereel.device.v4l2.V4l2Exception;
import io.framereel.device.v4l2.VideoFormat;

/**
 * One open camera streaming for webcam-capture: the format set, mmap buffers queued, and reads that hand back the
 * newest usable frame as pixels.
 *
 * <p>webcam-capture asks for an image when it wants one, not at the camera's rate, so a read takes the newest
 * frame and gives every older queued buffer straight back: a caller polling once a second sees what the camera
 * sees now, not a frame from four buffers ago. Frames the driver flags as corrupt and frames that do not convert
 * (a torn JPEG) are skipped and counted, and the read waits for the next within the same deadline.
 *
 * <p>After {@link #start} a read of a raw format allocates nothing. Not thread-safe: the device's lock serialises
 * reads and close.
 */
final class V4l2Stream implements AutoCloseable {
    /** Weight of the newest measurement in the smoothed frame rate. */
    private static final double FPS_SMOOTHING = 0.25;

    private final String label;
    private final CaptureSession session;
    private final RgbConversion conversion;
    private final long timeoutMs;
    private final double nominalFps;

    private double measuredFps;
    private long lastSequence = -1;
    private long lastTimestampNanos;
    private long skippedFrames;
    private String lastSkipReason;

    private V4l2Stream(String label, CaptureSession session, RgbConversion conversion, long timeoutMs,
            double nominalFps) {
        this.label = label;
        this.session = session;
        this.conversion = conversion;
        this.timeoutMs = timeoutMs;
        this.nominalFps = nominalFps;
    }

    /**
     * Sets format, size and rate (VIDIOC_S_FMT, VIDIOC_S_PARM) and starts streaming.
     *
     * @param label names the camera in messages, e.g. "vivid (/dev/video0)"
     * @throws V4l2Exception when the camera refuses the format or size (naming what it would give instead), or
     *                       cannot stream
     */
    static V4l2Stream start(V4l2Device device, String label, RgbFormat format, int width, int height,
            DeviceSettings settings) throws V4l2Exception {
        VideoFormat set = device.setFormat(VideoFormat.of(format.fourcc(), width, height));
        Fraction interval = settings.fps() > 0 ? device.setFrameInterval(perSecond(settings.fps()))
                : device.frameInterval();
        RgbConversion conversion = RgbConversion.of(format, set.width(), set.height(), set.bytesPerLine());
        CaptureSession session = device.startCapture(settings.buffers());
        return new V4l2Stream(label, session, conversion, settings.frameTimeoutMs(),
                interval == null ? 0 : interval.framesPerSecond());
    }

    /** 1/fps in microseconds, which the driver rounds to an interval it has. */
    private static Fraction perSecond(double fps) {
        return new Fraction(1_000_000L, Math.round(fps * 1_000_000L));
    }

    int width() {
        return conversion.width();
    }

    int height() {
        return conversion.height();
    }

    /**
     * Waits for the newest usable frame and converts it into {@code argb[0, width * height)}.
     *
     * @throws WebcamException naming the camera when no usable frame comes within the frame timeout, or the
     *                         camera fails or is unplugged
     */
    void readArgb(int[] argb) {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        try {
            while (true) {
                Frame frame = newest(Math.max(0, (deadline - System.nanoTime()) / 1_000_000L));
                if (frame == null) {
                    throw new WebcamException(label + ": no usable frame within " + timeoutMs + " ms"
                            + (lastSkipReason == null ? "" : " (" + skippedFrames + " skipped, the last because "
                                    + lastSkipReason + ")"));
                }
                try {
                    if (frame.isError()) {
                        skipped("the driver flagged frame " + frame.sequence() + " as corrupt");
                        continue;
                    }
                    conversion.toArgb(frame.data(), argb);
                    measure(frame);
                    return;
                } catch (UnusableFrameException e) {
                    skipped(e.getMessage());
                } finally {
                    frame.release();
                }
            }
        } catch (V4l2Exception e) {
            throw new WebcamException(label + ": capture failed: " + e.getMessage(), e);
        }
    }

    /** The frame that arrived last: waits up to {@code waitMs} for one, then gives back all but the newest. */
    private Frame newest(long waitMs) throws V4l2Exception {
        Frame newest = session.next(waitMs);
        if (newest == null) {
            return null;
        }
        Frame newer;
        while ((newer = session.next(0)) != null) {
            newest.release();
            newest = newer;
        }
        return newest;
    }

    private void skipped(String reason) {
        skippedFrames++;
        lastSkipReason = reason;
    }

    /**
     * The camera's rate from the frames it numbered and stamped between two reads, so reading less often than
     * the camera delivers does not lower it.
     */
    private void measure(Frame frame) {
        long sequence = frame.sequence();
        long timestamp = frame.timestampNanos();
        if (lastSequence >= 0 && sequence > lastSequence && timestamp > lastTimestampNanos) {
            double fps = (sequence - lastSequence) * 1e9 / (timestamp - lastTimestampNanos);
            measuredFps = measuredFps == 0 ? fps : measuredFps + FPS_SMOOTHING * (fps - measuredFps);
        }
        lastSequence = sequence;
        lastTimestampNanos = timestamp;
    }

    /** Frames per second: measured once two frames were read, the camera's nominal rate before; 0 if unknown. */
    double fps() {
        return measuredFps > 0 ? measuredFps : nominalFps;
    }

    /** Frames skipped as corrupt or unconvertible. */
    long skippedFrames() {
        return skippedFrames;
    }

    /** Stops streaming and unmaps the buffers; the device stays open. Safe to call more than once. */
    @Override
    public void close() throws V4l2Exception {
        session.close();
    }
}
