package io.framereel.capture.cli;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Builds stream files byte by byte from the OpenMV layout, independently of the storage module: a 16-byte
 * header, then V1 chunks (elapsed, w, h, bpp, data, pad to 16) or V2 chunks (elapsed, w, h, pixformat, size,
 * 12 zero bytes, data, pad to 16), all integers unsigned 32-bit little-endian.
 */
final class StreamBytes {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    private StreamBytes(String version) {
        bytes.writeBytes(("OMV IMG STR " + version).getBytes(StandardCharsets.US_ASCII));
    }

    static StreamBytes header(String version) {
        return new StreamBytes(version);
    }

    StreamBytes chunkV1(int elapsedMs, int width, int height, int bpp, byte[] data) {
        ints(elapsedMs, width, height, bpp);
        return data(data);
    }

    StreamBytes chunkV2(int elapsedMs, int width, int height, int pixformat, int size, byte[] data) {
        ints(elapsedMs, width, height, pixformat, size, 0, 0, 0);
        return data(data);
    }

    /** Raw bytes, e.g. a torn chunk. */
    StreamBytes raw(byte[] data) {
        bytes.writeBytes(data);
        return this;
    }

    byte[] toByteArray() {
        return bytes.toByteArray();
    }

    private void ints(int... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            b.putInt(v);
        }
        bytes.writeBytes(b.array());
    }

    private StreamBytes data(byte[] data) {
        bytes.writeBytes(data);
        bytes.writeBytes(new byte[(16 - data.length % 16) % 16]);
        return this;
    }

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }
}
