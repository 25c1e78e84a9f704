package io.framereel.storage.file;

import static io.framereel.storage.TestImages.bytes;
import static io.framereel.storage.TestImages.hex;
import static io.framereel.storage.TestImages.toArray;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.framereel.storage.Image;
import io.framereel.storage.ImageIO;
import io.framereel.storage.PixelFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Byte-exact files against the worked examples of the OpenMV format reference (§1.5). */
class GoldenBytesTest {
    @TempDir
    Path dir;

    @Test
    void writesTheRgb565ExampleByteForByte() throws Exception {
        Path file = dir.resolve("rgb565.bin");
        Image px = bytes(2, 2, PixelFormat.RGB565, 0x00, 0xF8, 0xE0, 0x07, 0x1F, 0x00, 0xFF, 0xFF).elapsedMs(33);
        try (ImageIO io = ImageIO.open(file, "w")) {
            io.write(px);
        }
        assertArrayEquals(hex(
                "4F 4D 56 20 49 4D 47 20 53 54 52 20 56 32 2E 30 "
                + "21 00 00 00 02 00 00 00 02 00 00 00 02 00 03 0C "
                + "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 "
                + "00 F8 E0 07 1F 00 FF FF 00 00 00 00 00 00 00 00"), Files.readAllBytes(file));
    }

    @Test
    void writesTheJpegChunkExampleWithItsSizeField() throws Exception {
        Path file = dir.resolve("jpeg.bin");
        try (ImageIO io = ImageIO.open(file, "w")) {
            io.write(bytes(160, 120, PixelFormat.JPEG, 0xFF, 0xD8, 0x00, 0xFF, 0xD9).elapsedMs(40));
        }
        byte[] all = Files.readAllBytes(file);
        byte[] chunk = java.util.Arrays.copyOfRange(all, 16, all.length);
        assertArrayEquals(hex(
                "28 00 00 00 A0 00 00 00 78 00 00 00 00 00 06 06 "
                + "05 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 "
                + "FF D8 00 FF D9 00 00 00 00 00 00 00 00 00 00 00"), chunk);
    }

    @Test
    void readsTheV11GrayscaleExample() throws Exception {
        Path file = dir.resolve("v11.bin");
        Files.write(file, concat(StreamFormat.header(StreamVersion.V1_1), hex(
                "0A 00 00 00 03 00 00 00 03 00 00 00 01 00 00 00 "
                + "00 01 02 03 04 05 06 07 08 00 00 00 00 00 00 00")));
        try (ImageIO io = ImageIO.open(file, "r")) {
            assertEquals(11, io.version().getAsInt());
            assertEquals(1, io.count());
            Image img = io.read(false, false, false);
            assertEquals(PixelFormat.GRAYSCALE, img.format());
            assertEquals(3, img.width());
            assertEquals(10, img.elapsedMs());
            assertArrayEquals(new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8}, toArray(img.payload()));
        }
    }

    @Test
    void readsBackTheRgb565ExampleItWrote() throws Exception {
        Path file = dir.resolve("rt.bin");
        Image px = bytes(2, 2, PixelFormat.RGB565, 0x00, 0xF8, 0xE0, 0x07, 0x1F, 0x00, 0xFF, 0xFF).elapsedMs(33);
        try (ImageIO io = ImageIO.open(file, "w")) {
            io.write(px);
        }
        try (ImageIO io = ImageIO.open(file, "r")) {
            Image back = io.read(true, false, false);
            assertEquals(33, back.elapsedMs());
            assertEquals(true, back.samePixels(px));
        }
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
