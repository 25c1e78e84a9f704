package io.framereel.device.gpio.cdev;

import static io.framereel.device.gpio.cdev.GpioH.GPIO_V2_LINE_ATTR_ID_DEBOUNCE;
import static io.framereel.device.gpio.cdev.GpioH.GPIO_V2_LINE_ATTR_ID_FLAGS;
import static io.framereel.device.gpio.cdev.GpioH.GPIO_V2_LINE_ATTR_ID_OUTPUT_VALUES;
import static io.framereel.device.gpio.cdev.GpioH.GPIO_V2_LINE_NUM_ATTRS_MAX;

import io.framereel.device.gpio.cdev.GpioStructs.GpioV2LineConfig;
import io.framereel.device.gpio.cdev.GpioStructs.GpioV2LineConfigAttribute;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@code struct gpio_v2_line_config} in plain Java: default flags for every requested line plus up to ten
 * attributes (flags override, output values, debounce period), each applied to the lines in its mask.
 *
 * <p>Masks index the request's offsets array: bit n is the n-th requested line, whatever its chip offset. With a
 * one-line request the mask is always 1. Immutable and thread-safe; the {@code with*} methods return copies.
 */
public final class LineConfig {

    /**
     * One {@code struct gpio_v2_line_config_attribute}.
     *
     * @param id    GPIO_V2_LINE_ATTR_ID_* value
     * @param value flags, output-value bitmap or debounce period in microseconds, depending on {@code id}
     * @param mask  request lines the attribute applies to
     */
    public record Attribute(int id, long value, long mask) {
        public Attribute {
            if (id < GPIO_V2_LINE_ATTR_ID_FLAGS || id > GPIO_V2_LINE_ATTR_ID_DEBOUNCE) {
                throw new IllegalArgumentException("unknown line attribute id " + id);
            }
            if (mask == 0) {
                throw new IllegalArgumentException("line attribute " + id + " has an empty mask");
            }
        }
    }

    private final long flags;
    private final List<Attribute> attributes;

    private LineConfig(long flags, List<Attribute> attributes) {
        if (attributes.size() > GPIO_V2_LINE_NUM_ATTRS_MAX) {
            throw new IllegalArgumentException("a line config holds at most " + GPIO_V2_LINE_NUM_ATTRS_MAX
                    + " attributes (was " + attributes.size() + ")");
        }
        this.flags = flags;
        this.attributes = List.copyOf(attributes);
    }

    /** Returns a config with default {@code flags} (GPIO_V2_LINE_FLAG_* bits) and no attributes. */
    public static LineConfig of(long flags) {
        return new LineConfig(flags, List.of());
    }

    /** Returns a copy that overrides the flags of the lines in {@code mask}. */
    public LineConfig withFlags(long lineFlags, long mask) {
        return with(new Attribute(GPIO_V2_LINE_ATTR_ID_FLAGS, lineFlags, mask));
    }

    /** Returns a copy that sets the output values (bit n for request line n) of the lines in {@code mask}. */
    public LineConfig withOutputValues(long values, long mask) {
        return with(new Attribute(GPIO_V2_LINE_ATTR_ID_OUTPUT_VALUES, values, mask));
    }

    /**
     * Returns a copy that debounces the lines in {@code mask} for {@code periodUs} microseconds: the kernel
     * reports an edge only once the line has been stable that long (in hardware where the chip can, otherwise
     * in software on the edge interrupt). 0 disables debouncing.
     */
    public LineConfig withDebounce(int periodUs, long mask) {
        if (periodUs < 0) {
            throw new IllegalArgumentException("debounce period cannot be less than 0 us (was " + periodUs + ")");
        }
        return with(new Attribute(GPIO_V2_LINE_ATTR_ID_DEBOUNCE, periodUs, mask));
    }

    private LineConfig with(Attribute attribute) {
        List<Attribute> next = new ArrayList<>(attributes);
        next.add(attribute);
        return new LineConfig(flags, next);
    }

    /** Default GPIO_V2_LINE_FLAG_* flags. */
    public long flags() {
        return flags;
    }

    /** Attributes in order; the kernel gives the first match for a line precedence. */
    public List<Attribute> attributes() {
        return attributes;
    }

    /** Fills {@code config}, zeroing unused attribute slots and the reserved padding. */
    void writeTo(GpioV2LineConfig config) {
        config.flags = flags;
        config.num_attrs = attributes.size();
        java.util.Arrays.fill(config.padding, 0);
        for (int i = 0; i < config.attrs.length; i++) {
            GpioV2LineConfigAttribute slot = config.attrs[i];
            slot.attr.padding = 0;
            if (i < attributes.size()) {
                Attribute a = attributes.get(i);
                slot.attr.id = a.id();
                if (a.id() == GPIO_V2_LINE_ATTR_ID_DEBOUNCE) {
                    slot.attr.debouncePeriodUs((int) a.value());
                } else {
                    slot.attr.value = a.value();
                }
                slot.mask = a.mask();
            } else {
                slot.attr.id = 0;
                slot.attr.value = 0;
                slot.mask = 0;
            }
        }
    }

    @Override
    public String toString() {
        return "LineConfig[flags=0x" + Long.toHexString(flags) + ", attributes=" + attributes + "]";
    }
}
