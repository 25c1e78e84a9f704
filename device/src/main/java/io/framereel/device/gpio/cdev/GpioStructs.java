package io.framereel.device.gpio.cdev;

import static io.framereel.device.gpio.cdev.GpioH.GPIO_MAX_NAME_SIZE;
import static io.framereel.device.gpio.cdev.GpioH.GPIO_V2_LINES_MAX;
import static io.framereel.device.gpio.cdev.GpioH.GPIO_V2_LINE_NUM_ATTRS_MAX;

import com.sun.jna.Structure;
import com.sun.jna.Structure.FieldOrder;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * JNA models of the {@code linux/gpio.h} v2 structures, field for field, used for the setup ioctls (chip info,
 * line info, line request, set config). The edge-event and value paths use raw memory at the offsets in
 * {@link GpioH} instead, so they allocate nothing per call.
 *
 * <p>Every member of these structs is naturally aligned by the header's explicit padding, so JNA's default
 * alignment gives the C layout on every supported architecture; {@code GpioUapiLayoutTest} checks sizes and
 * offsets against the compiler-generated table. Instances are not thread-safe; each is used by one call.
 */
final class GpioStructs {

    private GpioStructs() {
    }

    /** Decodes a NUL-terminated C string from a fixed-size array (the kernel writes ASCII names). */
    static String cString(byte[] bytes) {
        int n = 0;
        while (n < bytes.length && bytes[n] != 0) {
            n++;
        }
        return new String(bytes, 0, n, StandardCharsets.UTF_8);
    }

    /**
     * Writes {@code text} into a fixed-size C string field, truncated to leave room for the NUL terminator (the
     * kernel truncates consumer labels the same way).
     */
    static void putCString(byte[] field, String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        int n = Math.min(utf8.length, field.length - 1);
        System.arraycopy(utf8, 0, field, 0, n);
        java.util.Arrays.fill(field, n, field.length, (byte) 0);
    }

    /** {@code struct gpiochip_info}: filled by GPIO_GET_CHIPINFO_IOCTL. */
    @FieldOrder({"name", "label", "lines"})
    public static class GpioChipInfo extends Structure {
        /** The kernel name of the chip, e.g. "gpiochip0". */
        public byte[] name = new byte[GPIO_MAX_NAME_SIZE];
        /** A functional name, e.g. "pinctrl-bcm2711" or a gpio-sim bank label; may be empty. */
        public byte[] label = new byte[GPIO_MAX_NAME_SIZE];
        /** Number of lines on the chip. */
        public int lines;

        int offsetOf(String field) {
            return fieldOffset(field);
        }
    }

    /**
     * {@code struct gpio_v2_line_attribute}. The C union {@code {__aligned_u64 flags; __aligned_u64 values;
     * __u32 debounce_period_us;}} is one 8-byte slot here; the 32-bit debounce member sits at the slot's first
     * address, which is its low half on little-endian and its high half on big-endian targets.
     */
    @FieldOrder({"id", "padding", "value"})
    public static class GpioV2LineAttribute extends Structure {
        private static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

        /** Which union member is in use, a GPIO_V2_LINE_ATTR_ID_* value. */
        public int id;
        /** Reserved, must be zero. */
        public int padding;
        /** The union: flags, output values bitmap, or debounce period in microseconds. */
        public long value;

        int offsetOf(String field) {
            return fieldOffset(field);
        }

        /** Reads the union as {@code debounce_period_us}. */
        int debouncePeriodUs() {
            return (int) (LITTLE_ENDIAN ? value : value >>> 32);
        }

        /** Stores {@code debounce_period_us} in the union's first four bytes, zeroing the rest. */
        void debouncePeriodUs(int periodUs) {
            long bits = Integer.toUnsignedLong(periodUs);
            value = LITTLE_ENDIAN ? bits : bits << 32;
        }
    }

    /** {@code struct gpio_v2_line_config_attribute}: an attribute and the request lines it applies to. */
    @FieldOrder({"attr", "mask"})
    public static class GpioV2LineConfigAttribute extends Structure {
        /** The attribute. */
        public GpioV2LineAttribute attr = new GpioV2LineAttribute();
        /** Bitmap of lines, bit n meaning index n of the request's {@code offsets} (not the line offset). */
        public long mask;

        int offsetOf(String field) {
            return fieldOffset(field);
        }
    }

