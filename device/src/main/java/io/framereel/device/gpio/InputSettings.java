package io.framereel.device.gpio;

import io.framereel.device.gpio.cdev.GpioH;
import io.framereel.device.gpio.cdev.LineConfig;

import java.time.Duration;
import java.util.Objects;

/**
 * How to request an input line: bias, edge detection, polarity, kernel debounce and the consumer label. Immutable;
 * the {@code with*} methods return copies.
 *
 * @param bias            pull resistor
 * @param edge            edges reported as {@link EdgeEvent}s
 * @param activeLow       whether physical low is the active (1) state, e.g. a button to ground with a pull-up
 * @param debounce        kernel debounce period, {@link Duration#ZERO} for none; at microsecond resolution
 * @param consumer        label other tools (gpioinfo) show for the line
 * @param eventBufferSize suggested kernel event queue length, 0 for the kernel default (16)
 */
public record InputSettings(Bias bias, Edge edge, boolean activeLow, Duration debounce, String consumer,
        int eventBufferSize) {

    /** Largest debounce the uAPI's 32-bit microsecond field holds (about 71 minutes). */
    public static final Duration MAX_DEBOUNCE = Duration.ofNanos(0xffff_ffffL * 1000);

    public InputSettings {
        Objects.requireNonNull(bias, "bias");
        Objects.requireNonNull(edge, "edge");
        Objects.requireNonNull(debounce, "debounce");
        Objects.requireNonNull(consumer, "consumer");
        if (debounce.isNegative()) {
            throw new IllegalArgumentException("debounce cannot be less than 0 (was " + debounce + ")");
        }
        if (debounce.compareTo(MAX_DEBOUNCE) > 0) {
            throw new IllegalArgumentException("debounce cannot be more than " + MAX_DEBOUNCE + " (was " + debounce
                    + ")");
        }
        if (eventBufferSize < 0) {
            throw new IllegalArgumentException("event buffer size cannot be less than 0 (was " + eventBufferSize
                    + ")");
        }
    }

    /** As-is bias, both edges, active-high, no debounce, consumer "framereel", default event queue. */
    public static InputSettings defaults() {
        return new InputSettings(Bias.AS_IS, Edge.BOTH, false, Duration.ZERO, "framereel", 0);
    }

    public InputSettings withBias(Bias value) {
        return new InputSettings(value, edge, activeLow, debounce, consumer, eventBufferSize);
    }

    public InputSettings withEdge(Edge value) {
        return new InputSettings(bias, value, activeLow, debounce, consumer, eventBufferSize);
    }

    public InputSettings withActiveLow(boolean value) {
        return new InputSettings(bias, edge, value, debounce, consumer, eventBufferSize);
    }

    public InputSettings withDebounce(Duration value) {
        return new InputSettings(bias, edge, activeLow, value, consumer, eventBufferSize);
    }

    public InputSettings withConsumer(String value) {
        return new InputSettings(bias, edge, activeLow, debounce, value, eventBufferSize);
    }

    public InputSettings withEventBufferSize(int value) {
        return new InputSettings(bias, edge, activeLow, debounce, consumer, value);
    }

    /** Debounce period in whole microseconds, rounded up so a non-zero period never becomes 0. */
    public int debouncePeriodUs() {
        long nanos = debounce.toNanos();
        return (int) ((nanos + 999) / 1000);
    }

    /** The kernel line config for a one-line request with these settings. */
    LineConfig toLineConfig() {
        long flags = GpioH.GPIO_V2_LINE_FLAG_INPUT | bias.flag() | edge.flags();
        if (activeLow) {
            flags |= GpioH.GPIO_V2_LINE_FLAG_ACTIVE_LOW;
        }
        LineConfig config = LineConfig.of(flags);
        int periodUs = debouncePeriodUs();
        return periodUs == 0 ? config : config.withDebounce(periodUs, 1);
    }
}
