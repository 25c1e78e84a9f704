package io.framereel.storage.file;

import static io.framereel.storage.TestImages.toArray;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framereel.storage.Image;
import io.framereel.storage.ImageIO;
import io.framereel.storage.ImageIOException;
import io.framereel.storage.PixelFormat;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading V1.0, V1.1 and V2.1 files with every quirk the firmware and IDE have. */
class LegacyVersionsTest {
    @TempDir
    Path dir;

    /** Builds a V1.x/V2.x file chunk by chunk, padding each to 16 bytes. */
    static final class FileBuilder {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        FileBuilder(StreamVersion version) {
            out.writeBytes(StreamFormat.header(version));
        }

        FileBuilder v1(int elapsed, int w, int h, int bpp, byte[] data) {
            ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            b.putInt(elapsed).putInt(w).putInt(h).putInt(bpp);
            out.writeBytes(b.array());
            out.writeBytes(data);
            out.writeBytes(new byte[StreamFormat.padding(data.length)]);
            return this;
        }

        FileBuilder v2(int elapsed, int w, int h, int pixfmt, int size, byte[] data) {
            ByteBuffer b = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
            b.putInt(elapsed).putInt(w).putInt(h).putInt(pixfmt).putInt(size);
            out.writeBytes(b.array());
            out.writeBytes(data);
            out.writeBytes(new byte[StreamFormat.padding(data.length)]);
            return this;
        }

        FileBuilder raw(byte[] bytes) {
            out.writeBytes(bytes);
            return this;
        }

        Path writeTo(Path file) throws Exception {
            Files.write(file, out.toByteArray());
            return file;
        }
    }

    @Test
    void readsV10FilesWithByteSwappedRgb565() throws Exception {
        // red, green as big-endian pixels, as ImageWriter stored them
        Path f = new FileBuilder(StreamVersion.V1_0).v1(50, 2, 1, 2, new byte[] {(byte) 0xF8, 0x00, 0x07, (byte) 0xE0})
                .writeTo(dir.resolve("v10.bin"));
        try (ImageIO io = ImageIO.open(f, "r")) {
            Image img = io.read(true, false, false);
            assertEquals(PixelFormat.RGB565, img.format());
            assertEquals(0xF800, img.payload().order(ByteOrder.LITTLE_ENDIAN).getShort(0) & 0xFFFF);
            assertEquals(0x07E0, img.payload().getShort(2) & 0xFFFF);
        }
    }

    @Test
    void readsV11Rgb565InNativeOrder() throws Exception {
        Path f = new FileBuilder(StreamVersion.V1_1).v1(50, 2, 1, 2, new byte[] {0x00, (byte) 0xF8, (byte) 0xE0, 0x07})
                .writeTo(dir.resolve("v11.bin"));
        try (ImageIO io = ImageIO.open(f, "r")) {
            Image img = io.read(false, false, false);
            assertEquals(0xF800, img.payload().order(ByteOrder.LITTLE_ENDIAN).getShort(0) & 0xFFFF);
        }
    }

    @Test
    void readsV1JpegWhoseSizeIsTheBppField() throws Exception {
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, (byte) 0xFF, (byte) 0xD9};
        Path f = new FileBuilder(StreamVersion.V1_0).v1(40, 160, 120, jpeg.length, jpeg)
                .v1(40, 3, 3, 1, new byte[9])
                .writeTo(dir.resolve("v1jpeg.bin"));
        try (ImageIO io = ImageIO.open(f, "r")) {
            assertEquals(2, io.count()); // the firmware misparses the second chunk; we do not
            Image first = io.read(false, false, false);
            assertEquals(PixelFormat.JPEG, first.format());
            assertArrayEquals(jpeg, toArray(first.payload()));
            assertEquals(PixelFormat.GRAYSCALE, io.read(false, false, false).format());
        }
    }

    @Test
    void mapsV1BppToFormats() throws Exception {
        Path f = new FileBuilder(StreamVersion.V1_1)
                .v1(1, 33, 2, 0, new byte[16]) // binary: two words per row
                .v1(1, 4, 2, 1, new byte[8])
                .v1(1, 4, 2, 3, new byte[8]) // Bayer, pattern not stored: BGGR
                .writeTo(dir.resolve("v1types.bin"));
        try (FileStream io = (FileStream) ImageIO.open(f, "r")) {
            assertEquals(PixelFormat.BINARY, io.index().format(0));
            assertEquals(16, io.index().payloadBytes(0));
            assertEquals(PixelFormat.GRAYSCALE, io.index().format(1));
            assertEquals(PixelFormat.BAYER_BGGR, io.index().format(2));
        }
    }

    @Test
    void ignoresTheSizeFieldOfUncompressedV2Frames() throws Exception {
        byte[] gray = new byte[9];
        Path f = new FileBuilder(StreamVersion.V2_0)
                .v2(10, 3, 3, PixelFormat.GRAYSCALE.code(), 123456, gray) // stale size left by a JPEG capture
                .v2(10, 3, 3, PixelFormat.GRAYSCALE.code(), 0, gray)
                .writeTo(dir.resolve("stale.bin"));
        try (ImageIO io = ImageIO.open(f, "r")) {
            assertEquals(2, io.count());
            assertEquals(9, io.read(false, false, false).payloadBytes());
        }
    }

    @Test
    void readsArgb8FramesAsZeroBytesLikeTheFirmware() throws Exception {
        Path f = new FileBuilder(StreamVersion.V2_0)
                .v2(10, 64, 64, PixelFormat.ARGB8.code(), 0, new byte[0])
                .v2(10, 1, 1, PixelFormat.GRAYSCALE.code(), 0, new byte[] {7})
                .writeTo(dir.resolve("argb8.bin"));
        try (ImageIO io = ImageIO.open(f, "r")) {
            assertEquals(2, io.count());
            assertEquals(0, io.read(false, false, false).payloadBytes());
            assertEquals(7, io.read(false, false, false).payload().get(0));
        }
    }

    @Test
    void readsV21ElapsedAsMicroseconds() throws Exception {
        Path f = new FileBuilder(StreamVersion.V2_1)
                .v2(33_333, 1, 1, PixelFormat.GRAYSCALE.code(), 0, new byte[1])
                .writeTo(dir.resolve("v21.bin"));
        try (ImageIO io = ImageIO.open(f, "r")) {
            assertEquals(21, io.version().getAsInt());
            assertEquals(33, io.read(false, false, false).elapsedMs());
        }
    }

    @Test
    void refusesToAppendToAV1Stream() throws Exception {
        Path f = new FileBuilder(StreamVersion.V1_1).v1(10, 1, 1, 1, new byte[1]).writeTo(dir.resolve("old.bin"));
        byte[] before = Files.readAllBytes(f);
        ImageIOException e = assertThrows(ImageIOException.class, () -> ImageIO.open(f, "a"));
        assertTrue(e.getMessage().contains("V1.1"), e.getMessage());
        assertTrue(e.getMessage().contains("convert"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(f));
    }
}
