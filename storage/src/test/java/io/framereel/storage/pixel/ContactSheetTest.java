package io.framereel.storage.pixel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framereel.storage.Image;
import io.framereel.storage.PixelFormat;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

// Scope: PNG export of single frames (Images) and contact sheets, rendered headless.
class ContactSheetTest {
    private static final int BACKGROUND = 0x202020;
    private static final int[] RGB565_COLOURS = {0xF800, 0x07E0, 0x001F, 0xFFE0, 0xF81F};
    private static final int[] ARGB_COLOURS = {0xFFFF0000, 0xFF00FF00, 0xFF0000FF, 0xFFFFFF00, 0xFFFF00FF};

    @TempDir
    Path dir;

    private static Image flatRgb565(int width, int height, int rgb565) {
        Image frame = Image.allocate(width, height, PixelFormat.RGB565, false);
        ByteBuffer payload = frame.payload();
        for (int i = 0; i < width * height; i++) {
            payload.put(2 * i, (byte) rgb565).put(2 * i + 1, (byte) (rgb565 >>> 8));
        }
        return frame;
    }

    private static BufferedImage readPng(Path file) throws IOException {
        BufferedImage image = javax.imageio.ImageIO.read(file.toFile());
        assertNotNull(image, file + " is not a readable image");
        return image;
    }

    @Test
    void writesAFrameAsAPngThatReadsBackExactly() throws IOException {
        byte[] gray = new byte[12];
        for (int i = 0; i < gray.length; i++) {
            gray[i] = (byte) (i * 20);
        }
        Path file = dir.resolve("frame.png");
        Images.writePng(TestFrames.image(4, 3, PixelFormat.GRAYSCALE, gray), file);
        BufferedImage back = readPng(file);
        assertEquals(4, back.getWidth());
        assertEquals(3, back.getHeight());
        for (int i = 0; i < gray.length; i++) {
            assertEquals(0xFF000000 | (i * 20) * 0x010101, back.getRGB(i % 4, i / 4), "pixel " + i);
        }
    }

    @Test
    void bufferedImageIsIntRgbWithTheFramePixels() {
        BufferedImage image = Images.toBufferedImage(flatRgb565(3, 2, 0x07E0));
        assertEquals(BufferedImage.TYPE_INT_RGB, image.getType());
        assertEquals(0xFF00FF00, image.getRGB(2, 1));
    }

    @Test
    void sheetLaysOutThumbnailsInAGridAndReadsBack() throws IOException {
        ContactSheet sheet = new ContactSheet(3, 40);
        for (int i = 0; i < RGB565_COLOURS.length; i++) {
            sheet.add(flatRgb565(80, 60, RGB565_COLOURS[i]).elapsedMs(33), i + 10);
        }
        Path file = dir.resolve("sheet.png");
        sheet.writePng(file);
        BufferedImage back = readPng(file);

        // 3 columns of 40 px and 4 gaps; 2 rows of (30 px thumbnail + 16 px label band) and 3 gaps.
        assertEquals(3 * 40 + 4 * 4, back.getWidth());
        assertEquals(2 * (30 + 16) + 3 * 4, back.getHeight());
        for (int i = 0; i < ARGB_COLOURS.length; i++) {
            int left = 4 + (i % 3) * 44;
            int top = 4 + (i / 3) * 50;
            assertEquals(ARGB_COLOURS[i], back.getRGB(left, top), "thumbnail " + i + " top-left");
            assertEquals(ARGB_COLOURS[i], back.getRGB(left + 39, top + 29), "thumbnail " + i + " bottom-right");
            assertEquals(0xFF000000 | BACKGROUND, back.getRGB(left + 39, top + 30), "label band starts under it");
            assertTrue(hasLabelInk(back, left, top + 30, 40, 16), "label of frame " + i + " is drawn");
        }
        assertEquals(0xFF000000 | BACKGROUND, back.getRGB(4 + 2 * 44 + 20, 4 + 50 + 15), "the sixth cell is empty");
    }

    private static boolean hasLabelInk(BufferedImage image, int left, int top, int width, int height) {
        for (int y = top; y < top + height; y++) {
            for (int x = left; x < left + width; x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) != BACKGROUND) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void fewerFramesThanColumnsUseOnlyTheNeededColumns() {
        ContactSheet sheet = new ContactSheet(8, 20);
        sheet.add(flatRgb565(10, 10, 0xF800), "a");
        sheet.add(flatRgb565(10, 10, 0xF800), "b");
        BufferedImage image = sheet.render();
        assertEquals(2 * 20 + 3 * 4, image.getWidth());
        assertEquals(20 + 16 + 2 * 4, image.getHeight());
    }

    @Test
    void framesAreCapturedWhenAddedSoTheCallerMayReuseTheImage() {
        Image reused = flatRgb565(8, 8, 0xF800);
        ContactSheet sheet = new ContactSheet(2, 8);
        sheet.add(reused, "red");
        for (int i = 0; i < 64; i++) {
            reused.payload().put(2 * i, (byte) 0x1F).put(2 * i + 1, (byte) 0);
        }
        sheet.add(reused, "blue");
        BufferedImage image = sheet.render();
        assertEquals(0xFFFF0000, image.getRGB(4, 4));
        assertEquals(0xFF0000FF, image.getRGB(4 + 8 + 4, 4));
    }

    @Test
    void labelsShowIndexAndElapsedMilliseconds() {
        assertEquals("#12 +33ms", ContactSheet.label(12, 33));
        assertEquals("#0 +0ms", ContactSheet.label(0, 0));
        assertEquals("#7", ContactSheet.label(7, Image.NO_ELAPSED));
    }

    @Test
    void renderingAnEmptySheetIsAnError() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new ContactSheet(4, 64).render());
        assertTrue(e.getMessage().contains("no frames"), e.getMessage());
    }

    @Test
    void rejectsNonPositiveLayout() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ContactSheet(0, 64));
        assertEquals("columns cannot be less than 1 (was 0)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ContactSheet(2, -5));
        assertEquals("thumbnailWidthPx cannot be less than 1 (was -5)", e.getMessage());
    }

    @Test
    void writeFailureNamesThePath() {
        Path missing = dir.resolve("no-such-dir").resolve("sheet.png");
        ContactSheet sheet = new ContactSheet(1, 8);
        sheet.add(flatRgb565(8, 8, 0xF800), "x");
        IOException e = assertThrows(IOException.class, () -> sheet.writePng(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void runsHeadless() {
        assertTrue(java.awt.GraphicsEnvironment.isHeadless());
    }
}
