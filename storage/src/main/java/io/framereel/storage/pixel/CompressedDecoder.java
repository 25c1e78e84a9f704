package io.framereel.storage.pixel;

import io.framereel.storage.Image;
import io.framereel.storage.PixelFormat;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Decodes JPEG and PNG frames to ARGB with {@code javax.imageio}; this path allocates (a copy of the
 * compressed bytes and the decoded image).
 *
 * <p>Single-band gray images are read straight from the raster: {@code BufferedImage.getRGB} would pass them
 * through Java's linear gray colour space and brighten them, so a gray PNG would not round-trip exactly.
 *
 * <p>Thread-safe: {@code javax.imageio.ImageIO.read} may be called concurrently; no shared state here.
 */
final class CompressedDecoder {
    private CompressedDecoder() {
    }

    static void decode(Image src, int[] dst) {
        int width = src.width();
        int height = src.height();
        BufferedImage decoded = read(src);
        if (decoded.getWidth() != width || decoded.getHeight() != height) {
            throw new IllegalArgumentException(src.format() + " frame decodes to " + decoded.getWidth() + "x"
                    + decoded.getHeight() + " but its header says " + width + "x" + height);
        }
        Raster raster = decoded.getRaster();
        boolean plainGray = raster.getNumBands() == 1
                && decoded.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY;
        if (plainGray) {
            int maxSample = (1 << raster.getSampleModel().getSampleSize(0)) - 1;
            raster.getPixels(0, 0, width, height, dst);
            int pixels = width * height;
            for (int i = 0; i < pixels; i++) {
                dst[i] = Channels.gray((dst[i] * 255 + (maxSample >> 1)) / maxSample);
            }
        } else {
            decoded.getRGB(0, 0, width, height, dst, 0, width);
            int pixels = width * height;
            for (int i = 0; i < pixels; i++) {
                dst[i] |= Channels.OPAQUE_BLACK;
            }
        }
    }

    private static BufferedImage read(Image src) {
        ByteBuffer payload = src.payload().duplicate();
        byte[] bytes = new byte[payload.remaining()];
        payload.get(bytes);
        if (src.format() == PixelFormat.JPEG) {
            bytes = JpegHuffmanTables.withStandardTables(bytes); // UVC MJPEG frames leave the tables out
        }
        BufferedImage decoded;
        try {
            decoded = javax.imageio.ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(describe(src, bytes.length) + " cannot be decoded: " + e.getMessage(), e);
        }
        if (decoded == null) {
            throw new IllegalArgumentException(describe(src, bytes.length)
                    + " cannot be decoded: no javax.imageio reader recognises the bytes");
        }
        return decoded;
    }

    private static String describe(Image src, int bytes) {
        return src.format() + " frame (" + src.width() + "x" + src.height() + ", " + bytes + " bytes)";
    }
}
