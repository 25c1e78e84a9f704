package io.framereel.device.gpio.pi4j;

import com.pi4j.context.Context;
import com.pi4j.exception.InitializeException;
import com.pi4j.exception.ShutdownException;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalInputBase;
import com.pi4j.io.gpio.digital.DigitalInputConfig;
import com.pi4j.io.gpio.digital.DigitalInputProvider;
import com.pi4j.io.gpio.digital.DigitalState;

import io.framereel.device.gpio.Bias;
import io.framereel.device.gpio.Edge;
import io.framereel.device.gpio.EdgeEvent;
import io.framereel.device.gpio.GpioChip;
import io.framereel.device.gpio.InputLine;
import io.framereel.device.gpio.InputSettings;

import java.io.IOException;
import java.nio.channels.AsynchronousCloseException;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Pi4J digital input on a GPIO character-device line: requested with Pi4J's pull setting, both edges and
 * Pi4J's debounce as the kernel debounce period; a reader thread per input turns kernel edge events into
 * {@link CdevStateChangeEvent}s for the listeners.
 *
 * <p>States are physical levels (HIGH = line high), as everywhere in Pi4J. Listeners run on the reader thread,
 * one event at a time, and see changes only: an edge that repeats the previous state (its opposite was dropped by
 * a full kernel queue) is not dispatched. Thread-safe.
 */
public class CdevDigitalInput extends DigitalInputBase {

    private static final Logger LOG = LoggerFactory.getLogger(CdevDigitalInput.class);
    private static final long READER_STOP_TIMEOUT_MS = 2000;

    private final GpioChip chip;
    /** Written by initialize, read by any thread. */
    private volatile InputLine line;
    private Thread reader; // written by initialize, read by shutdown (Pi4J's lifecycle thread)
    /** Confined to the reader thread after initialize. */
    private DigitalState lastDispatched = DigitalState.UNKNOWN;

    CdevDigitalInput(DigitalInputProvider provider, DigitalInputConfig config, GpioChip chip) {
        super(provider, config);
        this.chip = chip;
    }

    /** The kernel request settings for a Pi4J input config. */
    static InputSettings settingsFor(DigitalInputConfig config) {
        Bias bias;
        switch (config.pull()) {
            case PULL_UP:
                bias = Bias.PULL_UP;
                break;
            case PULL_DOWN:
                bias = Bias.PULL_DOWN;
                break;
            default:
                bias = Bias.DISABLED; // Pi4J's OFF: no pull resistor
                break;
        }
        Long debounceUs = config.debounce();
        long us = debounceUs == null ? DigitalInput.DEFAULT_DEBOUNCE : debounceUs;
        if (us < 0) {
            throw new IllegalArgumentException("debounce of input '" + config.id() + "' cannot be less than 0 us (was "
                    + us + ")");
        }
        return InputSettings.defaults().withBias(bias).withEdge(Edge.BOTH).withDebounce(Duration.ofNanos(us * 1000))
                .withConsumer(config.id());
    }

    @Override
    public DigitalInput initialize(Context context) throws InitializeException {
        InputLine requested;
        try {
            requested = chip.requestInput(config.address(), settingsFor(config));
        } catch (IOException | IllegalArgumentException e) {
            throw new InitializeException("input '" + id + "' on " + chip + " line " + config.address() + ": "
                    + e.getMessage(), e);
        }
        try {
            super.initialize(context);
            lastDispatched = requested.isActive() ? DigitalState.HIGH : DigitalState.LOW;
            line = requested;
            reader = new Thread(this::readEdges, "framereel-gpio-" + chip.label() + "-" + config.address());
            reader.setDaemon(true);
            reader.start();
        } catch (IOException | RuntimeException e) {
            line = null;
            try {
                requested.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new InitializeException("input '" + id + "' on " + chip + " line " + config.address() + ": "
                    + e.getMessage(), e);
        }
        return this;
    }

    @Override
    public DigitalState state() {
        InputLine l = line;
        if (l == null || l.isClosed()) {
            return DigitalState.UNKNOWN;
        }
        try {
            return l.isActive() ? DigitalState.HIGH : DigitalState.LOW;
        } catch (IOException e) {
            throw new com.pi4j.io.exception.IOException(e.getMessage(), e);
        }
    }

    /** Events the kernel dropped on this line (its queue overflowed), from gaps in the sequence numbers. */
    public long droppedEvents() {
        InputLine l = line;
        return l == null ? 0 : l.droppedEvents();
    }

    private void readEdges() {
        InputLine l = line;
        try {
            while (true) {
                EdgeEvent edge = l.awaitEdge(-1);
                if (edge == null) {
                    continue;
                }
                DigitalState state = edge.isRising() ? DigitalState.HIGH : DigitalState.LOW;
                if (state == lastDispatched) {
                    continue;
                }
                lastDispatched = state;
                dispatch(new CdevStateChangeEvent(this, state, edge.timestampNanos(), edge.lineSequence()));
            }
        } catch (AsynchronousCloseException e) {
            LOG.debug("input '{}': edge reader stopped by shutdown", id);
        } catch (IOException | RuntimeException e) {
            if (l.isClosed()) {
                LOG.debug("input '{}': edge reader stopped by shutdown ({})", id, e.getMessage());
            } else {
                LOG.error("input '{}' on {} line {}: edge reader stopped, no more events will be delivered: {}", id,
                        chip, config.address(), e.getMessage(), e);
            }
        }
    }

    /** Releases the line, stops the reader thread (no event is dispatched after this returns), drops listeners. */
    @Override
    public DigitalInput shutdown(Context context) throws ShutdownException {
        InputLine l = line;
        ShutdownException failure = null;
        if (l != null) {
            try {
                l.close();
            } catch (IOException e) {
                failure = new ShutdownException("input '" + id + "': " + e.getMessage(), e);
            }
        }
        Thread r = reader;
        if (r != null && r != Thread.currentThread()) {
            try {
                r.join(READER_STOP_TIMEOUT_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (r.isAlive()) {
                LOG.warn("input '{}': edge reader thread {} still running {} ms after release", id, r.getName(),
                        READER_STOP_TIMEOUT_MS);
            }
        }
        super.shutdown(context);
        if (failure != null) {
            throw failure;
        }
        return this;
    }
}
