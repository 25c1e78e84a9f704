package io.framereel.device.gpio.pi4j;

import com.pi4j.context.Context;
import com.pi4j.exception.InitializeException;
import com.pi4j.exception.ShutdownException;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalOutputBase;
import com.pi4j.io.gpio.digital.DigitalOutputConfig;
import com.pi4j.io.gpio.digital.DigitalOutputProvider;
import com.pi4j.io.gpio.digital.DigitalState;

import io.framereel.device.gpio.GpioChip;
import io.framereel.device.gpio.OutputLine;
import io.framereel.device.gpio.OutputSettings;

import java.io.IOException;

/**
 * A Pi4J digital output driving a GPIO character-device line. The line is requested already at Pi4J's initial
 * state (LOW if none is configured), so it never glitches through another level; on shutdown Pi4J's shutdown
 * state is applied, then the line is released. Thread-safe.
 */
public class CdevDigitalOutput extends DigitalOutputBase {

    private final GpioChip chip;
    /** Written by initialize, read by any thread. */
    private volatile OutputLine line;

    CdevDigitalOutput(DigitalOutputProvider provider, DigitalOutputConfig config, GpioChip chip) {
        super(provider, config);
        this.chip = chip;
    }

    @Override
    public DigitalOutput initialize(Context context) throws InitializeException {
        DigitalState initial = config.initialState() == DigitalState.HIGH ? DigitalState.HIGH : DigitalState.LOW;
        try {
            line = chip.requestOutput(config.address(), OutputSettings.defaults()
                    .withInitialActive(initial == DigitalState.HIGH).withConsumer(config.id()));
        } catch (IOException e) {
            throw new InitializeException("output '" + id + "' on " + chip + " line " + config.address() + ": "
                    + e.getMessage(), e);
        }
        this.state = initial;
        try {
            super.initialize(context);
        } catch (RuntimeException e) {
            release(e);
            throw e;
        }
        return this;
    }

    @Override
    public DigitalOutput state(DigitalState next) throws com.pi4j.io.exception.IOException {
        if (next != DigitalState.HIGH && next != DigitalState.LOW) {
            throw new IllegalArgumentException("output '" + id + "' can be set HIGH or LOW (was " + next + ")");
        }
        OutputLine l = line;
        if (l == null) {
            throw new com.pi4j.io.exception.IOException("output '" + id + "' is not initialized or already shut down");
        }
        try {
            l.set(next == DigitalState.HIGH);
        } catch (IOException e) {
            throw new com.pi4j.io.exception.IOException(e.getMessage(), e);
        }
        return super.state(next);
    }

    /**
     * Applies Pi4J's shutdown state (if configured), then releases the line even if that failed. A second call
     * (Pi4J's registry and the provider both shut instances down) does nothing.
     */
    @Override
    public DigitalOutput shutdown(Context context) throws ShutdownException {
        if (line == null) {
            return this;
        }
        RuntimeException failure = null;
        try {
            super.shutdown(context);
        } catch (RuntimeException e) {
            failure = e;
        }
        OutputLine l = line;
        line = null;
        if (l != null) {
            try {
                l.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = new ShutdownException("output '" + id + "': " + e.getMessage(), e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return this;
    }

    private void release(RuntimeException cause) {
        OutputLine l = line;
        line = null;
        if (l != null) {
            try {
                l.close();
            } catch (IOException e) {
                cause.addSuppressed(e);
            }
        }
    }
}
