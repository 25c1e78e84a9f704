package io.framereel.storage.pixel;

import static io.framereel.storage.pixel.TestFrames.blue;
import static io.framereel.storage.pixel.TestFrames.convert;
import static io.framereel.storage.pixel.TestFrames.green;
import static io.framereel.storage.pixel.TestFrames.image;
import static io.framereel.storage.pixel.TestFrames.red;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framereel.storage.PixelFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

// Scope: YUV422 / YVU422 to ARGB with BT.601 full-range coefficients, byte order and odd widths.
class YuvConverterTest {
    private static final int[][] COLOURS = {
        {255, 0, 0}, {0, 255, 0}, {0, 0, 255}, {255, 255, 255}, {0, 0, 0}, {200, 120, 40}, {17, 99, 231},
    };

    /** BT.601 full-range RGB to {Y, U, V}, rounded and clamped, computed in floating point. */
    private static int[] yuvOf(int r, int g, int b) {
        double y = 0.299 * r + 0.587 * g + 0.114 * b;
        double u = 128 - 0.168736 * r - 0.331264 * g + 0.5 * b;
        double v = 128 + 0.5 * r - 0.418688 * g - 0.081312 * b;
        return new int[] {clamp(y), clamp(u), clamp(v)};
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }

    /** Encodes a flat colour frame; swapChroma writes V before U (YVU422). */
    private static byte[] flat(int width, int height, int[] yuv, boolean swapChroma) {
        byte[] data = new byte[width * height * 2];
        for (int i = 0; i < width * height; i++) {
            int x = i % width;
            boolean firstOfPair = x % 2 == 0;
            data[2 * i] = (byte) yuv[0];
            data[2 * i + 1] = (byte) (firstOfPair != swapChroma ? yuv[1] : yuv[2]);
        }
        return data;
    }

    private static void assertNear(int[] rgb, int argb, String what) {
        assertEquals(0xFF, argb >>> 24, what + " alpha");
        assertTrue(Math.abs(red(argb) - rgb[0]) <= 2 && Math.abs(green(argb) - rgb[1]) <= 2
                        && Math.abs(blue(argb) - rgb[2]) <= 2,
                what + ": expected ~" + rgb[0] + "," + rgb[1] + "," + rgb[2] + " got " + Integer.toHexString(argb));
    }

    @ParameterizedTest
    @EnumSource(value = PixelFormat.class, names = {"YUV422", "YVU422"})
    void midGrayWithNeutralChromaIsExactGray(PixelFormat format) {
        byte[] data = {(byte) 128, (byte) 128, (byte) 128, (byte) 128};
        assertArrayEquals(new int[] {0xFF808080, 0xFF808080}, convert(image(2, 1, format, data)));
    }

    @ParameterizedTest
    @EnumSource(value = PixelFormat.class, names = {"YUV422", "YVU422"})
    void primaryAndMixedColoursRoundTripWithinTwoLevels(PixelFormat format) {
        boolean vFirst = format == PixelFormat.YVU422;
        for (int[] rgb : COLOURS) {
            int[] argb = convert(image(4, 2, format, flat(4, 2, yuvOf(rgb[0], rgb[1], rgb[2]), vFirst)));
            for (int i = 0; i < argb.length; i++) {
                assertNear(rgb, argb[i], format + " pixel " + i);
            }
        }
    }

    @Test
    void pureRedEncodesAndDecodesAsRed() {
        int[] yuv = yuvOf(255, 0, 0);
        assertArrayEquals(new int[] {76, 85, 255}, yuv, "BT.601 full-range red");
        int[] argb = convert(image(2, 1, PixelFormat.YUV422,
                new byte[] {(byte) yuv[0], (byte) yuv[1], (byte) yuv[0], (byte) yuv[2]}));
        assertNear(new int[] {255, 0, 0}, argb[0], "red");
        assertEquals(argb[0], argb[1]);
    }

    @Test
    void fixedPointMatchesTheFloatingPointEquationsWithinOneLevel() {
        for (int y = 0; y < 256; y += 5) {
            for (int u = 0; u < 256; u += 3) {
                for (int v = 0; v < 256; v += 7) {
                    int argb = YuvConverter.pixel(y, u, v);
                    int r = clamp(y + 1.402 * (v - 128));
                    int g = clamp(y - 0.344136 * (u - 128) - 0.714136 * (v - 128));
                    int b = clamp(y + 1.772 * (u - 128));
                    String where = "Y=" + y + " U=" + u + " V=" + v;
                    assertTrue(Math.abs(red(argb) - r) <= 1, where + " R " + red(argb) + " vs " + r);
                    assertTrue(Math.abs(green(argb) - g) <= 1, where + " G " + green(argb) + " vs " + g);
                    assertTrue(Math.abs(blue(argb) - b) <= 1, where + " B " + blue(argb) + " vs " + b);
                }
            }
        }
    }

    @Test
    void yvuSwapsTheChromaBytesOfYuv() {
        int[] yuv = yuvOf(200, 120, 40);
        byte[] asYuv = flat(2, 1, yuv, false);
        int[] viaYuv = convert(image(2, 1, PixelFormat.YUV422, asYuv));
        int[] sameBytesAsYvu = convert(image(2, 1, PixelFormat.YVU422, asYuv));
        int[] viaYvu = convert(image(2, 1, PixelFormat.YVU422, flat(2, 1, yuv, true)));
        assertArrayEquals(viaYuv, viaYvu);
        assertNotEquals(viaYuv[0], sameBytesAsYvu[0]);
    }

    @ParameterizedTest
    @EnumSource(value = PixelFormat.class, names = {"YUV422", "YVU422"})
    void oddWidthLastPixelBorrowsChromaFromThePreviousPair(PixelFormat format) {
        int[] rgb = {200, 120, 40};
        int[] argb = convert(image(5, 3, format, flat(5, 3, yuvOf(rgb[0], rgb[1], rgb[2]), format == PixelFormat.YVU422)));
        for (int i = 0; i < argb.length; i++) {
            assertNear(rgb, argb[i], format + " pixel (" + i % 5 + "," + i / 5 + ")");
            assertEquals(argb[0], argb[i], "a flat field converts identically, last column included");
        }
    }

    @ParameterizedTest
    @EnumSource(value = PixelFormat.class, names = {"YUV422", "YVU422"})
    void onePixelWideImageUsesNeutralForTheMissingChroma(PixelFormat format) {
        // Each row is one pixel: Y plus the pair's first chroma byte (U for YUV422, V for YVU422).
        byte[] data = {77, (byte) 128, 10, (byte) 228};
        int[] argb = convert(image(1, 2, format, data));
        assertEquals(0xFF4D4D4D, argb[0]);
        int expected = format == PixelFormat.YUV422 ? YuvConverter.pixel(10, 228, 128) : YuvConverter.pixel(10, 128, 228);
        assertEquals(expected, argb[1]);
        assertNotEquals(0xFF0A0A0A, argb[1], "the chroma byte that is present is used");
    }
}
