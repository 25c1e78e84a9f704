package io.framereel.capture.record;

import java.util.Optional;

/**
 * How a recording went.
 *
 * @param zeroCopy       whether frames were written from the camera's buffers ({@link Recorder.Handoff}) rather
 *                       than from copies in the recorder's slots
 * @param stored         frames written to the store
 * @param droppedByCamera frames the camera lost before we saw them (sequence gaps)
 * @param droppedByStorage frames dequeued while every slot was waiting for the writer, given back unstored
 * @param unusable       frames the camera flagged as bad or that could not be converted, skipped
 * @param spanNanos      camera time from the first to the last stored frame
 * @param syncs          completed syncs to the storage device
 * @param error          why recording stopped early, if it did (camera lost, disk full, ...)
 */
public record RecordingSummary(String source, String store, boolean zeroCopy, long stored, long droppedByCamera,
        long droppedByStorage, long unusable, long payloadBytes, long spanNanos, long syncs,
        Optional<Throwable> error) {

    /** Frames per second over the stored span (0 for fewer than two frames). */
    public double framesPerSecond() {
        return stored < 2 || spanNanos <= 0 ? 0 : (stored - 1) * 1e9 / spanNanos;
    }

    /** Every frame lost for any reason. */
    public long dropped() {
        return droppedByCamera + droppedByStorage + unusable;
    }
}
