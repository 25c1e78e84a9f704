package io.framereel.storage;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;

/** Builds frames with deterministic content for tests. */
public final class TestImages {
    private TestImages() {
    }

    /** A frame whose bytes are a function of (seed) only; JPEG/PNG get {@code compressedBytes} bytes. */
    public static Image random(long seed, int width, int height, PixelFormat format, int compressedBytes, boolean direct) {
        long n = format.uncompressedBytes(width, height);
        int bytes = (int) (n < 0 ? compressedBytes : n);
        byte[] data = new byte[bytes];
        new Random(seed).nextBytes(data);
        ByteBuffer b = direct ? ByteBuffer.allocateDirect(bytes) : ByteBuffer.allocate(bytes);
        b.order(ByteOrder.LITTLE_ENDIAN).put(data).flip();
        return Image.of(width, height, format, b);
    }

    public static Image bytes(int width, int height, PixelFormat format, int... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            b.put((byte) v);
        }
        b.flip();
        return Image.of(width, height, format, b);
    }

    public static byte[] toArray(ByteBuffer b) {
        ByteBuffer d = b.duplicate();
        byte[] out = new byte[d.remaining()];
        d.get(out);
        return out;
    }

    /** Parses "4F 4D 56 ..." into bytes (whitespace-separated hex). */
    public static byte[] hex(String text) {
        String[] parts = text.trim().split("\\s+");
        byte[] out = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return out;
    }
}
