package io.framereel.device.v4l2;

import com.sun.jna.Native;
import com.sun.jna.Structure;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Base of framereel's JNA structures: gives the layout check and the capture loop access to JNA's field
 * offsets, and decodes the NUL-terminated byte arrays V4L2 uses for names. Instances are not thread-safe.
 */
abstract class NativeStruct extends Structure {
    /** The byte offset JNA computed for a top-level field. */
    final int offsetOf(String fieldName) {
        return fieldOffset(fieldName);
    }

    /** Field names in declaration order, as in @FieldOrder. */
    final List<String> fieldNames() {
        return getFieldOrder();
    }

    /** A NUL-terminated C string in a fixed-size byte array, decoded as UTF-8 (V4L2 names are ASCII). */
    static String cString(byte[] bytes) {
        return Native.toString(bytes, StandardCharsets.UTF_8.name());
    }
}
