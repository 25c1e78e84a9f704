package io.framereel.device.gpio.pi4j;

import com.pi4j.context.Context;
import com.pi4j.exception.ShutdownException;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalInputConfig;
import com.pi4j.io.gpio.digital.DigitalInputProvider;
import com.pi4j.io.gpio.digital.DigitalInputProviderBase;

import io.framereel.device.gpio.GpioChip;

import java.io.IOException;
import java.util.Map;

/**
 * Pi4J digital input provider on the GPIO character device; see {@link CdevGpioPlugin} for configuration.
 * Thread-safe.
 */
public class CdevDigitalInputProvider extends DigitalInputProviderBase {

    /** Provider id, usable as an I/O config's {@code provider} property. */
    public static final String ID = "framereel-cdev-digital-input";
    /** Provider name. */
    public static final String NAME = "framereel GPIO cdev Digital Input (GPIO) Provider";

    private final ChipCache chips = new ChipCache();

    public CdevDigitalInputProvider() {
        super(ID, NAME);
    }

    /** A new provider, for {@code Pi4J.newContextBuilder().add(...)}. */
    public static CdevDigitalInputProvider newInstance() {
        return new CdevDigitalInputProvider();
    }

    @Override
    public int getPriority() {
        return CdevGpioPlugin.PRIORITY;
    }

    /**
     * Creates and initializes an input on the configured chip at line offset {@code config.address()}.
     *
     * @throws com.pi4j.io.exception.IOException if the chip cannot be found or opened; the message lists the
     *                                           chips seen
     */
    @Override
    public DigitalInput create(DigitalInputConfig config) {
        GpioChip chip = chipFor(config.id(), config.properties());
        CdevDigitalInput input = new CdevDigitalInput(this, config, chip);
        context.registry().add(input);
        return input;
    }

    /**
     * Resolves a line of the context's chip given by number ("17") or name ("shutter-button"), for use as the
     * address of an input config.
     */
    public int lineOffset(String numberOrName) throws IOException {
        return chips.chip(context, Map.of()).lineOffset(numberOrName);
    }

    @Override
    public DigitalInputProvider shutdown(Context context) throws ShutdownException {
        try {
            return super.shutdown(context);
        } finally {
            releaseChips();
        }
    }

    /** Closes the chip handles; lines already requested are released by their inputs. */
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
            throw new com.pi4j.io.exception.IOException("input '" + ioId + "': " + e.getMessage(), e);
        }
    }
}
