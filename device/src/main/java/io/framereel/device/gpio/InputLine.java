package io.framereel.device.gpio;

import io.framereel.device.gpio.cdev.GpioLineRequest;
import io.framereel.device.gpio.cdev.LineEventBuffer;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * A requested input line: its logical value, and the edge events the kernel queued for it with their kernel
 * timestamps.
 *
 * <p>Thread-safe with one rule: one thread at a time calls {@link #awaitEdge(long)} (the event reader); any thread
 * may read the value, reconfigure or close. Closing wakes the reader, whose {@code awaitEdge} then throws
 * {@link java.nio.channels.AsynchronousCloseException}.
 */
public final class InputLine implements AutoCloseable {

    private static final int EVENTS_PER_READ = 16;

    private final GpioLineRequest request;
    private final int offset;
    /** Written by reconfigure (any thread), read by any thread. */
    private volatile InputSettings settings;

    // confined to the reader thread
    private final LineEventBuffer events = new LineEventBuffer(EVENTS_PER_READ);
    private int nextEvent;
    private long lastLineSequence;
    /** Written by the reader thread, read by any thread. */
    private volatile long droppedEvents;

    InputLine(GpioLineRequest request, int offset, InputSettings settings) {
        this.request = request;
        this.offset = offset;
        this.settings = settings;
    }

    /** Chip-local offset. */
    public int offset() {
        return offset;
    }

    /** The settings the line was last requested or reconfigured with. */
    public InputSettings settings() {
        return settings;
    }

    /** Reads the logical value: true when active (physical low if active-low). */
    public boolean isActive() throws IOException {
        return request.getValues(1) != 0;
    }

    /**
     * Returns the next edge event, waiting up to {@code timeoutMs} for one (negative: no limit).
     *
     * @return the event, or null if none arrived in time
     * @throws java.nio.channels.AsynchronousCloseException if the line was closed while waiting
     */
    public EdgeEvent awaitEdge(long timeoutMs) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, timeoutMs));
        while (nextEvent >= events.count()) {
            long waitMs = timeoutMs < 0 ? -1 : remainingMs(deadline);
            if (!request.awaitEvents(waitMs)) {
                return null;
            }
            nextEvent = 0;
            if (request.readEvents(events) == 0 && timeoutMs >= 0 && remainingMs(deadline) == 0) {
                return null;
            }
        }
        int i = nextEvent++;
        long lineSequence = events.lineSeqno(i);
        if (lastLineSequence != 0 && lineSequence > lastLineSequence + 1) {
            droppedEvents += lineSequence - lastLineSequence - 1;
        }
        lastLineSequence = lineSequence;
        return new EdgeEvent(events.isRising(i) ? Edge.RISING : Edge.FALLING, events.timestampNanos(i),
                events.offset(i), lineSequence);
    }

    private static long remainingMs(long deadlineNanos) {
        long left = deadlineNanos - System.nanoTime();
        return left <= 0 ? 0 : TimeUnit.NANOSECONDS.toMillis(left + 999_999);
    }

    /** Events the kernel dropped because its queue overflowed, counted from gaps in the line sequence numbers. */
    public long droppedEvents() {
        return droppedEvents;
    }

    /** Applies new settings to the granted line (GPIO_V2_LINE_SET_CONFIG_IOCTL) without releasing it. */
    public void reconfigure(InputSettings next) throws IOException {
        request.reconfigure(next.toLineConfig());
        this.settings = next;
    }

    /** Whether the line has been released. */
    public boolean isClosed() {
        return request.isClosed();
    }

    /** Releases the line. Safe to call more than once and from any thread. */
    @Override
    public void close() throws IOException {
        request.close();
    }

    @Override
    public String toString() {
        return "InputLine[" + request.device() + ", " + settings + "]";
    }
}
