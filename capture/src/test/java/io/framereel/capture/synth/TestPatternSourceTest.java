package io.framereel.capture.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framereel.storage.Image;
import io.framereel.storage.PixelFormat;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

// Scope: TestPatternSource: packing of the RGB pattern into each format, timing, reproducibility, no allocation.
class TestPatternSourceTest {
    private static final int W = 50;
    private static final int H = 30;

    /** Frame {@code k} of the pattern as 0xRRGGBB, row-major. */
    private static int[] rgb(long k) {
        TestPatternSource s = new TestPatternSource(W, H, PixelFormat.RGB565, 30);
        int[] all = new int[W * H];
        int[] row = new int[W];
        for (int y = 0; y < H; y++) {
            s.renderRow(k, y, row);
            System.arraycopy(row, 0, all, y * W, W);
        }
        return all;
    }

    private static ByteBuffer frame(PixelFormat format, long k) {
        TestPatternSource s = new TestPatternSource(W, H, format, 30);
        s.seek(k);
        Image image = s.allocateFrame();
        s.fill(image);
        return image.payload();
    }

    private static int r(int rgb) {
        return rgb >>> 16 & 0xFF;
    }

    private static int g(int rgb) {
        return rgb >>> 8 & 0xFF;
    }

    private static int b(int rgb) {
        return rgb & 0xFF;
    }

    @Test
    void patternHasColourBarsAMovingBoxAndAFrameCounter() {
        int[] f5 = rgb(5);
        int[] bars = {0xFFFFFF, 0xFFFF00, 0x00FFFF, 0x00FF00, 0xFF00FF, 0xFF0000, 0x0000FF, 0x000000};
        int y = 2; // the box is lower down in frame 5
        for (int i = 0; i < bars.length; i++) {
            assertEquals(bars[i], f5[y * W + (2 * i + 1) * W / 16], "bar " + i);
        }
        // Frame 5 = binary ...0101: the last three counter cells (one pixel each at this width) near the bottom.
        int counterRow = (H - 1) * W;
        assertEquals(0xFFFFFF, f5[counterRow + 16]);
        assertEquals(0x000000, f5[counterRow + 15]);
        assertEquals(0xFFFFFF, f5[counterRow + 14]);
        assertEquals(0x000000, f5[counterRow + 13]);
        int[] f6 = rgb(6);
        int differing = 0;
        for (int i = 0; i < f5.length; i++) {
            differing += f5[i] != f6[i] ? 1 : 0;
        }
        assertTrue(differing > W, "consecutive frames differ in more than a row: " + differing);
    }

    @Test
    void grayscaleIsTheBt601LumaOfThePattern() {
        int[] rgb = rgb(7);
        ByteBuffer p = frame(PixelFormat.GRAYSCALE, 7);
        for (int i = 0; i < rgb.length; i++) {
            double luma = 0.299 * r(rgb[i]) + 0.587 * g(rgb[i]) + 0.114 * b(rgb[i]);
            assertEquals(luma, p.get(i) & 0xFF, 0.51, "pixel " + i);
        }
    }

    @Test
    void rgb565KeepsTheTopBitsLittleEndian() {
        int[] rgb = rgb(3);
        ByteBuffer p = frame(PixelFormat.RGB565, 3);
        for (int i = 0; i < rgb.length; i++) {
            int v = (p.get(2 * i) & 0xFF) | (p.get(2 * i + 1) & 0xFF) << 8;
            assertEquals(r(rgb[i]) >> 3, v >> 11, "red of pixel " + i);
            assertEquals(g(rgb[i]) >> 2, v >> 5 & 0x3F, "green of pixel " + i);
            assertEquals(b(rgb[i]) >> 3, v & 0x1F, "blue of pixel " + i);
        }
    }

