package io.framereel.storage.pixel;

import io.framereel.storage.PixelFormat;
import java.nio.ByteBuffer;

/**
 * Bilinear demosaicing of the four OpenMV Bayer layouts (1 byte per pixel) to ARGB.
 *
 * <p>Bilinear here means: a pixel keeps its own sample for its own colour, and every other colour is the
 * rounded mean of the samples of that colour in its 3x3 neighbourhood. In the interior that is the classic
 * rule (cross mean for green at red/blue sites, diagonal mean for the opposite chroma, left/right or up/down
 * mean at green sites). Border pixels use only the neighbours inside the image, so a flat field stays flat
 * up to the edges and nothing is read out of bounds.
 *
 * <pre>
 *   BGGR tile       a red site's neighbourhood
 *   B G             B G B      green = mean of the 4 G (cross)
 *   G R             G R G      blue  = mean of the 4 B (diagonals)
 *                   B G B
 * </pre>
 *
 * <p>Degenerate sizes: in a 1-pixel-wide or 1-pixel-high image one chroma colour may have no sample near a
 * pixel at all (a 1-wide BGGR column holds only B and G). Such a missing chroma copies the pixel's green
 * value, and a missing green (only in a 1x1 image) copies the pixel's own sample, i.e. the pixel renders as
 * gray rather than inventing colour.
 *
 * <p>Thread-safe: stateless; reads the payload with absolute gets and allocates nothing.
 */
final class BayerDemosaic {
    private static final int RED = 0;
    private static final int GREEN = 1;
    private static final int BLUE = 2;

    // Line-at-a-time RGB565 (rgb565Line): a line's samples as longs, 8 per long, little-endian; pixel x is byte
    // x & 7 of long 1 + (x >> 3), and longs 0 and blocks + 1 hold the neighbours past either end. A block of 8
    // pixels is computed at once, split into two sets of 4 pixels in 16-bit lanes (SWAR): the even and the odd
    // pixels. A lane's sums (at most 4 samples plus rounding) stay below 2^10, so no lane carries into the next,
    // and the masks that truncate to 5-6-5 bits also drop what a right shift brings down from the lane above.
    private static final long LOW_BYTES = 0x00FF00FF00FF00FFL;
    private static final long ONE_PER_LANE = 0x0001000100010001L;
    private static final long TWO_PER_LANE = 0x0002000200020002L;
    private static final long TOP_5_BITS = 0x00F800F800F800F8L;
    private static final long TOP_6_BITS = 0x00FC00FC00FC00FCL;
    private static final long LANES_0_AND_2 = 0x0000FFFF0000FFFFL;
    private static final long LANES_1_AND_3 = 0xFFFF0000FFFF0000L;

    // Colour of the 2x2 tile cell at index (y & 1) << 1 | (x & 1), per pattern.
    private static final int[] BGGR = {BLUE, GREEN, GREEN, RED};
    private static final int[] GBRG = {GREEN, BLUE, RED, GREEN};
    private static final int[] GRBG = {GREEN, RED, BLUE, GREEN};
    private static final int[] RGGB = {RED, GREEN, GREEN, BLUE};

    private BayerDemosaic() {
    }

    static void demosaic(ByteBuffer src, int offset, int width, int height, PixelFormat format, int[] dst) {
        int[] tile = tileOf(format);
        for (int y = 0; y < height; y++) {
            boolean borderRow = y == 0 || y == height - 1;
            if (borderRow || width < 3) {
                for (int x = 0; x < width; x++) {
                    dst[y * width + x] = border(src, offset, width, height, tile, x, y);
                }
            } else {
                dst[y * width] = border(src, offset, width, height, tile, 0, y);
                interiorRow(src, offset, width, tile, y, dst);
                dst[y * width + width - 1] = border(src, offset, width, height, tile, width - 1, y);
            }
        }
    }

    private static int[] tileOf(PixelFormat format) {
        switch (format) {
            case BAYER_BGGR:
                return BGGR;
            case BAYER_GBRG:
                return GBRG;
            case BAYER_GRBG:
                return GRBG;
            case BAYER_RGGB:
                return RGGB;
            default:
                throw new IllegalArgumentException(format + " is not a Bayer format");
        }
    }

