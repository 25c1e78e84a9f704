package io.framereel.device.gpio.button;

/**
 * What the buttons control. Called on the button logic thread, so implementations return quickly (hand the work
 * to the capture pipeline) and must be safe to call from that thread.
 */
public interface Recorder {

    /** Whether a recording is running. */
    boolean isRecording();

    /**
     * Starts recording. {@code atNanos} is when the user asked for it, on the {@link ButtonScheduler#nanos()}
     * clock; it can be earlier than now (a hold-to-record press), so a pre-trigger ring can back-date the start.
     */
    void startRecording(long atNanos);

    /** Stops recording; {@code atNanos} is when the user asked for it. */
    void stopRecording(long atNanos);

    /** Saves a single frame taken at (or nearest to) {@code atNanos}. */
    void snapshot(long atNanos);
}
