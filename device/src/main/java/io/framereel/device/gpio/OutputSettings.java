package io.framereel.device.gpio;

import io.framereel.device.gpio.cdev.GpioH;
import io.framereel.device.gpio.cdev.LineConfig;

import java.util.Objects;

/**
 * How to request an output line: drive, polarity, the value it takes at once, and the consumer label. Immutable;
 * the {@code with*} methods return copies.
 *
 * @param drive         push-pull, open-drain or open-source
 * @param activeLow     whether the active (1) state drives the pin low, e.g. an LED wired to 3V3
 * @param initialActive the logical value the line takes when granted, before any set
 * @param consumer      label other tools (gpioinfo) show for the line
 */
public record OutputSettings(Drive drive, boolean activeLow, boolean initialActive, String consumer) {

    public OutputSettings {
        Objects.requireNonNull(drive, "drive");
        Objects.requireNonNull(consumer, "consumer");
    }

    /** Push-pull, active-high, initially inactive, consumer "framereel". */
    public static OutputSettings defaults() {
        return new OutputSettings(Drive.PUSH_PULL, false, false, "framereel");
    }

    public OutputSettings withDrive(Drive value) {
        return new OutputSettings(value, activeLow, initialActive, consumer);
    }

    public OutputSettings withActiveLow(boolean value) {
        return new OutputSettings(drive, value, initialActive, consumer);
    }

    public OutputSettings withInitialActive(boolean value) {
        return new OutputSettings(drive, activeLow, value, consumer);
    }

    public OutputSettings withConsumer(String value) {
        return new OutputSettings(drive, activeLow, initialActive, value);
    }

    /** The kernel line config for a one-line request: output flags plus the initial value as an attribute. */
    LineConfig toLineConfig() {
        long flags = GpioH.GPIO_V2_LINE_FLAG_OUTPUT | drive.flag();
        if (activeLow) {
            flags |= GpioH.GPIO_V2_LINE_FLAG_ACTIVE_LOW;
        }
        return LineConfig.of(flags).withOutputValues(initialActive ? 1 : 0, 1);
    }
}
