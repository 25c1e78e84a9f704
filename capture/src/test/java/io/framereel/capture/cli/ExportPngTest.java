package io.framereel.capture.cli;

import static io.framereel.capture.cli.CliRun.framereel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framereel.storage.Image;
import io.framereel.storage.ImageIO;
import io.framereel.storage.PixelFormat;
import io.framereel.storage.pixel.ContactSheet;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

// Scope: `framereel export --as png` and `--contact-sheet` (rendered through ArgbConverter; fails until it exists).
class ExportPngTest {
    @TempDir
    Path dir;

    private static BufferedImage readPng(Path file) throws IOException {
        BufferedImage image = javax.imageio.ImageIO.read(file.toFile());
        assertNotNull(image, file + " is not a PNG");
        return image;
    }

    @Test
    void writesEachFrameAsAnRgbPng() throws IOException {
        Path file = dir.resolve("rgb.bin");
        // 2x2 RGB565, little-endian: red, green / blue, white
        byte[] pixels = StreamBytes.bytes(0x00, 0xF8, 0xE0, 0x07, 0x1F, 0x00, 0xFF, 0xFF);
        try (ImageIO out = ImageIO.open(file, "w")) {
            out.write(Image.of(2, 2, PixelFormat.RGB565, ByteBuffer.wrap(pixels)));
            out.write(Image.of(2, 2, PixelFormat.RGB565, ByteBuffer.wrap(new byte[8])));
        }
        Path to = dir.resolve("png");

        CliRun run = framereel("export", file.toString(), "--to", to.toString(), "--as", "png");

        assertEquals(0, run.exitCode, run.toString());
        BufferedImage first = readPng(to.resolve("000000.png"));
        assertEquals(2, first.getWidth());
        assertEquals(2, first.getHeight());
        assertEquals(0xFF0000, first.getRGB(0, 0) & 0xFFFFFF);
        assertEquals(0x00FF00, first.getRGB(1, 0) & 0xFFFFFF);
        assertEquals(0x0000FF, first.getRGB(0, 1) & 0xFFFFFF);
        assertEquals(0xFFFFFF, first.getRGB(1, 1) & 0xFFFFFF);
        assertEquals(0x000000, readPng(to.resolve("000001.png")).getRGB(1, 1) & 0xFFFFFF);
    }

    @Test
    void contactSheetPlacesThumbnailsInFrameOrder() throws IOException {
        Path file = dir.resolve("grey.bin");
        int[] levels = {0, 60, 120, 180, 240};
        try (ImageIO out = ImageIO.open(file, "w")) {
            for (int level : levels) {
                byte[] flat = new byte[8 * 6];
                Arrays.fill(flat, (byte) level);
                out.write(Image.of(8, 6, PixelFormat.GRAYSCALE, ByteBuffer.wrap(flat)));
            }
        }
        Path sheet = dir.resolve("sheet.png");

        CliRun run = framereel("export", file.toString(), "--frames", "1..4", "--contact-sheet", sheet.toString());

        assertEquals(0, run.exitCode, run.toString());
        assertTrue(run.out.contains("contact sheet " + sheet + ": 4 thumbnails of frames 1..4"), run.out);
        BufferedImage png = readPng(sheet);
        ContactSheetWriter.Layout layout = new ContactSheetWriter.Layout(1, 4, 8);
        assertEquals(2, layout.columns);
        ContactSheet expected = new ContactSheet(layout.columns, layout.thumbWidth);
        for (int i = 0; i < 4; i++) {
            expected.add(Image.of(8, 6, PixelFormat.GRAYSCALE, ByteBuffer.allocate(48)), i);
        }
        assertEquals(expected.width(), png.getWidth());
        assertEquals(expected.height(), png.getHeight());
        for (int i = 0; i < 4; i++) {
            int grey = levels[i + 1];
            Rectangle cell = expected.thumbnailBounds(i);
            int centre = png.getRGB(cell.x + cell.width / 2, cell.y + cell.height / 2);
            assertEquals(grey << 16 | grey << 8 | grey, centre & 0xFFFFFF, "thumbnail " + i);
        }
        assertEquals(ContactSheet.backgroundRgb(), png.getRGB(0, 0) & 0xFFFFFF);
    }

    @Test
    void contactSheetSamplesLongStreamsEvenly() {
        ContactSheetWriter.Layout layout = new ContactSheetWriter.Layout(0, 999, 640);

        assertEquals(ContactSheetWriter.MAX_THUMBNAILS, layout.frames.length);
        assertEquals(0, layout.frames[0]);
        assertEquals(999, layout.frames[layout.frames.length - 1]);
        assertEquals(ContactSheetWriter.MAX_THUMB_WIDTH, layout.thumbWidth);
        assertEquals(7, layout.columns);
    }
}
