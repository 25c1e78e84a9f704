package io.framereel.capture.cli;

import static io.framereel.capture.cli.CliRun.framereel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framereel.storage.Image;
import io.framereel.storage.ImageIO;
import io.framereel.storage.PixelFormat;
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
        ContactSheet.Layout layout = new ContactSheet.Layout(1, 4, 8, 6);
        assertEquals(2, layout.columns);
        assertEquals(layout.sheetWidth(), png.getWidth());
        assertEquals(layout.sheetHeight(), png.getHeight());
        for (int i = 0; i < 4; i++) {
            int grey = levels[i + 1];
            int centre = png.getRGB(layout.x(i) + layout.thumbWidth / 2, layout.y(i) + layout.thumbHeight / 2);
            assertEquals(grey << 16 | grey << 8 | grey, centre & 0xFFFFFF, "thumbnail " + i);
        }
        assertEquals(ContactSheet.BACKGROUND, png.getRGB(0, 0) & 0xFFFFFF);
    }

    @Test
    void contactSheetSamplesLongStreamsEvenly() {
        ContactSheet.Layout layout = new ContactSheet.Layout(0, 999, 640, 480);

        assertEquals(ContactSheet.MAX_THUMBNAILS, layout.frames.length);
        assertEquals(0, layout.frames[0]);
        assertEquals(999, layout.frames[layout.frames.length - 1]);
        assertEquals(ContactSheet.MAX_THUMB_WIDTH, layout.thumbWidth);
        assertEquals(120, layout.thumbHeight);
        assertEquals(7, layout.columns);
        assertEquals(7, layout.rows);
    }
}