    /** {@code struct gpio_v2_line_config}: default flags plus per-line attribute overrides. */
    @FieldOrder({"flags", "num_attrs", "padding", "attrs"})
    public static class GpioV2LineConfig extends Structure {
        /** Default GPIO_V2_LINE_FLAG_* flags for all requested lines. */
        public long flags;
        /** Number of valid entries in {@code attrs}. */
        public int num_attrs;
        /** Reserved, must be zero. */
        public int[] padding = new int[5];
        /** Attribute overrides; the first entry for a line wins if several match it. */
        public GpioV2LineConfigAttribute[] attrs = new GpioV2LineConfigAttribute[GPIO_V2_LINE_NUM_ATTRS_MAX];

        public GpioV2LineConfig() {
            for (int i = 0; i < attrs.length; i++) {
                attrs[i] = new GpioV2LineConfigAttribute();
            }
        }

        int offsetOf(String field) {
            return fieldOffset(field);
        }
    }

    /** {@code struct gpio_v2_line_request}: argument of GPIO_V2_GET_LINE_IOCTL; the kernel fills {@code fd}. */
    @FieldOrder({"offsets", "consumer", "config", "num_lines", "event_buffer_size", "padding", "fd"})
    public static class GpioV2LineRequest extends Structure {
        /** Chip-local offsets of the requested lines; the first {@code num_lines} are valid. */
        public int[] offsets = new int[GPIO_V2_LINES_MAX];
        /** Consumer label shown by gpioinfo, e.g. "framereel". */
        public byte[] consumer = new byte[GPIO_MAX_NAME_SIZE];
        /** Requested configuration. */
        public GpioV2LineConfig config = new GpioV2LineConfig();
        /** Number of requested lines. */
        public int num_lines;
        /** Suggested minimum number of buffered edge events; 0 means num_lines * 16. */
        public int event_buffer_size;
        /** Reserved, must be zero. */
        public int[] padding = new int[5];
        /** Out: the request's anonymous fd. */
        public int fd;

        int offsetOf(String field) {
            return fieldOffset(field);
        }
    }

    /** {@code struct gpio_v2_line_info}: filled by GPIO_V2_GET_LINEINFO_IOCTL for the offset set by the caller. */
    @FieldOrder({"name", "consumer", "offset", "num_attrs", "flags", "attrs", "padding"})
    public static class GpioV2LineInfo extends Structure {
        /** Line name from the device tree or the gpio-sim bank; may be empty. */
        public byte[] name = new byte[GPIO_MAX_NAME_SIZE];
        /** Consumer label of the current holder; may be empty even when the line is used. */
        public byte[] consumer = new byte[GPIO_MAX_NAME_SIZE];
        /** In: the chip-local line offset. */
        public int offset;
        /** Number of valid entries in {@code attrs}. */
        public int num_attrs;
        /** Current GPIO_V2_LINE_FLAG_* flags. */
        public long flags;
        /** Attributes in effect, e.g. the debounce period. */
        public GpioV2LineAttribute[] attrs = new GpioV2LineAttribute[GPIO_V2_LINE_NUM_ATTRS_MAX];
        /** Reserved. */
        public int[] padding = new int[4];

        public GpioV2LineInfo() {
            for (int i = 0; i < attrs.length; i++) {
                attrs[i] = new GpioV2LineAttribute();
            }
        }

        int offsetOf(String field) {
            return fieldOffset(field);
        }
    }

    /** {@code struct gpio_v2_line_values}: bitmaps indexed like the request's offsets. */
    @FieldOrder({"bits", "mask"})
    public static class GpioV2LineValues extends Structure {
        /** Line values, 1 for active. */
        public long bits;
        /** Lines to get or set. */
        public long mask;

        int offsetOf(String field) {
            return fieldOffset(field);
        }
    }

    /** {@code struct gpio_v2_line_event}: read(2) from a request fd with edge detection enabled. */
    @FieldOrder({"timestamp_ns", "id", "offset", "seqno", "line_seqno", "padding"})
    public static class GpioV2LineEvent extends Structure {
        /** Event time, CLOCK_MONOTONIC by default (the clock of System.nanoTime() on Linux). */
        public long timestamp_ns;
        /** GPIO_V2_LINE_EVENT_RISING_EDGE or _FALLING_EDGE. */
        public int id;
        /** Chip-local offset of the line. */
        public int offset;
        /** Sequence number over all lines of the request. */
        public int seqno;
        /** Sequence number on this line. */
        public int line_seqno;
        /** Reserved. */
        public int[] padding = new int[6];

        int offsetOf(String field) {
            return fieldOffset(field);
        }
    }
}
