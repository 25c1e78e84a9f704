package io.framereel.device.gpio.cdev;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;

import io.framereel.device.gpio.cdev.GpioStructs.GpioChipInfo;
import io.framereel.device.gpio.cdev.GpioStructs.GpioV2LineAttribute;
import io.framereel.device.gpio.cdev.GpioStructs.GpioV2LineConfig;
import io.framereel.device.gpio.cdev.GpioStructs.GpioV2LineConfigAttribute;
import io.framereel.device.gpio.cdev.GpioStructs.GpioV2LineEvent;
import io.framereel.device.gpio.cdev.GpioStructs.GpioV2LineInfo;
import io.framereel.device.gpio.cdev.GpioStructs.GpioV2LineRequest;
import io.framereel.device.gpio.cdev.GpioStructs.GpioV2LineValues;
import io.framereel.device.libc.Errno;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

// Scope: the JNA binding's structure layouts and constants against the table compiled from linux/gpio.h for
// x86_64, aarch64 and armhf (device/src/test/native/gpio-uapi/regenerate.sh).
class GpioUapiLayoutTest {

    private static final String TABLE = "gpio-uapi-layout.txt";
    private static final List<String> ARCHES = List.of("x86_64", "aarch64", "armhf");

    /** key -> one value per architecture, in ARCHES order. */
    private static final Map<String, long[]> rows = new LinkedHashMap<>();

    /** C struct name -> a fresh JNA model of it. */
    private static final Map<String, Supplier<Structure>> MODELS = new LinkedHashMap<>();

    static {
        MODELS.put("gpiochip_info", GpioChipInfo::new);
        MODELS.put("gpio_v2_line_values", GpioV2LineValues::new);
        MODELS.put("gpio_v2_line_attribute", GpioV2LineAttribute::new);
        MODELS.put("gpio_v2_line_config_attribute", GpioV2LineConfigAttribute::new);
        MODELS.put("gpio_v2_line_config", GpioV2LineConfig::new);
        MODELS.put("gpio_v2_line_request", GpioV2LineRequest::new);
        MODELS.put("gpio_v2_line_info", GpioV2LineInfo::new);
        MODELS.put("gpio_v2_line_event", GpioV2LineEvent::new);
    }