    @Test
    void binarySetsBrightPixelsLsbFirstInWordPaddedRows() {
        int[] rgb = rgb(5);
        ByteBuffer p = frame(PixelFormat.BINARY, 5);
        int rowBytes = 8; // 50 pixels need two 32-bit words
        assertEquals(rowBytes * H, p.remaining());
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < 64; x++) {
                boolean set = (p.get(y * rowBytes + (x >> 3)) >> (x & 7) & 1) == 1;
                boolean bright = x < W && TestPatternSource.luma(rgb[y * W + x]) >= 128;
                assertEquals(bright, set, "pixel " + x + "," + y);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = PixelFormat.class, names = {"BAYER_BGGR", "BAYER_GBRG", "BAYER_GRBG", "BAYER_RGGB"})
    void bayerKeepsTheFilterColourOfEachSite(PixelFormat format) {
        String tile = format.name().substring(6); // e.g. "BGGR": row 0 is B G, row 1 is G R
        int[] rgb = rgb(2);
        ByteBuffer p = frame(format, 2);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                char site = tile.charAt((y & 1) * 2 + (x & 1));
                int c = rgb[y * W + x];
                int expected = site == 'R' ? r(c) : site == 'G' ? g(c) : b(c);
                assertEquals(expected, p.get(y * W + x) & 0xFF, format + " pixel " + x + "," + y);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = PixelFormat.class, names = {"YUV422", "YVU422"})
    void yuvCarriesLumaPerPixelAndChromaPerPair(PixelFormat format) {
        int[] rgb = rgb(4);
        ByteBuffer p = frame(format, 4);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x += 2) {
                int a = rgb[y * W + x];
                int c = rgb[y * W + x + 1];
                double rr = (r(a) + r(c)) / 2.0;
                double gg = (g(a) + g(c)) / 2.0;
                double bb = (b(a) + b(c)) / 2.0;
                double u = -0.168736 * rr - 0.331264 * gg + 0.5 * bb + 128;
                double v = 0.5 * rr - 0.418688 * gg - 0.081312 * bb + 128;
                int at = 2 * (y * W + x);
                assertEquals(TestPatternSource.luma(a), p.get(at) & 0xFF);
                assertEquals(TestPatternSource.luma(c), p.get(at + 2) & 0xFF);
                double first = format == PixelFormat.YUV422 ? u : v;
                double second = format == PixelFormat.YUV422 ? v : u;
                assertEquals(first, p.get(at + 1) & 0xFF, 0.51, "chroma after pixel " + x + "," + y);
                assertEquals(second, p.get(at + 3) & 0xFF, 0.51, "chroma after pixel " + (x + 1) + "," + y);
            }
        }
    }

    @Test
    void timestampsAreExactMultiplesOfTheFrameInterval() {
        TestPatternSource s = new TestPatternSource(4, 4, PixelFormat.GRAYSCALE, 30);
        Image image = s.allocateFrame();
        for (long k = 0; k < 100; k++) {
            s.fill(image);
            assertEquals(Math.round(k * 1e9 / 30), image.timestampNanos());
        }
        assertEquals(3_300_000_000L, s.timestampNanos(99));
    }

    @Test
    void elapsedValuesSumToTheTimestampsInWholeMilliseconds() {
        TestPatternSource s = new TestPatternSource(4, 4, PixelFormat.GRAYSCALE, 24);
        long sum = 0;
        for (int k = 0; k < 240; k++) {
            sum += s.elapsedMs(k);
        }
        assertEquals(10_000, sum); // 240 frames at 24 fps
    }

    @Test
    void theSameFrameIndexGivesTheSameBytes() {
        assertEquals(frame(PixelFormat.YUV422, 17), frame(PixelFormat.YUV422, 17));
        assertFalse(frame(PixelFormat.YUV422, 17).equals(frame(PixelFormat.YUV422, 18)));
    }

    @ParameterizedTest
    @EnumSource(value = PixelFormat.class, mode = EnumSource.Mode.EXCLUDE, names = {"ARGB8", "PNG", "JPEG"})
    void fillAllocatesNothingAfterWarmUp(PixelFormat format) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        TestPatternSource s = new TestPatternSource(64, 48, format, 30);
        Image image = s.allocateFrame();
        for (int i = 0; i < 2000; i++) {
            s.fill(image);
        }
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < 200; i++) {
            s.fill(image);
        }
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        // getThreadAllocatedBytes itself may allocate a few bytes; a frame is 3072+ bytes.
        assertTrue(allocated < 1024, format + " allocated " + allocated + " bytes in 200 frames");
    }

    @Test
    void rejectsFormatsAndRatesItCannotProduce() {
        assertThrows(IllegalArgumentException.class, () -> new TestPatternSource(4, 4, PixelFormat.PNG, 30));
        assertThrows(IllegalArgumentException.class, () -> new TestPatternSource(4, 4, PixelFormat.ARGB8, 30));
        assertThrows(IllegalArgumentException.class, () -> new TestPatternSource(4, 4, PixelFormat.RGB565, 1001));
        assertThrows(IllegalArgumentException.class, () -> new TestPatternSource(4, 4, PixelFormat.RGB565, Double.NaN));
        TestPatternSource s = new TestPatternSource(4, 4, PixelFormat.RGB565, 30);
        Image wrong = Image.allocate(4, 4, PixelFormat.GRAYSCALE, false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.fill(wrong));
        assertEquals("cannot fill a 4x4 GRAYSCALE image from a 4x4 RGB565 source", e.getMessage());
    }
}
