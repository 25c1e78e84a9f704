package io.framereel.device.gpio.cdev;

import static io.framereel.device.gpio.cdev.GpioH.GPIO_V2_LINE_EVENT_RISING_EDGE;
import static io.framereel.device.gpio.cdev.GpioH.LINE_EVENT_ID_OFFSET;
import static io.framereel.device.gpio.cdev.GpioH.LINE_EVENT_LINE_SEQNO_OFFSET;
import static io.framereel.device.gpio.cdev.GpioH.LINE_EVENT_OFFSET_OFFSET;
import static io.framereel.device.gpio.cdev.GpioH.LINE_EVENT_SEQNO_OFFSET;
import static io.framereel.device.gpio.cdev.GpioH.LINE_EVENT_TIMESTAMP_NS_OFFSET;
import static io.framereel.device.gpio.cdev.GpioH.SIZEOF_GPIO_V2_LINE_EVENT;

import com.sun.jna.Memory;

/**
 * A reusable block of native memory holding up to {@link #capacity()} {@code struct gpio_v2_line_event}s, filled
 * by {@link GpioLineRequest#readEvents(LineEventBuffer)} and read back field by field, so reading events
 * allocates nothing.
 *
 * <p>Not thread-safe: owned by the one thread that reads events.
 */
public final class LineEventBuffer {

    private final Memory memory;
    private final int capacity;
    private int count;

    /** Allocates room for {@code capacity} events (16 matches the kernel's default queue for one line). */
    public LineEventBuffer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("event buffer capacity cannot be less than 1 (was " + capacity + ")");
        }
        this.capacity = capacity;
        this.memory = new Memory((long) capacity * SIZEOF_GPIO_V2_LINE_EVENT);
        this.memory.clear();
    }

    /** Maximum number of events one read fills in. */
    public int capacity() {
        return capacity;
    }

    /** Number of events filled in by the last read. */
    public int count() {
        return count;
    }

    /** Kernel timestamp of event {@code i}: CLOCK_MONOTONIC nanoseconds, comparable with System.nanoTime(). */
    public long timestampNanos(int i) {
        return memory.getLong(base(i) + LINE_EVENT_TIMESTAMP_NS_OFFSET);
    }

    /** GPIO_V2_LINE_EVENT_RISING_EDGE or GPIO_V2_LINE_EVENT_FALLING_EDGE. */
    public int id(int i) {
        return memory.getInt(base(i) + LINE_EVENT_ID_OFFSET);
    }

    /** Whether event {@code i} is a rising (inactive to active) edge. */
    public boolean isRising(int i) {
        return id(i) == GPIO_V2_LINE_EVENT_RISING_EDGE;
    }

    /** Chip-local offset of the line of event {@code i}. */
    public int offset(int i) {
        return memory.getInt(base(i) + LINE_EVENT_OFFSET_OFFSET);
    }

    /** Sequence number of event {@code i} among all lines of the request (u32, starting at 1). */
    public long seqno(int i) {
        return Integer.toUnsignedLong(memory.getInt(base(i) + LINE_EVENT_SEQNO_OFFSET));
    }

    /** Sequence number of event {@code i} on its line (u32, starting at 1); a gap means the kernel dropped events. */
    public long lineSeqno(int i) {
        return Integer.toUnsignedLong(memory.getInt(base(i) + LINE_EVENT_LINE_SEQNO_OFFSET));
    }

    Memory memory() {
        return memory;
    }

    long sizeBytes() {
        return (long) capacity * SIZEOF_GPIO_V2_LINE_EVENT;
    }

    void count(int n) {
        this.count = n;
    }

    private long base(int i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException("event " + i + " of " + count);
        }
        return (long) i * SIZEOF_GPIO_V2_LINE_EVENT;
    }
}
