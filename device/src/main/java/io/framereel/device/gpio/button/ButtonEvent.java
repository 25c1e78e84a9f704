package io.framereel.device.gpio.button;

import java.util.Objects;

/**
 * A debounced button gesture. Immutable.
 *
 * @param button         name of the button, e.g. "record"
 * @param kind           what happened
 * @param timestampNanos when: the press edge for PRESSED, the release edge for RELEASED and SHORT_PRESS, and
 *                       press + threshold for LONG_PRESS; on the {@link ButtonScheduler#nanos()} clock
 * @param heldNanos      how long the button had been held (0 for PRESSED)
 */
public record ButtonEvent(String button, Kind kind, long timestampNanos, long heldNanos) {

    /** Gesture kinds, in the order they occur for one press. */
    public enum Kind {
        /** The button went down (after debouncing). */
        PRESSED,
        /** Held for the long-press threshold; reported while still held. */
        LONG_PRESS,
        /** The button came up. */
        RELEASED,
        /** Released before the long-press threshold (every release when long presses are disabled). */
        SHORT_PRESS
    }

    public ButtonEvent {
        Objects.requireNonNull(button, "button");
        Objects.requireNonNull(kind, "kind");
    }

    /** When the press that this event belongs to began. */
    public long pressedAtNanos() {
        return timestampNanos - heldNanos;
    }
}
