package io.framereel.device.gpio.button;

import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;

import java.io.IOException;
import java.util.Objects;

/**
 * A {@link LedOutput} on a Pi4J digital output. Thread-safe as far as the Pi4J output is. Closing leaves the
 * output to its context (Pi4J applies its shutdown state).
 */
public final class Pi4jLedOutput implements LedOutput {

    private final DigitalOutput output;
    private final boolean activeLow;

    /**
     * @param activeLow whether the LED lights when the line is low (LED wired to 3V3)
     */
    public Pi4jLedOutput(DigitalOutput output, boolean activeLow) {
        this.output = Objects.requireNonNull(output, "output");
        this.activeLow = activeLow;
    }

    @Override
    public void set(boolean on) throws IOException {
        try {
            output.state(on != activeLow ? DigitalState.HIGH : DigitalState.LOW);
        } catch (RuntimeException e) {
            throw new IOException("status LED " + output.id() + ": cannot switch " + (on ? "on" : "off") + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        // the Pi4J context owns the output and applies its shutdown state
    }

    @Override
    public String toString() {
        return "Pi4jLedOutput[" + output.id() + " line " + output.address() + (activeLow ? ", active-low]" : "]");
    }
}
