package io.framereel.device.fb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framereel.storage.Image;
import io.framereel.storage.PixelFormat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

class FramebufferDisplayTest {

    /** A grayscale frame whose pixel (x, y) has level (x + 3y) mod 256: every column and row tells apart. */
    private static Image ramp(int width, int height) {
        Image frame = Image.allocate(width, height, PixelFormat.GRAYSCALE, true);
        ByteBuffer p = frame.payload();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                p.put(y * width + x, (byte) (x + 3 * y));
            }
        }
        return frame;
    }

    private static int gray(int level) {
        return 0xFF000000 | level * 0x010101;
    }

    @Test
    void scalesToFitKeepsTheAspectRatioAndLetterboxesInBlack() throws IOException {
        MemoryScreen screen = new MemoryScreen(800, 480, 64, PixelLayout.RGB565, 1);
        FramebufferDisplay display = new FramebufferDisplay(screen);
        display.show(ramp(320, 240));
        assertArrayEquals(new int[] {80, 0, 640, 480}, display.placement(), "4:3 on 5:3: bars left and right");
        for (int y = 0; y < 480; y += 37) {
            assertEquals(0, screen.pixel(0, y));
            assertEquals(0, screen.pixel(79, y));
            assertEquals(0, screen.pixel(720, y));
            assertEquals(0, screen.pixel(799, y));
            for (int x = 80; x < 720; x += 41) {
                int sx = (x - 80) / 2;
                int sy = y / 2;
                assertEquals(PixelLayout.RGB565.pack(gray((sx + 3 * sy) & 0xff)), screen.pixel(x, y),
                        "pixel (" + x + "," + y + ") from source (" + sx + "," + sy + ")");
            }
        }
        assertEquals(1, display.frames());
    }

    @Test
    void neverWritesIntoTheStridePadding() throws IOException {
        MemoryScreen screen = new MemoryScreen(64, 48, 16, PixelLayout.XRGB8888, 1);
        ByteBuffer page = screen.page(0);
        for (int y = 0; y < 48; y++) {
            for (int i = 64 * 4; i < screen.stride; i++) {
                page.put(y * screen.stride + i, (byte) 0x5A);
            }
        }
        new FramebufferDisplay(screen).show(ramp(64, 48));
        for (int y = 0; y < 48; y++) {
            for (int i = 64 * 4; i < screen.stride; i++) {
                assertEquals(0x5A, page.get(y * screen.stride + i) & 0xff, "padding byte " + i + " of row " + y);
            }
        }
        assertEquals(PixelLayout.XRGB8888.pack(gray(3 + 3 * 2)), screen.pixel(3, 2));
    }

    @Test
    void drawsOnTheHiddenPageThenFlipsToIt() throws IOException {
        MemoryScreen screen = new MemoryScreen(32, 24, 0, PixelLayout.RGB565, 2);
        FramebufferDisplay display = new FramebufferDisplay(screen);
        display.show(ramp(32, 24));
        assertEquals(1, screen.shown);
        display.show(ramp(32, 24));
        assertEquals(0, screen.shown);
        assertEquals(2, screen.flips);
        assertEquals(PixelLayout.RGB565.pack(gray(5)), screen.pixel(5, 0));
    }

    @Test
    void followsTheBitfieldsOfAnRgbaDisplayLikeVfb() throws IOException {
        PixelLayout rgba = new PixelLayout(32, 0, 8, 8, 8, 16, 8); // red in the low byte
        MemoryScreen screen = new MemoryScreen(2, 1, 0, rgba, 1);
        Image red = Image.allocate(2, 1, PixelFormat.RGB565, true);
        red.payload().putShort(0, (short) 0xF800).putShort(2, (short) 0x001F);
        new FramebufferDisplay(screen).show(red);
        assertEquals(0x0000FF, screen.pixel(0, 0) & 0xFFFFFF, "red lands in the low byte");
        assertEquals(0xFF0000, screen.pixel(1, 0) & 0xFFFFFF, "blue in the third");
    }

    @Test
    void aFrameOfAnotherShapeIsRefittedAndTheOldBarsCleared() throws IOException {
        MemoryScreen screen = new MemoryScreen(100, 100, 0, PixelLayout.RGB565, 1);
        FramebufferDisplay display = new FramebufferDisplay(screen);
        Image white = Image.allocate(100, 100, PixelFormat.GRAYSCALE, true);
        for (int i = 0; i < 100 * 100; i++) {
            white.payload().put(i, (byte) 255);
        }
        display.show(white);
        display.show(ramp(100, 50)); // wide: bars at top and bottom
        assertArrayEquals(new int[] {0, 25, 100, 50}, display.placement());
        assertEquals(0, screen.pixel(50, 10), "what the square frame left above is cleared");
        assertEquals(0, screen.pixel(50, 90));
    }

    @Test
    void showingRawFramesAllocatesNothingAfterWarmUp() throws IOException {
        MemoryScreen screen = new MemoryScreen(320, 240, 0, PixelLayout.RGB565, 2);
        FramebufferDisplay display = new FramebufferDisplay(screen);
        Image frame = ramp(160, 120);
        for (int i = 0; i < 2000; i++) {
            display.show(frame);
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 100; i++) {
            display.show(frame);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 1024, allocated + " bytes over 100 frames");
    }

    @Test
    void replaysThroughTheFrameBufferInterface() throws IOException {
        MemoryScreen screen = new MemoryScreen(40, 30, 0, PixelLayout.RGB565, 1);
        FramebufferDisplay display = new FramebufferDisplay(screen);
        ByteBuffer room = display.begin(40, 30, PixelFormat.GRAYSCALE, 40 * 30);
        assertEquals(40 * 30, room.remaining());
        room.put(ramp(40, 30).payload());
        Image held = display.commit(33, 123L);
        assertEquals(33, held.elapsedMs());
        assertEquals(40, held.width());
        assertEquals(PixelLayout.RGB565.pack(gray(7 + 3 * 4)), screen.pixel(7, 4));
    }

    @Test
    void aStagedFrameIsDrawnOnTheHiddenPageAndOnlyFlippedToOnCommit() throws IOException {
        MemoryScreen screen = new MemoryScreen(40, 30, 0, PixelLayout.RGB565, 2);
        FramebufferDisplay display = new FramebufferDisplay(screen);
        display.show(Image.allocate(40, 30, PixelFormat.GRAYSCALE, true)); // black on page 1
        display.begin(40, 30, PixelFormat.GRAYSCALE, 40 * 30).put(ramp(40, 30).payload());
        display.stage();
        assertEquals(1, screen.flips, "staging shows nothing");
        assertEquals(PixelLayout.RGB565.pack(gray(0)), screen.pixel(7, 4), "the visible page still holds black");
        assertEquals(PixelLayout.RGB565.pack(gray(7 + 3 * 4)), screen.page(0).getShort((4 * 40 + 7) * 2) & 0xFFFF,
                "the hidden page holds the new frame");
        display.commit(33, 0);
        assertEquals(2, screen.flips);
        assertEquals(0, screen.shown);
        assertEquals(PixelLayout.RGB565.pack(gray(7 + 3 * 4)), screen.pixel(7, 4));
    }
}
