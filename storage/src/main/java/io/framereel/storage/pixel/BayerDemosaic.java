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
}
