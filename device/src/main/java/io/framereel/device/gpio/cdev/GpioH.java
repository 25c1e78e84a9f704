package io.framereel.device.gpio.cdev;

/**
 * Constants of the kernel header {@code linux/gpio.h}, GPIO character-device uAPI version 2: limits, line
 * flags, attribute and event ids, structure sizes and field offsets, and ioctl request numbers.
 *
 * <p>The v2 structures are fixed-size with explicit padding and 64-bit aligned members, so every value here is
 * the same on x86_64, aarch64 and armhf. {@code GpioUapiLayoutTest} proves it against a table generated with
 * the C compilers of all three ({@code device/src/test/native/gpio-uapi}). Comments paraphrase the header.
 *
 * <p>Plain constants, no JNA types; immutable and thread-safe.
 */
public interface GpioH {

    // ---- limits

    /** Size of the name and label arrays; a multiple of 8 to keep the structs aligned. */
    int GPIO_MAX_NAME_SIZE = 32;
    /** Maximum number of lines in one request; bitmaps are 64 bits wide. */
    int GPIO_V2_LINES_MAX = 64;
    /** Maximum number of configuration attributes in one line config. */
    int GPIO_V2_LINE_NUM_ATTRS_MAX = 10;

    // ---- enum gpio_v2_line_flag

    /** Line is not available for request (another consumer, or the kernel, holds it). */
    long GPIO_V2_LINE_FLAG_USED = 1L << 0;
    /** Line active state is physical low: values and edges are reported inverted. */
    long GPIO_V2_LINE_FLAG_ACTIVE_LOW = 1L << 1;
    /** Line is an input. */
    long GPIO_V2_LINE_FLAG_INPUT = 1L << 2;
    /** Line is an output. */
    long GPIO_V2_LINE_FLAG_OUTPUT = 1L << 3;
    /** Line detects rising (inactive to active) edges. */
    long GPIO_V2_LINE_FLAG_EDGE_RISING = 1L << 4;
    /** Line detects falling (active to inactive) edges. */
    long GPIO_V2_LINE_FLAG_EDGE_FALLING = 1L << 5;
    /** Line is an open drain output. */
    long GPIO_V2_LINE_FLAG_OPEN_DRAIN = 1L << 6;
    /** Line is an open source output. */
    long GPIO_V2_LINE_FLAG_OPEN_SOURCE = 1L << 7;
    /** Line has pull-up bias enabled. */
    long GPIO_V2_LINE_FLAG_BIAS_PULL_UP = 1L << 8;
    /** Line has pull-down bias enabled. */
    long GPIO_V2_LINE_FLAG_BIAS_PULL_DOWN = 1L << 9;
    /** Line has bias disabled. */
    long GPIO_V2_LINE_FLAG_BIAS_DISABLED = 1L << 10;
    /** Line events carry CLOCK_REALTIME timestamps instead of CLOCK_MONOTONIC. */
    long GPIO_V2_LINE_FLAG_EVENT_CLOCK_REALTIME = 1L << 11;
    /** Line events carry timestamps from a hardware timestamp engine. */
    long GPIO_V2_LINE_FLAG_EVENT_CLOCK_HTE = 1L << 12;

    // ---- enum gpio_v2_line_attr_id: which member of gpio_v2_line_attribute's union is in use

    /** The union holds {@code flags}, overriding the config's default flags for the masked lines. */
    int GPIO_V2_LINE_ATTR_ID_FLAGS = 1;
    /** The union holds {@code values}, a bitmap of output values indexed like the request's offsets. */
    int GPIO_V2_LINE_ATTR_ID_OUTPUT_VALUES = 2;
    /** The union holds {@code debounce_period_us}, the debounce period in microseconds. */
    int GPIO_V2_LINE_ATTR_ID_DEBOUNCE = 3;

    // ---- enum gpio_v2_line_event_id

    /** Event triggered by a rising edge. */
    int GPIO_V2_LINE_EVENT_RISING_EDGE = 1;
    /** Event triggered by a falling edge. */
    int GPIO_V2_LINE_EVENT_FALLING_EDGE = 2;

    // ---- structure sizes

