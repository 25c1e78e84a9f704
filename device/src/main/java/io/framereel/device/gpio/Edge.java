package io.framereel.device.gpio;

import io.framereel.device.gpio.cdev.GpioH;

/**
 * Which transitions of an input line the kernel reports as events. Edges are logical: with an active-low line a
 * button press (physical high to low) is a {@link #RISING} edge.
 */
public enum Edge {
    /** No edge detection; the line can only be read. */
    NONE(0),
    /** Inactive to active. */
    RISING(GpioH.GPIO_V2_LINE_FLAG_EDGE_RISING),
    /** Active to inactive. */
    FALLING(GpioH.GPIO_V2_LINE_FLAG_EDGE_FALLING),
    /** Both transitions. */
    BOTH(GpioH.GPIO_V2_LINE_FLAG_EDGE_RISING | GpioH.GPIO_V2_LINE_FLAG_EDGE_FALLING);

    private final long flags;

    Edge(long flags) {
        this.flags = flags;
    }

    /** The GPIO_V2_LINE_FLAG_EDGE_* bits. */
    long flags() {
        return flags;
    }
}
