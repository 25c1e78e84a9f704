package io.framereel.webcam;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.function.IntBinaryOperator;

/**
 * Camera pictures with known colours: four vertical bars, white, red, green, blue, in YUYV with the BT.601
 * full-range values that storage converts back to those colours within a step or two of rounding.
 */
final class TestPictures {
    /** Y, U, V of each bar. */
    private static final int[][] BARS_YUV = {{255, 128, 128}, {76, 85, 255}, {150, 44, 21}, {29, 255, 107}};
    /** The RGB each bar shows. */
    static final int[] BARS_RGB = {0xFFFFFF, 0xFF0000, 0x00FF00, 0x0000FF};
    /** Rounding in the YUV terms moves a channel by at most this; a wrong colour or byte order is off by 250. */
    static final int TOLERANCE = 2;
    /** What fills line padding, so a conversion that reads it shows up. */
    static final byte PADDING = (byte) 0xA5;

    private TestPictures() {
    }

    /** The bars as YUYV, {@code bytesPerLine} per line (padding filled with {@link #PADDING}). */
    static byte[] yuyvBars(int width, int height, int bytesPerLine) {
        byte[] frame = new byte[bytesPerLine * height];
        Arrays.fill(frame, PADDING);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x += 2) {
                int[] yuv = BARS_YUV[bar(x, width)];
                int at = y * bytesPerLine + 2 * x;
                frame[at] = (byte) yuv[0];
                frame[at + 1] = (byte) yuv[1];
                frame[at + 2] = (byte) yuv[0];
                frame[at + 3] = (byte) yuv[2];
            }
        }
        return frame;
    }

    /** A uniform grey of {@code level} as YUYV: chroma neutral, so every channel is exactly {@code level}. */
    static byte[] yuyvGrey(int width, int height, int level) {
        byte[] frame = new byte[width * height * 2];
        for (int i = 0; i < frame.length; i += 2) {
            frame[i] = (byte) level;
            frame[i + 1] = (byte) 128;
        }
        return frame;
    }

    /** Which bar column x is in. */
    static int bar(int x, int width) {
        return x * BARS_RGB.length / width;
    }

    /** Checks the middle of each bar on the middle row; {@code rgbAt} gives 0xRRGGBB at (x, y). */
    static void assertBars(IntBinaryOperator rgbAt, int width, int height) {
        int y = height / 2;
        for (int bar = 0; bar < BARS_RGB.length; bar++) {
            int x = (2 * bar + 1) * width / (2 * BARS_RGB.length);
            int actual = rgbAt.applyAsInt(x, y) & 0xFFFFFF;
            if (distance(actual, BARS_RGB[bar]) > TOLERANCE) {
                fail(String.format("bar %d at (%d,%d) is %06x, expected %06x", bar, x, y, actual, BARS_RGB[bar]));
            }
        }
    }

    /** The largest difference of one channel. */
    static int distance(int a, int b) {
        int d = 0;
        for (int shift = 0; shift <= 16; shift += 8) {
            d = Math.max(d, Math.abs((a >> shift & 0xFF) - (b >> shift & 0xFF)));
        }
        return d;
    }
}