    @BeforeAll
    static void loadTable() throws IOException {
        try (InputStream in = GpioUapiLayoutTest.class.getResourceAsStream(TABLE)) {
            assertNotNull(in, TABLE + " is missing from the test resources");
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            int lineNo = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNo++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.trim().split("\\s+");
                assertEquals(1 + ARCHES.size(), cols.length, TABLE + ":" + lineNo + " has " + cols.length + " columns");
                long[] values = new long[ARCHES.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = Long.decode(cols[i + 1]);
                }
                rows.put(cols[0], values);
            }
        }
        assertTrue(rows.size() > 100, "table has only " + rows.size() + " rows");
    }

    /** Column of the running JVM's architecture; any other architecture is checked against x86_64. */
    private static int hostColumn() {
        switch (System.getProperty("os.arch")) {
            case "aarch64":
                return 1;
            case "arm":
                return 2;
            default:
                return 0;
        }
    }

    private static long value(String key) {
        long[] v = rows.get(key);
        assertNotNull(v, "no row " + key + " in " + TABLE);
        return v[hostColumn()];
    }

    @Test
    void everyArchitectureHasTheSameLayoutAndConstants() {
        for (Map.Entry<String, long[]> row : rows.entrySet()) {
            if (row.getKey().startsWith("header:")) {
                continue; // the header package version differs between the native and the cross toolchains
            }
            long[] v = row.getValue();
            for (int i = 1; i < v.length; i++) {
                assertEquals(v[0], v[i], row.getKey() + " differs between x86_64 and " + ARCHES.get(i));
            }
        }
    }

    @Test
    void structureSizesMatchTheHeaderOnThisPlatform() throws ReflectiveOperationException {
        for (Map.Entry<String, Supplier<Structure>> model : MODELS.entrySet()) {
            String struct = model.getKey();
            long expected = value("sizeof:" + struct);
            assertEquals(expected, model.getValue().get().size(), "JNA Structure.size() of struct " + struct);
            Field constant = GpioH.class.getField("SIZEOF_" + struct.toUpperCase());
            assertEquals(expected, constant.getInt(null), "GpioH." + constant.getName());
        }
    }

    @Test
    void fieldOffsetsMatchTheHeaderOnThisPlatform() throws ReflectiveOperationException {
        int checked = 0;
        for (Map.Entry<String, long[]> row : rows.entrySet()) {
            if (!row.getKey().startsWith("offsetof:")) {
                continue;
            }
            String[] structAndField = row.getKey().substring("offsetof:".length()).split("\\.");
            Supplier<Structure> model = MODELS.get(structAndField[0]);
            if (model == null) {
                continue; // pollfd: checked against Poll below
            }
            String field = structAndField[1];
            if (structAndField[0].equals("gpio_v2_line_attribute")
                    && (field.equals("flags") || field.equals("values") || field.equals("debounce_period_us"))) {
                field = "value"; // the union is one 8-byte slot in the model
            }
            Structure s = model.get();
            int javaOffset = (Integer) s.getClass().getDeclaredMethod("offsetOf", String.class).invoke(s, field);
            assertEquals(value(row.getKey()), javaOffset, row.getKey());
            checked++;
        }
        assertEquals(36, checked, "offset rows checked");
    }

    @Test
    void rawOffsetsOfTheEventAndValuePathsMatchTheHeader() {
        assertEquals(value("offsetof:gpio_v2_line_values.bits"), GpioH.LINE_VALUES_BITS_OFFSET);
        assertEquals(value("offsetof:gpio_v2_line_values.mask"), GpioH.LINE_VALUES_MASK_OFFSET);
        assertEquals(value("offsetof:gpio_v2_line_event.timestamp_ns"), GpioH.LINE_EVENT_TIMESTAMP_NS_OFFSET);
        assertEquals(value("offsetof:gpio_v2_line_event.id"), GpioH.LINE_EVENT_ID_OFFSET);
        assertEquals(value("offsetof:gpio_v2_line_event.offset"), GpioH.LINE_EVENT_OFFSET_OFFSET);
        assertEquals(value("offsetof:gpio_v2_line_event.seqno"), GpioH.LINE_EVENT_SEQNO_OFFSET);
        assertEquals(value("offsetof:gpio_v2_line_event.line_seqno"), GpioH.LINE_EVENT_LINE_SEQNO_OFFSET);
        assertEquals(value("sizeof:pollfd"), Poll.SIZEOF_POLLFD);
        assertEquals(value("offsetof:pollfd.fd"), Poll.POLLFD_FD_OFFSET);
        assertEquals(value("offsetof:pollfd.events"), Poll.POLLFD_EVENTS_OFFSET);
        assertEquals(value("offsetof:pollfd.revents"), Poll.POLLFD_REVENTS_OFFSET);
    }

    @Test
    void ioctlRequestNumbersMatchTheHeader() throws ReflectiveOperationException {
        int checked = 0;
        for (String key : rows.keySet()) {
            if (key.startsWith("ioctl:")) {
                String name = key.substring("ioctl:".length());
                int java = GpioH.class.getField(name).getInt(null);
                assertEquals(value(key), Integer.toUnsignedLong(java), name + " = 0x" + Integer.toHexString(java));
                checked++;
            }
        }
        assertEquals(6, checked, "ioctl rows checked");
    }

    @Test
    void everyHeaderConstantTheBindingDeclaresMatches() throws IllegalAccessException {
        List<Class<?>> headers = List.of(GpioH.class, Fcntl.class, Poll.class, Errno.class);
        List<String> missing = new ArrayList<>();
        for (String key : rows.keySet()) {
            if (!key.startsWith("const:")) {
                continue;
            }
            String name = key.substring("const:".length());
            Field field = findConstant(headers, name);
            if (field == null) {
                missing.add(name);
                continue;
            }
            long java = ((Number) field.get(null)).longValue();
            assertEquals(value(key), java, field.getDeclaringClass().getSimpleName() + "." + name);
        }
        assertEquals(List.of(), missing, "table constants without a Java counterpart");
    }

    private static Field findConstant(List<Class<?>> headers, String name) {
        for (Class<?> header : headers) {
            try {
                Field f = header.getDeclaredField(name);
                assertTrue(Modifier.isStatic(f.getModifiers()), name + " is not a constant");
                return f;
            } catch (NoSuchFieldException e) {
                // try the next header
            }
        }
        return null;
    }

    @Test
    void debouncePeriodOccupiesTheFirstFourBytesOfTheAttributeUnion() {
        GpioV2LineAttribute attr = new GpioV2LineAttribute();
        attr.id = GpioH.GPIO_V2_LINE_ATTR_ID_DEBOUNCE;
        attr.debouncePeriodUs(0x89abcdef);
        attr.write();
        Pointer p = attr.getPointer();
        int unionOffset = (int) value("offsetof:gpio_v2_line_attribute.debounce_period_us");
        assertEquals(0x89abcdef, p.getInt(unionOffset), "u32 at the union's address");
        assertEquals(0, p.getInt(unionOffset + 4), "rest of the union slot");
        assertEquals(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? 0x89abcdefL : 0x89abcdefL << 32,
                attr.value);
        attr.read();
        assertEquals(0x89abcdef, attr.debouncePeriodUs());
    }

    @Test
    void lineRequestSerialisesOffsetsConsumerAndNestedAttributesAtTheHeaderOffsets() {
        GpioV2LineRequest request = new GpioV2LineRequest();
        request.offsets[0] = 17;
        request.offsets[1] = 27;
        request.num_lines = 2;
        request.event_buffer_size = 32;
        GpioStructs.putCString(request.consumer, "framereel-test");
        LineConfig.of(GpioH.GPIO_V2_LINE_FLAG_INPUT | GpioH.GPIO_V2_LINE_FLAG_EDGE_RISING)
                .withDebounce(10_000, 0b01)
                .withOutputValues(0b10, 0b10)
                .writeTo(request.config);
        request.write();
        Pointer p = request.getPointer();

        assertEquals(17, p.getInt(value("offsetof:gpio_v2_line_request.offsets")));
        assertEquals(27, p.getInt(value("offsetof:gpio_v2_line_request.offsets") + 4));
        assertEquals("framereel-test", p.getString(value("offsetof:gpio_v2_line_request.consumer"), "US-ASCII"));
        assertEquals(2, p.getInt(value("offsetof:gpio_v2_line_request.num_lines")));
        assertEquals(32, p.getInt(value("offsetof:gpio_v2_line_request.event_buffer_size")));

        long config = value("offsetof:gpio_v2_line_request.config");
        assertEquals(GpioH.GPIO_V2_LINE_FLAG_INPUT | GpioH.GPIO_V2_LINE_FLAG_EDGE_RISING,
                p.getLong(config + value("offsetof:gpio_v2_line_config.flags")));
        assertEquals(2, p.getInt(config + value("offsetof:gpio_v2_line_config.num_attrs")));

        long attrs = config + value("offsetof:gpio_v2_line_config.attrs");
        long stride = value("sizeof:gpio_v2_line_config_attribute");
        long attrInSlot = value("offsetof:gpio_v2_line_config_attribute.attr");
        long idInAttr = value("offsetof:gpio_v2_line_attribute.id");
        long unionInAttr = value("offsetof:gpio_v2_line_attribute.debounce_period_us");
        long maskInSlot = value("offsetof:gpio_v2_line_config_attribute.mask");

        assertEquals(GpioH.GPIO_V2_LINE_ATTR_ID_DEBOUNCE, p.getInt(attrs + attrInSlot + idInAttr));
        assertEquals(10_000, p.getInt(attrs + attrInSlot + unionInAttr));
        assertEquals(0b01, p.getLong(attrs + maskInSlot));
        assertEquals(GpioH.GPIO_V2_LINE_ATTR_ID_OUTPUT_VALUES, p.getInt(attrs + stride + attrInSlot + idInAttr));
        assertEquals(0b10, p.getLong(attrs + stride + attrInSlot + unionInAttr));
        assertEquals(0b10, p.getLong(attrs + stride + maskInSlot));
        for (int slot = 2; slot < GpioH.GPIO_V2_LINE_NUM_ATTRS_MAX; slot++) {
            assertEquals(0, p.getInt(attrs + slot * stride + attrInSlot + idInAttr), "unused attribute slot " + slot);
        }
    }

    @Test
    void lineInfoReadsNamesFlagsAndTheDebounceAttributeFromKernelBytes() {
        GpioV2LineInfo info = new GpioV2LineInfo();
        Pointer p = info.getPointer();
        p.setString(value("offsetof:gpio_v2_line_info.name"), "shutter-button", "US-ASCII");
        p.setString(value("offsetof:gpio_v2_line_info.consumer"), "gpiomon", "US-ASCII");
        p.setInt(value("offsetof:gpio_v2_line_info.offset"), 5);
        p.setInt(value("offsetof:gpio_v2_line_info.num_attrs"), 1);
        p.setLong(value("offsetof:gpio_v2_line_info.flags"), GpioH.GPIO_V2_LINE_FLAG_USED);
        long attr0 = value("offsetof:gpio_v2_line_info.attrs");
        p.setInt(attr0 + value("offsetof:gpio_v2_line_attribute.id"), GpioH.GPIO_V2_LINE_ATTR_ID_DEBOUNCE);
        p.setInt(attr0 + value("offsetof:gpio_v2_line_attribute.debounce_period_us"), 5000);
        info.read();

        assertEquals("shutter-button", GpioStructs.cString(info.name));
        assertEquals("gpiomon", GpioStructs.cString(info.consumer));
        assertEquals(5, info.offset);
        assertEquals(GpioH.GPIO_V2_LINE_FLAG_USED, info.flags);
        assertEquals(GpioH.GPIO_V2_LINE_ATTR_ID_DEBOUNCE, info.attrs[0].id);
        assertEquals(5000, info.attrs[0].debouncePeriodUs());
    }

    @Test
    void consumerLabelsAreTruncatedToLeaveTheTerminator() {
        byte[] field = new byte[GpioH.GPIO_MAX_NAME_SIZE];
        GpioStructs.putCString(field, "x".repeat(40));
        assertEquals(0, field[GpioH.GPIO_MAX_NAME_SIZE - 1]);
        assertEquals("x".repeat(31), GpioStructs.cString(field));
        GpioStructs.putCString(field, "ab");
        assertEquals("ab", GpioStructs.cString(field));
        assertArrayEquals(new byte[29], java.util.Arrays.copyOfRange(field, 3, 32), "stale bytes cleared");
    }
}
