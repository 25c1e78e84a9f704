package io.framereel.capture.source;

/**
 * Decides each frame's capture time and counts the frames the camera lost, from rpicam-vid's SensorTimestamps.
 *
 * <p>The clock: libcamera documents SensorTimestamp as CLOCK_BOOTTIME, but the Raspberry Pi pipeline copies it
 * from the V4L2 buffer timestamp of the raw frame (unicam / rp1-cfe), which the kernel takes on
 * CLOCK_MONOTONIC, the clock of {@link System#nanoTime()} on Linux. The two differ only by time spent in
 * suspend, which a Pi does not do, so SensorTimestamps and arrival times are on one time line.
 *
 * <p>A frame whose metadata is missing or late gets its arrival time (when its last byte came off the pipe) minus
 * the latency last measured between a SensorTimestamp and its frame's arrival (exposure, readout, ISP, pipe);
 * uncorrected arrival times would make recordings jump by that latency where metadata falls out. Such frames
 * take no part in drop counting, whose pipe jitter would make phantom drops; the next frame with metadata is
 * compared with the last one that had it, over the frames in between:
 *
 * <pre>
 *   frame:        7         8 (no metadata)     9
 *   sensor ts:    t                             t + 3P     3 periods for 2 frames: 1 lost
 * </pre>
 *
 * Like {@code V4l2Source}, a gap counts once it exceeds the frames in between plus half a period. Used by the
 * capture thread only; allocates nothing.
 */
final class RpicamFrameTimes {
    private final long periodNanos;
    private long lastTimedFrame = -1;
    private long lastSensorNanos;
    private long latencyNanos;
    private long droppedFrames;
    private long untimedFrames;

    /** @param periodNanos the nominal frame period (rpicam-vid fixes the frame duration at --framerate) */
    RpicamFrameTimes(long periodNanos) {
        if (periodNanos <= 0) {
            throw new IllegalArgumentException("periodNanos must be positive (was " + periodNanos + ")");
        }
        this.periodNanos = periodNanos;
    }

    /**
     * The capture time of frame {@code frame} (0, 1, 2, ... in pipe order), which arrived at {@code arrivalNanos}
     * and has SensorTimestamp {@code sensorNanos} or {@link RpicamMetadata#MISSING}.
     */
    long timestamp(long frame, long arrivalNanos, long sensorNanos) {
        if (sensorNanos == RpicamMetadata.MISSING) {
            untimedFrames++;
            return arrivalNanos - latencyNanos;
        }
        latencyNanos = arrivalNanos - sensorNanos;
        if (lastTimedFrame >= 0 && frame > lastTimedFrame) {
            long frames = frame - lastTimedFrame;
            long gap = sensorNanos - lastSensorNanos;
            if (gap > (frames - 1) * periodNanos + periodNanos * 3 / 2) {
                droppedFrames += (gap + periodNanos / 2) / periodNanos - frames;
            }
        }
        lastTimedFrame = frame;
        lastSensorNanos = sensorNanos;
        return sensorNanos;
    }

    /** Frames lost between frames that had SensorTimestamps. */
    long droppedFrames() {
        return droppedFrames;
    }

    /** Frames timed by arrival because their metadata was missing or late. */
    long untimedFrames() {
        return untimedFrames;
    }
}
