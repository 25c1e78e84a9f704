package io.framereel.storage.pixel;

import static io.framereel.storage.pixel.TestFrames.blue;
import static io.framereel.storage.pixel.TestFrames.convert;
import static io.framereel.storage.pixel.TestFrames.encode;
import static io.framereel.storage.pixel.TestFrames.green;
import static io.framereel.storage.pixel.TestFrames.image;
import static io.framereel.storage.pixel.TestFrames.red;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framereel.storage.Image;
import io.framereel.storage.PixelFormat;
import java.awt.image.BufferedImage;
import java.util.Random;
import org.junit.jupiter.api.Test;

// Scope: JPEG and PNG frames decoded through javax.imageio, and their error messages.
class CompressedDecoderTest {

    /** The JPEG without its DHT segments, as UVC cameras send motion-JPEG frames. */
    private static byte[] withoutHuffmanTables(byte[] jpeg) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        int at = 2;
        while (true) {
            int marker = jpeg[at + 1] & 0xff;
            if (marker == 0xda) {
                out.write(jpeg, at, jpeg.length - at); // the scan and everything after it
                return out.toByteArray();
            }
            int length = (jpeg[at + 2] & 0xff) << 8 | (jpeg[at + 3] & 0xff);
            if (marker != 0xc4) {
                out.write(jpeg, at, 2 + length);
            }
            at += 2 + length;
        }
    }

    @Test
    void decodesMotionJpegFramesThatLeaveOutTheHuffmanTables() {
        Random random = new Random(7);
        BufferedImage source = new BufferedImage(32, 16, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 32; x++) {
                source.setRGB(x, y, random.nextInt());
            }
        }
        byte[] full = encode(source, "jpeg"); // javax.imageio writes the standard tables
        byte[] stripped = withoutHuffmanTables(full);
        assertTrue(stripped.length < full.length - 400, "the DHT segments are gone");
        int[] expected = convert(image(32, 16, PixelFormat.JPEG, full));
        int[] actual = convert(image(32, 16, PixelFormat.JPEG, stripped));
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], "pixel " + i);
        }
    }

    @Test
    void rgbPngDecodesExactly() {
        Random random = new Random(42);
        BufferedImage source = new BufferedImage(7, 5, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 7; x++) {
                source.setRGB(x, y, random.nextInt());
            }
        }
        int[] argb = convert(image(7, 5, PixelFormat.PNG, encode(source, "png")));
        for (int i = 0; i < argb.length; i++) {
            assertEquals(source.getRGB(i % 7, i / 7) | 0xFF000000, argb[i], "pixel " + i);
        }
    }

    @Test
    void grayPngDecodesToTheStoredLevelsWithoutGammaShift() {
        BufferedImage source = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
        for (int i = 0; i < 256; i++) {
            source.getRaster().setSample(i % 16, i / 16, 0, i);
        }
        int[] argb = convert(image(16, 16, PixelFormat.PNG, encode(source, "png")));
        for (int i = 0; i < 256; i++) {
            assertEquals(0xFF000000 | i * 0x010101, argb[i], "level " + i);
        }
    }

    @Test
    void jpegOfAFlatColourDecodesCloseToIt() {
        BufferedImage source = new BufferedImage(16, 8, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 16; x++) {
                source.setRGB(x, y, 0xC87828);
            }
        }
        Image frame = image(16, 8, PixelFormat.JPEG, encode(source, "jpeg"));
        int position = frame.payload().position();
        int[] argb = convert(frame);
        assertEquals(position, frame.payload().position(), "payload position untouched");
        for (int pixel : argb) {
            assertEquals(0xFF, pixel >>> 24);
            assertTrue(Math.abs(red(pixel) - 200) <= 6 && Math.abs(green(pixel) - 120) <= 6
                    && Math.abs(blue(pixel) - 40) <= 6, Integer.toHexString(pixel));
        }
    }

    @Test
    void decodedSizeDifferentFromTheFrameHeaderIsRejected() {
        byte[] png = encode(new BufferedImage(8, 6, BufferedImage.TYPE_INT_RGB), "png");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> convert(image(4, 4, PixelFormat.PNG, png)));
        assertEquals("PNG frame decodes to 8x6 but its header says 4x4", e.getMessage());
    }

    @Test
    void undecodableBytesNameTheFormatAndSize() {
        byte[] garbage = {(byte) 0xFF, (byte) 0xD8, 1, 2, 3, (byte) 0xFF, (byte) 0xD9};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> convert(image(160, 120, PixelFormat.JPEG, garbage)));
        assertTrue(e.getMessage().startsWith("JPEG frame (160x120, 7 bytes) cannot be decoded"), e.getMessage());
    }

    @Test
    void bytesOfNoKnownFormatAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> convert(image(2, 2, PixelFormat.PNG, new byte[] {1, 2, 3, 4})));
        assertTrue(e.getMessage().startsWith("PNG frame (2x2, 4 bytes) cannot be decoded"), e.getMessage());
    }
}
