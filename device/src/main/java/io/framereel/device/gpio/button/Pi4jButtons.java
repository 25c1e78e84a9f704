package io.framereel.device.gpio.button;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;

import java.util.concurrent.TimeUnit;

/**
 * Creates the Pi4J I/O for buttons and the status LED with settings that match a {@link ButtonConfig}: the pull
 * resistor from the polarity (active-low gets a pull-up) and the debounce period, which framereel's cdev provider
 * hands to the kernel. Stateless.
 */
public final class Pi4jButtons {

    private Pi4jButtons() {
    }

    /** Creates a Pi4J input {@code id} on line {@code line} of the context's GPIO chip. */
    public static DigitalInput input(Context pi4j, String id, int line, ButtonConfig config) {
        return pi4j.create(DigitalInput.newConfigBuilder(pi4j)
                .id(id)
                .address(line)
                .pull(config.activeLow() ? PullResistance.PULL_UP : PullResistance.PULL_DOWN)
                .debounce(TimeUnit.NANOSECONDS.toMicros(config.debounce().toNanos()))
                .build());
    }

    /** Creates a Pi4J output {@code id} on line {@code line}, dark at start and at shutdown. */
    public static DigitalOutput led(Context pi4j, String id, int line, boolean activeLow) {
        DigitalState dark = activeLow ? DigitalState.HIGH : DigitalState.LOW;
        return pi4j.create(DigitalOutput.newConfigBuilder(pi4j)
                .id(id)
                .address(line)
                .initial(dark)
                .shutdown(dark)
                .build());
    }
}
