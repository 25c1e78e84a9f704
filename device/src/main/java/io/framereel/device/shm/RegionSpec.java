package io.framereel.device.shm;

import java.time.Duration;
import java.util.Objects;

/**
 * What a writer asks for when it creates a region: the stored format, the largest frame, the number of slots,
 * the slot size and how often the writer promises a heartbeat. Immutable; {@code with…} returns a copy.
 *
 * @param format               what the slots hold
 * @param maxWidth             the widest frame the region takes
 * @param maxHeight            the tallest frame the region takes
 * @param slots                2 for double buffering, 3 (the default) so a reader copying the newest frame
 *                             survives one more frame before its copy has to be retried
 * @param slotBytes            bytes per slot before rounding up to a page: for display formats at least one
 *                             full-size frame; for RAW the largest payload (compressed frames vary)
 * @param heartbeatPeriodNanos the writer updates the heartbeat at least this often; at most one second
 */
public record RegionSpec(RegionFormat format, int maxWidth, int maxHeight, int slots, long slotBytes,
        long heartbeatPeriodNanos) {

    public static final int DEFAULT_SLOTS = 3;
    public static final long MAX_HEARTBEAT_PERIOD_NANOS = 1_000_000_000L;
    /** Below this a heartbeat is a busy loop, not a liveness signal. */
    public static final long MIN_HEARTBEAT_PERIOD_NANOS = 1_000_000L;

    public RegionSpec {
        Objects.requireNonNull(format, "format");
        if (maxWidth < 1 || maxHeight < 1 || maxWidth > SharedFrameLayout.MAX_DIMENSION
                || maxHeight > SharedFrameLayout.MAX_DIMENSION) {
            throw new IllegalArgumentException("maximum frame " + maxWidth + "x" + maxHeight + " is outside 1x1.."
                    + SharedFrameLayout.MAX_DIMENSION + "x" + SharedFrameLayout.MAX_DIMENSION);
        }
        if (slots < SharedFrameLayout.MIN_SLOTS || slots > SharedFrameLayout.MAX_SLOTS) {
            throw new IllegalArgumentException("slot count " + slots + " is outside " + SharedFrameLayout.MIN_SLOTS
                    + ".." + SharedFrameLayout.MAX_SLOTS + " (a reader needs a slot the writer is not filling)");
        }
        if (slotBytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("slots of " + slotBytes + " bytes exceed the 2 GiB one mapping holds");
        }
        long fullFrame = format.defaultSlotBytes(maxWidth, maxHeight);
        if (format.isDisplay() ? slotBytes < fullFrame : slotBytes < 1) {
            throw new IllegalArgumentException("slots of " + slotBytes + " bytes cannot hold a " + maxWidth + "x"
                    + maxHeight + " " + format + " frame (" + fullFrame + " bytes)");
        }
        if (heartbeatPeriodNanos < MIN_HEARTBEAT_PERIOD_NANOS || heartbeatPeriodNanos > MAX_HEARTBEAT_PERIOD_NANOS) {
            throw new IllegalArgumentException("heartbeat period " + heartbeatPeriodNanos + " ns is outside 1 ms..1 s");
        }
    }

    /** Three slots of exactly one full-size frame (RAW: 2 bytes per pixel) and a one-second heartbeat. */
    public static RegionSpec of(RegionFormat format, int maxWidth, int maxHeight) {
        long bytes = Objects.requireNonNull(format, "format").defaultSlotBytes(Math.max(maxWidth, 0),
                Math.max(maxHeight, 0));
        return new RegionSpec(format, maxWidth, maxHeight, DEFAULT_SLOTS, bytes, MAX_HEARTBEAT_PERIOD_NANOS);
    }

    public RegionSpec withSlots(int slots) {
        return new RegionSpec(format, maxWidth, maxHeight, slots, slotBytes, heartbeatPeriodNanos);
    }

    public RegionSpec withSlotBytes(long slotBytes) {
        return new RegionSpec(format, maxWidth, maxHeight, slots, slotBytes, heartbeatPeriodNanos);
    }

    public RegionSpec withHeartbeatPeriod(Duration period) {
        return new RegionSpec(format, maxWidth, maxHeight, slots, slotBytes, period.toNanos());
    }

    /** The layout this spec gives: slot sizes rounded up to a page. */
    SharedFrameLayout layout() {
        return new SharedFrameLayout(format, maxWidth, maxHeight, slots,
                (slotBytes + SharedFrameLayout.PAGE - 1) / SharedFrameLayout.PAGE * SharedFrameLayout.PAGE);
    }
}
