package io.framereel.device.gpio.pi4j;

import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeEvent;

/**
 * A Pi4J state-change event that also carries the kernel's edge timestamp and per-line sequence number, for
 * listeners that measure latency or order presses exactly. Listeners that only know Pi4J see a plain
 * {@link DigitalStateChangeEvent}. Immutable.
 */
public class CdevStateChangeEvent extends DigitalStateChangeEvent<DigitalInput> {

    private final long timestampNanos;
    private final long lineSequence;

    public CdevStateChangeEvent(DigitalInput source, DigitalState state, long timestampNanos, long lineSequence) {
        super(source, state);
        this.timestampNanos = timestampNanos;
        this.lineSequence = lineSequence;
    }

    /** Kernel edge timestamp, CLOCK_MONOTONIC nanoseconds (comparable with System.nanoTime() on Linux). */
    public long timestampNanos() {
        return timestampNanos;
    }

    /** Per-line sequence number from the kernel; a gap means events were dropped. */
    public long lineSequence() {
        return lineSequence;
    }
}