    /** {@code struct gpiochip_info}: name[32], label[32], lines. */
    int SIZEOF_GPIOCHIP_INFO = 68;
    /** {@code struct gpio_v2_line_values}: bits, mask. */
    int SIZEOF_GPIO_V2_LINE_VALUES = 16;
    /** {@code struct gpio_v2_line_attribute}: id, padding, union { flags, values, debounce_period_us }. */
    int SIZEOF_GPIO_V2_LINE_ATTRIBUTE = 16;
    /** {@code struct gpio_v2_line_config_attribute}: attr, mask. */
    int SIZEOF_GPIO_V2_LINE_CONFIG_ATTRIBUTE = 24;
    /** {@code struct gpio_v2_line_config}: flags, num_attrs, padding[5], attrs[10]. */
    int SIZEOF_GPIO_V2_LINE_CONFIG = 272;
    /** {@code struct gpio_v2_line_request}: offsets[64], consumer[32], config, num_lines, ..., fd. */
    int SIZEOF_GPIO_V2_LINE_REQUEST = 592;
    /** {@code struct gpio_v2_line_info}: name[32], consumer[32], offset, num_attrs, flags, attrs[10], padding[4]. */
    int SIZEOF_GPIO_V2_LINE_INFO = 256;
    /** {@code struct gpio_v2_line_event}: timestamp_ns, id, offset, seqno, line_seqno, padding[6]. */
    int SIZEOF_GPIO_V2_LINE_EVENT = 48;

    // ---- field offsets read or written through raw memory on the event and value paths

    /** Offset of {@code gpio_v2_line_values.bits}. */
    int LINE_VALUES_BITS_OFFSET = 0;
    /** Offset of {@code gpio_v2_line_values.mask}. */
    int LINE_VALUES_MASK_OFFSET = 8;
    /** Offset of {@code gpio_v2_line_event.timestamp_ns} (u64). */
    int LINE_EVENT_TIMESTAMP_NS_OFFSET = 0;
    /** Offset of {@code gpio_v2_line_event.id} (u32, a GPIO_V2_LINE_EVENT_* value). */
    int LINE_EVENT_ID_OFFSET = 8;
    /** Offset of {@code gpio_v2_line_event.offset} (u32, the chip-local line offset). */
    int LINE_EVENT_OFFSET_OFFSET = 12;
    /** Offset of {@code gpio_v2_line_event.seqno} (u32, sequence over all lines of the request). */
    int LINE_EVENT_SEQNO_OFFSET = 16;
    /** Offset of {@code gpio_v2_line_event.line_seqno} (u32, sequence on this line). */
    int LINE_EVENT_LINE_SEQNO_OFFSET = 20;

    // ---- ioctl request numbers (type 0xB4)

    /** Reads a {@code struct gpiochip_info} from a chip fd. */
    int GPIO_GET_CHIPINFO_IOCTL = Ioc.ior(0xB4, 0x01, SIZEOF_GPIOCHIP_INFO);
    /** Reads a {@code struct gpio_v2_line_info} for the offset filled in by the caller, from a chip fd. */
    int GPIO_V2_GET_LINEINFO_IOCTL = Ioc.iowr(0xB4, 0x05, SIZEOF_GPIO_V2_LINE_INFO);
    /** Requests lines described by a {@code struct gpio_v2_line_request}; the kernel fills in its {@code fd}. */
    int GPIO_V2_GET_LINE_IOCTL = Ioc.iowr(0xB4, 0x07, SIZEOF_GPIO_V2_LINE_REQUEST);
    /** Reconfigures the lines of a request fd with a {@code struct gpio_v2_line_config}. */
    int GPIO_V2_LINE_SET_CONFIG_IOCTL = Ioc.iowr(0xB4, 0x0D, SIZEOF_GPIO_V2_LINE_CONFIG);
    /** Reads the values of the masked lines of a request fd into a {@code struct gpio_v2_line_values}. */
    int GPIO_V2_LINE_GET_VALUES_IOCTL = Ioc.iowr(0xB4, 0x0E, SIZEOF_GPIO_V2_LINE_VALUES);
    /** Sets the values of the masked output lines of a request fd. */
    int GPIO_V2_LINE_SET_VALUES_IOCTL = Ioc.iowr(0xB4, 0x0F, SIZEOF_GPIO_V2_LINE_VALUES);
}