    /** Converts pixels 1..width-2 of an interior row (1 <= y <= height-2) without any bounds logic. */
    private static void interiorRow(ByteBuffer src, int offset, int width, int[] tile, int y, int[] dst) {
        int rowCell = (y & 1) << 1;
        // Every Bayer row holds green and exactly one chroma; a green site's left/right neighbours are that
        // chroma and its up/down neighbours the other one. Both facts are fixed per row, so the pixel loop
        // walks (x, x+1) pairs in a known colour order instead of testing each pixel's colour.
        boolean greenAtOddX = tile[rowCell | 1] == GREEN;
        boolean redRow = tile[rowCell] == RED || tile[rowCell | 1] == RED;
        int rowStart = offset + y * width;
        int outStart = y * width;
        int x = 1;
        for (; x + 1 < width - 1; x += 2) {
            if (greenAtOddX) {
                dst[outStart + x] = greenSite(src, rowStart + x, width, redRow);
                dst[outStart + x + 1] = chromaSite(src, rowStart + x + 1, width, redRow);
            } else {
                dst[outStart + x] = chromaSite(src, rowStart + x, width, redRow);
                dst[outStart + x + 1] = greenSite(src, rowStart + x + 1, width, redRow);
            }
        }
        if (x < width - 1) {
            dst[outStart + x] = greenAtOddX ? greenSite(src, rowStart + x, width, redRow)
                    : chromaSite(src, rowStart + x, width, redRow);
        }
    }

    /** A green sample: the row's chroma from left/right, the other chroma from up/down. */
    private static int greenSite(ByteBuffer src, int at, int width, boolean redRow) {
        int across = ((src.get(at - 1) & 0xFF) + (src.get(at + 1) & 0xFF) + 1) >> 1;
        int vertical = ((src.get(at - width) & 0xFF) + (src.get(at + width) & 0xFF) + 1) >> 1;
        int g = src.get(at) & 0xFF;
        return redRow ? Channels.argb(across, g, vertical) : Channels.argb(vertical, g, across);
    }

    /** A red or blue sample: green from the 4-neighbour cross, the opposite chroma from the 4 diagonals. */
    private static int chromaSite(ByteBuffer src, int at, int width, boolean redRow) {
        int own = src.get(at) & 0xFF;
        int g = ((src.get(at - 1) & 0xFF) + (src.get(at + 1) & 0xFF) + (src.get(at - width) & 0xFF)
                + (src.get(at + width) & 0xFF) + 2) >> 2;
        int diagonal = ((src.get(at - width - 1) & 0xFF) + (src.get(at - width + 1) & 0xFF)
                + (src.get(at + width - 1) & 0xFF) + (src.get(at + width + 1) & 0xFF) + 2) >> 2;
        return redRow ? Channels.argb(own, g, diagonal) : Channels.argb(diagonal, g, own);
    }

    /** Converts one pixel using only in-bounds neighbours; used on the image border and for tiny images. */
    private static int border(ByteBuffer src, int offset, int width, int height, int[] tile, int x, int y) {
        int sumR = 0;
        int countR = 0;
        int sumG = 0;
        int countG = 0;
        int sumB = 0;
        int countB = 0;
        int own = src.get(offset + y * width + x) & 0xFF;
        int ownColour = tile[((y & 1) << 1) | (x & 1)];
        for (int yy = Math.max(0, y - 1); yy <= Math.min(height - 1, y + 1); yy++) {
            for (int xx = Math.max(0, x - 1); xx <= Math.min(width - 1, x + 1); xx++) {
                int v = src.get(offset + yy * width + xx) & 0xFF;
                int c = tile[((yy & 1) << 1) | (xx & 1)];
                if (c == RED) {
                    sumR += v;
                    countR++;
                } else if (c == GREEN) {
                    sumG += v;
                    countG++;
                } else {
                    sumB += v;
                    countB++;
                }
            }
        }
        int g = ownColour == GREEN ? own : mean(sumG, countG, own);
        int r = ownColour == RED ? own : mean(sumR, countR, g);
        int b = ownColour == BLUE ? own : mean(sumB, countB, g);
        return Channels.argb(r, g, b);
    }

