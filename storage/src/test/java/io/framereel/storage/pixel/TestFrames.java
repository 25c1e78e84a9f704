package io.framereel.storage.pixel;

import io.framereel.storage.Image;
import io.framereel.storage.PixelFormat;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

// Test helper: builds images whose payload sits between guard bytes, so a converter that ignores the
// buffer's position, or reads past its limit, produces wrong pixels or throws.
final class TestFrames {
    static final byte GUARD = (byte) 0xA5;
    static final int GUARD_BYTES = 7;

    private TestFrames() {
    }

    /** Wraps {@code data} as a payload at position GUARD_BYTES with guard bytes before and after the limit. */
    static ByteBuffer guarded(byte[] data) {
        byte[] all = new byte[GUARD_BYTES + data.length + GUARD_BYTES];
        java.util.Arrays.fill(all, GUARD);
        System.arraycopy(data, 0, all, GUARD_BYTES, data.length);
        ByteBuffer b = ByteBuffer.wrap(all);
        b.position(GUARD_BYTES).limit(GUARD_BYTES + data.length);
        return b;
    }

    static Image image(int width, int height, PixelFormat format, byte[] data) {
        return Image.of(width, height, format, guarded(data));
    }

    static int[] convert(Image image) {
        int[] out = new int[image.width() * image.height()];
        ArgbConverter.convert(image, out);
        return out;
    }

    static byte[] encode(BufferedImage image, String formatName) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!javax.imageio.ImageIO.write(image, formatName, out)) {
                throw new IllegalStateException("no " + formatName + " writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static int red(int argb) {
        return (argb >>> 16) & 0xFF;
    }

    static int green(int argb) {
        return (argb >>> 8) & 0xFF;
    }

    static int blue(int argb) {
        return argb & 0xFF;
    }
}
