package io.framereel.device.gpio;

import io.framereel.device.gpio.cdev.GpioLineRequest;

import java.io.IOException;

/** A requested output line. Thread-safe; setting from several threads applies the sets in some order. */
public final class OutputLine implements AutoCloseable {

    private final GpioLineRequest request;
    private final int offset;
    private final OutputSettings settings;

    OutputLine(GpioLineRequest request, int offset, OutputSettings settings) {
        this.request = request;
        this.offset = offset;
        this.settings = settings;
    }

    /** Chip-local offset. */
    public int offset() {
        return offset;
    }

    /** The settings the line was requested with. */
    public OutputSettings settings() {
        return settings;
    }

    /** Drives the line to its active (true) or inactive state; polarity follows {@link OutputSettings#activeLow()}. */
    public void set(boolean active) throws IOException {
        request.setValues(active ? 1 : 0, 1);
    }

    /** Reads back the logical value the line is driven to. */
    public boolean isActive() throws IOException {
        return request.getValues(1) != 0;
    }

    /** Whether the line has been released. */
    public boolean isClosed() {
        return request.isClosed();
    }

    /**
     * Releases the line. What the pin does afterwards is up to the driver (many keep the last level, gpio-sim
     * returns to its simulated pull), so drive the safe state first where it matters. Safe to call more than once.
     */
    @Override
    public void close() throws IOException {
        request.close();
    }

    @Override
    public String toString() {
        return "OutputLine[" + request.device() + ", " + settings + "]";
    }
}