    private static int mean(int sum, int count, int fallback) {
        return count == 0 ? fallback : (sum + (count >> 1)) / count;
    }

    /** True when line y's green samples are at even x (its chroma at odd x). */
    static boolean greenAtEvenX(PixelFormat format, int y) {
        return tileOf(format)[(y & 1) << 1] == GREEN;
    }

    /** True when line y's chroma samples are red (else blue). */
    static boolean redLine(PixelFormat format, int y) {
        int[] tile = tileOf(format);
        int rowCell = (y & 1) << 1;
        return tile[rowCell] == RED || tile[rowCell | 1] == RED;
    }

    /**
     * Applies the interior rule to every pixel of a line: pixels 0 .. 8 * blocks - 1 as little-endian RGB565, 4
     * per long, into {@code rgb565[0, 2 * blocks)}. {@code above}, {@code line} and {@code below} hold the lines
     * around it in the layout described at the top. With the samples past the frame's edges mirrored (pixel -1
     * is pixel 1, pixel width is pixel width - 2, line -1 is line 1, line height is line height - 2) this equals
     * {@link #demosaic} followed by {@link DisplayPacker#toRgb565} on every pixel of the frame but the ones
     * {@link #patchEdgeGreens} fixes: where border() takes the mean of 1, 2 or 4 in-frame samples, the rule sees
     * each of them 2 or 4 times, and (2s + 1) >> 1 = s, (2s + 2) >> 2 = (s + 1) >> 1, (4s + 2) >> 2 = s.
     */
    static void rgb565Line(long[] above, long[] line, long[] below, int blocks, boolean greenAtEvenX,
            boolean redLine, long[] rgb565) {
        for (int j = 1; j <= blocks; j++) {
            long a = above[j];
            long l = line[j];
            long b = below[j];
            // even and odd pixels of the block in 16-bit lanes; "left" / "right" are the neighbours on the line
            long even = l & LOW_BYTES;
            long odd = l >>> 8 & LOW_BYTES;
            long leftOfEven = (l << 8 | line[j - 1] >>> 56) & LOW_BYTES;
            long rightOfOdd = (l >>> 16 | line[j + 1] << 48) & LOW_BYTES;
            long acrossEven = leftOfEven + odd;
            long acrossOdd = even + rightOfOdd;
            long verticalEven = (a & LOW_BYTES) + (b & LOW_BYTES);
            long verticalOdd = (a >>> 8 & LOW_BYTES) + (b >>> 8 & LOW_BYTES);
            long evenPixels;
            long oddPixels;
            if (greenAtEvenX) {
                long diagonalOdd = verticalEven + ((a >>> 16 | above[j + 1] << 48) & LOW_BYTES)
                        + ((b >>> 16 | below[j + 1] << 48) & LOW_BYTES);
                evenPixels = greenSites(even, acrossEven, verticalEven, redLine);
                oddPixels = chromaSites(odd, acrossOdd, verticalOdd, diagonalOdd, redLine);
            } else {
                long diagonalEven = verticalOdd + ((a << 8 | above[j - 1] >>> 56) & LOW_BYTES)
                        + ((b << 8 | below[j - 1] >>> 56) & LOW_BYTES);
                evenPixels = chromaSites(even, acrossEven, verticalEven, diagonalEven, redLine);
                oddPixels = greenSites(odd, acrossOdd, verticalOdd, redLine);
            }
            // interleave: pixels 0 1 4 5 and 2 3 6 7, then 0 1 2 3 and 4 5 6 7
            long first = (evenPixels & LANES_0_AND_2) | (oddPixels & LANES_0_AND_2) << 16;
            long second = (evenPixels >>> 16 & LANES_0_AND_2) | (oddPixels & LANES_1_AND_3);
            rgb565[2 * j - 2] = (first & 0xFFFFFFFFL) | second << 32;
            rgb565[2 * j - 1] = first >>> 32 | (second & 0xFFFFFFFF00000000L);
        }
    }

