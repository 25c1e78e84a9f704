package io.framereel.device.gpio.pi4j;

import com.pi4j.context.Context;
import com.pi4j.exception.ShutdownException;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalOutputConfig;
import com.pi4j.io.gpio.digital.DigitalOutputProvider;
import com.pi4j.io.gpio.digital.DigitalOutputProviderBase;

import io.framereel.device.gpio.GpioChip;

import java.io.IOException;
import java.util.Map;

/**
 * Pi4J digital output provider on the GPIO character device; see {@link CdevGpioPlugin} for configuration.
 * Thread-safe.
 */
public class CdevDigitalOutputProvider extends DigitalOutputProviderBase {

    /** Provider id, usable as an I/O config's {@code provider} property. */
    public static final String ID = "framereel-cdev-digital-output";
    /** Provider name. */
    public static final String NAME = "framereel GPIO cdev Digital Output (GPIO) Provider";

    private final ChipCache chips = new ChipCache();

    public CdevDigitalOutputProvider() {
        super(ID, NAME);
    }

    /** A new provider, for {@code Pi4J.newContextBuilder().add(...)}. */
    public static CdevDigitalOutputProvider newInstance() {
        return new CdevDigitalOutputProvider();
    }

    @Override
    public int getPriority() {
        return CdevGpioPlugin.PRIORITY;
    }

    /**
     * Creates and initializes an output on the configured chip at line offset {@code config.address()}.
     *
     * @throws com.pi4j.io.exception.IOException if the chip cannot be found or opened; the message lists the
     *                                           chips seen
     */
    @Override
    public DigitalOutput create(DigitalOutputConfig config) {
        GpioChip chip = chipFor(config.id(), config.properties());
        CdevDigitalOutput output = new CdevDigitalOutput(this, config, chip);
        context.registry().add(output);
        return output;
    }

    /**
     * Resolves a line of the context's chip given by number ("17") or name ("shutter-button"), for use as the
     * address of an output config.
     */
    public int lineOffset(String numberOrName) throws IOException {
        return chips.chip(context, Map.of()).lineOffset(numberOrName);
    }

    @Override
    public DigitalOutputProvider shutdown(Context context) throws ShutdownException {
        try {
            return super.shutdown(context);
        } finally {
            releaseChips();
        }
    }

    /** Closes the chip handles; lines already requested are released by their outputs. */
    void releaseChips() {
        IOException e = chips.closeAll();
        if (e != null) {
            logger.warn("{}: closing GPIO chips failed: {}", NAME, e.getMessage(), e);
        }
    }

    private GpioChip chipFor(String ioId, Map<String, String> properties) {
        try {
            return chips.chip(context, properties);
        } catch (IOException e) {
            throw new com.pi4j.io.exception.IOException("output '" + ioId + "': " + e.getMessage(), e);
        }
    }
}
