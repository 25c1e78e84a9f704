package io.framereel.device.gpio.button;

import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeEvent;
import com.pi4j.io.gpio.digital.DigitalStateChangeListener;

import io.framereel.device.gpio.pi4j.CdevStateChangeEvent;

import java.io.IOException;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * A {@link ButtonInput} on a Pi4J digital input. Changes from framereel's cdev provider carry the kernel's edge
 * timestamp; from any other provider (the mock, gpiod) they are stamped with {@code clock} on arrival.
 *
 * <p>Thread-safe. Closing removes the listener; the Pi4J input itself belongs to its context.
 */
public final class Pi4jButtonInput implements ButtonInput {

    private final DigitalInput input;
    private final LongSupplier clock;
    private DigitalStateChangeListener registered; // guarded by this

    /**
     * @param clock the {@link ButtonScheduler#nanos()} clock, for providers without kernel timestamps
     */
    public Pi4jButtonInput(DigitalInput input, LongSupplier clock) {
        this.input = Objects.requireNonNull(input, "input");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public synchronized void listen(LevelListener listener) {
        if (registered != null) {
            throw new IllegalStateException("button input " + input.id() + " already has a listener");
        }
        registered = event -> listener.onLevel(event.state() == DigitalState.HIGH, timestampOf(event));
        input.addListener(registered);
    }

    private long timestampOf(DigitalStateChangeEvent<?> event) {
        return event instanceof CdevStateChangeEvent ? ((CdevStateChangeEvent) event).timestampNanos()
                : clock.getAsLong();
    }

    @Override
    public boolean isHigh() throws IOException {
        DigitalState state;
        try {
            state = input.state();
        } catch (RuntimeException e) {
            throw new IOException("button input " + input.id() + ": cannot read the level: " + e.getMessage(), e);
        }
        if (state != DigitalState.HIGH && state != DigitalState.LOW) {
            throw new IOException("button input " + input.id() + " reads " + state + "; is it initialized?");
        }
        return state == DigitalState.HIGH;
    }

    @Override
    public synchronized void close() {
        if (registered != null) {
            input.removeListener(registered);
            registered = null;
        }
    }

    @Override
    public String toString() {
        return "Pi4jButtonInput[" + input.id() + " line " + input.address() + "]";
    }
}
