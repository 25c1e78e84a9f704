package io.framereel.device.gpio;

/**
 * One edge the kernel saw on an input line. Immutable.
 *
 * @param edge           {@link Edge#RISING} (inactive to active) or {@link Edge#FALLING}
 * @param timestampNanos kernel timestamp, CLOCK_MONOTONIC: the clock of {@link System#nanoTime()} on Linux, so
 *                       {@code System.nanoTime() - timestampNanos} is the delivery latency. With kernel debounce
 *                       it is the time the line had been stable for the debounce period
 * @param offset         chip-local line offset
 * @param lineSequence   per-line event sequence number from the kernel, starting at 1; gaps are dropped events
 */
public record EdgeEvent(Edge edge, long timestampNanos, int offset, long lineSequence) {

    public EdgeEvent {
        if (edge != Edge.RISING && edge != Edge.FALLING) {
            throw new IllegalArgumentException("an edge event is RISING or FALLING (was " + edge + ")");
        }
    }

    /** Whether the line became active. */
    public boolean isRising() {
        return edge == Edge.RISING;
    }
}
