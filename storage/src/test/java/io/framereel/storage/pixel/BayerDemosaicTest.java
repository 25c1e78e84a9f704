package io.framereel.storage.pixel;

import static io.framereel.storage.pixel.TestFrames.convert;
import static io.framereel.storage.pixel.TestFrames.image;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.framereel.storage.PixelFormat;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

// Scope: bilinear demosaicing of the four Bayer layouts, including borders, odd and degenerate sizes.
class BayerDemosaicTest {
    private static final char[] BGGR = {'B', 'G', 'G', 'R'};
    private static final char[] GBRG = {'G', 'B', 'R', 'G'};
    private static final char[] GRBG = {'G', 'R', 'B', 'G'};
    private static final char[] RGGB = {'R', 'G', 'G', 'B'};

    /** Colour letter at (x, y): the 2x2 tile as spelled by the format name, row 0 then row 1. */
    private static char colourAt(PixelFormat format, int x, int y) {
        char[] tile;
        switch (format) {
            case BAYER_BGGR: tile = BGGR; break;
            case BAYER_GBRG: tile = GBRG; break;
            case BAYER_GRBG: tile = GRBG; break;
            case BAYER_RGGB: tile = RGGB; break;
            default: throw new IllegalArgumentException(format.toString());
        }
        return tile[(y % 2) * 2 + (x % 2)];
    }

    private static byte[] mosaicOfFlatColour(PixelFormat format, int width, int height, int r, int g, int b) {
        byte[] data = new byte[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                char c = colourAt(format, x, y);
                data[y * width + x] = (byte) (c == 'R' ? r : c == 'G' ? g : b);
            }
        }
        return data;
    }

    static Stream<Arguments> patternsAndSizes() {
        int[][] sizes = {{2, 2}, {3, 3}, {4, 4}, {5, 4}, {4, 5}, {7, 7}, {8, 6}, {2, 5}, {5, 2}, {16, 9}};
        return Stream.of(PixelFormat.BAYER_BGGR, PixelFormat.BAYER_GBRG, PixelFormat.BAYER_GRBG, PixelFormat.BAYER_RGGB)
                .flatMap(f -> Stream.of(sizes).map(s -> Arguments.of(f, s[0], s[1])));
    }

    @ParameterizedTest(name = "{0} {1}x{2}")
    @MethodSource("patternsAndSizes")
    void flatFieldDemosaicsToItsColourEverywhereIncludingEdges(PixelFormat format, int width, int height) {
        int[] argb = convert(image(width, height, format, mosaicOfFlatColour(format, width, height, 200, 120, 40)));
        for (int i = 0; i < argb.length; i++) {
            assertEquals(0xFFC87828, argb[i], format + " pixel (" + i % width + "," + i / width + ")");
        }
    }

    @Test
    void rggbNeighbourhoodIsAveragedBilinearly() {
        // R  G  R      0 20  4
        // G  B  G     40 50 60
        // R  G  R      8 80 12
        byte[] data = {0, 20, 4, 40, 50, 60, 8, 80, 12};
        int[] argb = convert(image(3, 3, PixelFormat.BAYER_RGGB, data));
        assertEquals(0xFF001E32, argb[0], "red corner: G = (20+40)/2, B = 50");
        assertEquals(0xFF021432, argb[1], "green in a red row: R = (0+4)/2, B below = 50");
        assertEquals(0xFF042832, argb[3], "green in a blue row: R = (0+8)/2, B = 50");
        assertEquals(0xFF063232, argb[4], "blue centre: R = diagonals (0+4+8+12)/4, G = cross 200/4");
    }

    @ParameterizedTest
    @EnumSource(value = PixelFormat.class, names = "BAYER_.*", mode = EnumSource.Mode.MATCH_ANY)
    void everyPixelMatchesTheMeanOfSameColourNeighbours(PixelFormat format) {
        long seed = 20260801L + format.ordinal();
        Random random = new Random(seed);
        int width = 13;
        int height = 10;
        byte[] data = new byte[width * height];
        random.nextBytes(data);
        int[] argb = convert(image(width, height, format, data));
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int expected = 0xFF000000 | (reference(format, data, width, height, x, y, 'R') << 16)
                        | (reference(format, data, width, height, x, y, 'G') << 8)
                        | reference(format, data, width, height, x, y, 'B');
                assertEquals(Integer.toHexString(expected), Integer.toHexString(argb[y * width + x]),
                        format + " (" + x + "," + y + ") seed " + seed);
            }
        }
    }

    /** The pixel's own sample for its colour, else the rounded mean of that colour in its in-bounds 3x3 window. */
    private static int reference(PixelFormat format, byte[] data, int width, int height, int x, int y, char colour) {
        if (colourAt(format, x, y) == colour) {
            return data[y * width + x] & 0xFF;
        }
        int sum = 0;
        int count = 0;
        for (int yy = y - 1; yy <= y + 1; yy++) {
            for (int xx = x - 1; xx <= x + 1; xx++) {
                if (xx >= 0 && yy >= 0 && xx < width && yy < height && colourAt(format, xx, yy) == colour) {
                    sum += data[yy * width + xx] & 0xFF;
                    count++;
                }
            }
        }
        return (sum + count / 2) / count;
    }

    @Test
    void onePixelWideColumnRendersTheMissingChromaAsItsGreen() {
        // A 1-wide BGGR column holds B and G samples only; red has no sample anywhere.
        int[] argb = convert(image(1, 5, PixelFormat.BAYER_BGGR,
                mosaicOfFlatColour(PixelFormat.BAYER_BGGR, 1, 5, 200, 120, 40)));
        int[] expected = {0xFF787828, 0xFF787828, 0xFF787828, 0xFF787828, 0xFF787828};
        assertArrayEquals(expected, argb);
    }

    @Test
    void onePixelHighRowKeepsTheSampledColours() {
        // A 1-high RGGB row holds R and G; blue falls back to green.
        int[] argb = convert(image(4, 1, PixelFormat.BAYER_RGGB,
                mosaicOfFlatColour(PixelFormat.BAYER_RGGB, 4, 1, 200, 120, 40)));
        assertArrayEquals(new int[] {0xFFC87878, 0xFFC87878, 0xFFC87878, 0xFFC87878}, argb);
    }

    @ParameterizedTest
    @EnumSource(value = PixelFormat.class, names = "BAYER_.*", mode = EnumSource.Mode.MATCH_ANY)
    void singlePixelRendersAsGrayOfItsSample(PixelFormat format) {
        assertArrayEquals(new int[] {0xFF5A5A5A}, convert(image(1, 1, format, new byte[] {0x5A})));
    }
}
