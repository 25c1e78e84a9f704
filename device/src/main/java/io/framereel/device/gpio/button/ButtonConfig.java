package io.framereel.device.gpio.button;

import java.time.Duration;
import java.util.Objects;

/**
 * How one button behaves: its polarity, its debounce period and the long-press threshold. Immutable; the
 * {@code with*} methods return validated copies.
 *
 * @param activeLow whether pressing pulls the line low (button to ground with a pull-up, the usual wiring)
 * @param debounce  changes within this period after an accepted change are treated as contact bounce; also used
 *                  as the kernel debounce period where the GPIO provider supports one. {@link Duration#ZERO}
 *                  turns debouncing off
 * @param longPress how long the button must be held for a {@link ButtonEvent.Kind#LONG_PRESS};
 *                  {@link Duration#ZERO} disables long presses, and every release is then a short press
 */
public record ButtonConfig(boolean activeLow, Duration debounce, Duration longPress) {

    /** Default debounce period: 10 ms, the same as Pi4J's default. */
    public static final Duration DEFAULT_DEBOUNCE = Duration.ofMillis(10);
    /** Default long-press threshold: 800 ms. */
    public static final Duration DEFAULT_LONG_PRESS = Duration.ofMillis(800);
    /** Longest debounce accepted; beyond this a press would feel lost. */
    public static final Duration MAX_DEBOUNCE = Duration.ofSeconds(1);

    public ButtonConfig {
        Objects.requireNonNull(debounce, "debounce");
        Objects.requireNonNull(longPress, "longPress");
        if (debounce.isNegative()) {
            throw new IllegalArgumentException("button debounce cannot be less than 0 ms (was " + debounce.toMillis()
                    + " ms)");
        }
        if (debounce.compareTo(MAX_DEBOUNCE) > 0) {
            throw new IllegalArgumentException("button debounce cannot be more than " + MAX_DEBOUNCE.toMillis()
                    + " ms (was " + debounce.toMillis() + " ms)");
        }
        if (longPress.isNegative()) {
            throw new IllegalArgumentException("button long-press threshold cannot be less than 0 ms (was "
                    + longPress.toMillis() + " ms)");
        }
        if (!longPress.isZero() && longPress.compareTo(debounce) <= 0) {
            throw new IllegalArgumentException("button long-press threshold must be longer than the debounce period "
                    + debounce.toMillis() + " ms, or 0 to disable long presses (was " + longPress.toMillis() + " ms)");
        }
    }

    /** Active-low, 10 ms debounce, 800 ms long press. */
    public static ButtonConfig defaults() {
        return new ButtonConfig(true, DEFAULT_DEBOUNCE, DEFAULT_LONG_PRESS);
    }

    public ButtonConfig withActiveLow(boolean value) {
        return new ButtonConfig(value, debounce, longPress);
    }

    public ButtonConfig withDebounce(Duration value) {
        return new ButtonConfig(activeLow, value, longPress);
    }

    public ButtonConfig withLongPress(Duration value) {
        return new ButtonConfig(activeLow, debounce, value);
    }

    /** Whether long presses are reported. */
    public boolean longPressEnabled() {
        return !longPress.isZero();
    }
}
