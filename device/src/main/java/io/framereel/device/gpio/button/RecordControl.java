package io.framereel.device.gpio.button;

import io.framereel.device.gpio.button.ButtonEvent.Kind;

import java.util.Objects;

/**
 * Maps button gestures to recorder commands according to a {@link TriggerMode}. Give
 * {@link #primaryButton()} to the record (or start) button and {@link #stopButton()} to the stop button of
 * {@link TriggerMode#START_STOP}.
 *
 * <p>Confinement: runs on the {@link ButtonScheduler}'s logic thread, like the buttons that feed it.
 */
public final class RecordControl {

    private final TriggerMode mode;
    private final boolean longPressEnabled;
    private final Recorder recorder;
    private final ButtonListener primary = this::onPrimary;
    private final ButtonListener stop = this::onStop;

    // logic-thread state: whether the current HOLD press started the recording, so its release stops it
    private boolean holdRecording;

    /**
     * @param longPressEnabled whether the buttons report long presses ({@link ButtonConfig#longPressEnabled()});
     *                         it decides whether short-press actions fire on press or on release
     */
    public RecordControl(TriggerMode mode, boolean longPressEnabled, Recorder recorder) {
        this.mode = Objects.requireNonNull(mode, "mode");
        this.longPressEnabled = longPressEnabled;
        this.recorder = Objects.requireNonNull(recorder, "recorder");
    }

    /** The listener for the record button (TOGGLE, HOLD) or the start button (START_STOP). */
    public ButtonListener primaryButton() {
        return primary;
    }

    /** The listener for the stop button of START_STOP; ignores everything in the other modes. */
    public ButtonListener stopButton() {
        return stop;
    }

    /** The mode. */
    public TriggerMode mode() {
        return mode;
    }

    private void onPrimary(ButtonEvent e) {
        switch (mode) {
            case TOGGLE:
                if (isShortAction(e)) {
                    toggle(e.timestampNanos());
                } else if (e.kind() == Kind.LONG_PRESS) {
                    recorder.snapshot(e.pressedAtNanos());
                }
                break;
            case START_STOP:
                if (isShortAction(e)) {
                    if (!recorder.isRecording()) {
                        recorder.startRecording(e.timestampNanos());
                    }
                } else if (e.kind() == Kind.LONG_PRESS) {
                    recorder.snapshot(e.pressedAtNanos());
                }
                break;
            case HOLD:
                onHold(e);
                break;
            default:
                throw new IllegalStateException("unhandled trigger mode " + mode);
        }
    }

    private void onHold(ButtonEvent e) {
        Kind startOn = longPressEnabled ? Kind.LONG_PRESS : Kind.PRESSED;
        if (e.kind() == startOn) {
            if (!recorder.isRecording()) {
                recorder.startRecording(e.pressedAtNanos());
                holdRecording = true;
            }
        } else if (e.kind() == Kind.RELEASED) {
            if (holdRecording) {
                holdRecording = false;
                recorder.stopRecording(e.timestampNanos());
            }
        } else if (e.kind() == Kind.SHORT_PRESS && longPressEnabled) {
            recorder.snapshot(e.pressedAtNanos());
        }
    }

    private void onStop(ButtonEvent e) {
        if (mode == TriggerMode.START_STOP && e.kind() == Kind.PRESSED && recorder.isRecording()) {
            recorder.stopRecording(e.timestampNanos());
        }
    }

    /** The gesture that carries the ordinary (non-long) action: the press itself, or a short press. */
    private boolean isShortAction(ButtonEvent e) {
        return e.kind() == (longPressEnabled ? Kind.SHORT_PRESS : Kind.PRESSED);
    }

    private void toggle(long atNanos) {
        if (recorder.isRecording()) {
            recorder.stopRecording(atNanos);
        } else {
            recorder.startRecording(atNanos);
        }
    }
}
