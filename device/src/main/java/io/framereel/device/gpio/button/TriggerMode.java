package io.framereel.device.gpio.button;

/**
 * How buttons start and stop recording. With long presses enabled, a long press is a distinct gesture (a snapshot
 * in TOGGLE and START_STOP, the recording itself in HOLD); the short-press actions then wait for the release.
 */
public enum TriggerMode {
    /**
     * One button starts and stops. Long presses off: each press toggles. On: a short press toggles, a long press
     * takes a snapshot.
     */
    TOGGLE,
    /**
     * A start button and a stop button. Long presses off: pressing start starts, pressing stop stops. On: a short
     * press of start starts, a long press of start takes a snapshot; stop still acts on press.
     */
    START_STOP,
    /**
     * Records while one button is held. Long presses off: press starts, release stops. On: a short tap takes a
     * snapshot and holding past the threshold records, back-dated to the press, until release.
     */
    HOLD
}