    /** Green samples: the line's chroma from the left/right sum, the other chroma from the up/down sum. */
    private static long greenSites(long green, long across, long vertical, boolean redLine) {
        long lineChroma = (across + ONE_PER_LANE) >>> 1;
        long otherChroma = (vertical + ONE_PER_LANE) >>> 1;
        return redLine ? rgb565Lanes(lineChroma, green, otherChroma) : rgb565Lanes(otherChroma, green, lineChroma);
    }

    /** Chroma samples: green from the cross (left/right plus up/down), the other chroma from the diagonals. */
    private static long chromaSites(long own, long across, long vertical, long diagonal, boolean redLine) {
        long green = (across + vertical + TWO_PER_LANE) >>> 2;
        long otherChroma = (diagonal + TWO_PER_LANE) >>> 2;
        return redLine ? rgb565Lanes(own, green, otherChroma) : rgb565Lanes(otherChroma, green, own);
    }

    /** Truncates 8-bit channels in 16-bit lanes to one RGB565 pixel per lane, as DisplayPacker.toRgb565. */
    private static long rgb565Lanes(long r, long g, long b) {
        return (r & TOP_5_BITS) << 8 | (g & TOP_6_BITS) << 3 | (b & TOP_5_BITS) >>> 3;
    }

    /**
     * Fixes what {@link #rgb565Line} gets wrong in line y of a frame: the green of a chroma sample on the frame's
     * edge, not in a corner, is the mean of its 3 in-frame cross neighbours (border()'s rule). {@code rgb565}
     * holds the line's little-endian pixels.
     */
    static void patchEdgeGreens(long[] above, long[] line, long[] below, int width, int height, int y,
            boolean greenAtEvenX, byte[] rgb565) {
        int chromaParity = greenAtEvenX ? 1 : 0;
        if (y == 0 || y == height - 1) {
            long[] inside = y == 0 ? below : above;
            int first = chromaParity == 0 ? 2 : 1;
            for (int x = first; x < width - 1; x += 2) {
                patchGreen(rgb565, 2 * x, sample(line, x - 1) + sample(line, x + 1) + sample(inside, x));
            }
            return;
        }
        if (chromaParity == 0) {
            patchGreen(rgb565, 0, sample(line, 1) + sample(above, 0) + sample(below, 0));
        }
        int last = width - 1;
        if ((last & 1) == chromaParity) {
            patchGreen(rgb565, 2 * last, sample(line, last - 1) + sample(above, last) + sample(below, last));
        }
    }

    private static int sample(long[] line, int x) {
        return (int) (line[1 + (x >> 3)] >>> ((x & 7) << 3)) & 0xFF;
    }

    /** Replaces the green field of the little-endian RGB565 pixel at rgb565[at] with the mean of 3 samples. */
    private static void patchGreen(byte[] rgb565, int at, int sumOf3) {
        int green = mean(sumOf3, 3, 0);
        int pixel = (rgb565[at] & 0xFF | (rgb565[at + 1] & 0xFF) << 8) & ~0x07E0 | (green >>> 2) << 5;
        rgb565[at] = (byte) pixel;
        rgb565[at + 1] = (byte) (pixel >>> 8);
    }

    /**
     * One line of a frame too narrow or too low for {@link #rgb565Line} (width or height 1), pixel by pixel with
     * border()'s rule, as little-endian RGB565 into {@code rgb565[0, 2 * width)}.
     */
    static void rgb565LineByNeighbours(ByteBuffer src, int offset, int width, int height, PixelFormat format, int y,
            byte[] rgb565) {
        int[] tile = tileOf(format);
        for (int x = 0; x < width; x++) {
            short pixel = DisplayPacker.toRgb565(border(src, offset, width, height, tile, x, y));
            rgb565[2 * x] = (byte) pixel;
            rgb565[2 * x + 1] = (byte) (pixel >>> 8);
        }
    }
}
