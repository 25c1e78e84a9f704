package io.framereel.storage.pixel;

import java.nio.ByteBuffer;

/**
 * Converts YUV422 ({@code Y0 U Y1 V}) and YVU422 ({@code Y0 V Y1 U}) frames to ARGB with the BT.601
 * full-range (JPEG/JFIF) equations, in 16.16 fixed point:
 *
 * <pre>
 *   R = Y + 1.402    (V-128)
 *   G = Y - 0.344136 (U-128) - 0.714136 (V-128)
 *   B = Y + 1.772    (U-128)
 * </pre>
 *
 * each rounded and clamped to 0..255. Two horizontally adjacent pixels share one U and one V; pairs start
 * at column 0 of every row. In an odd-width row the last pixel holds only its Y and the pair's first chroma
 * byte; it borrows the missing chroma from the previous pair in the same row (or uses neutral 128 in a
 * 1-pixel-wide image), so nothing beyond the row is read.
 *
 * <p>Thread-safe: stateless; reads the payload with absolute gets and allocates nothing.
 */
final class YuvConverter {
    private static final int NEUTRAL_CHROMA = 128;
    private static final int ROUND = 1 << 15;
    private static final int R_FROM_V = 91881;   // round(1.402    * 65536)
    private static final int G_FROM_U = 22554;   // round(0.344136 * 65536)
    private static final int G_FROM_V = 46802;   // round(0.714136 * 65536)
    private static final int B_FROM_U = 116130;  // round(1.772    * 65536)

    private YuvConverter() {
    }

    /**
     * @param vFirst true for YVU422, whose first chroma byte of a pair is V
     */
    static void convert(ByteBuffer src, int offset, int width, int height, boolean vFirst, int[] dst) {
        int rowBytes = width * 2;
        int pairedWidth = width & ~1;
        for (int y = 0; y < height; y++) {
            int row = offset + y * rowBytes;
            int out = y * width;
            for (int x = 0; x < pairedWidth; x += 2) {
                int at = row + 2 * x;
                int first = src.get(at + 1) & 0xFF;
                int second = src.get(at + 3) & 0xFF;
                int du = (vFirst ? second : first) - 128;
                int dv = (vFirst ? first : second) - 128;
                int dr = redOffset(dv);
                int dg = greenOffset(du, dv);
                int db = blueOffset(du);
                dst[out + x] = pixel(src.get(at) & 0xFF, dr, dg, db);
                dst[out + x + 1] = pixel(src.get(at + 2) & 0xFF, dr, dg, db);
            }
            if (pairedWidth != width) {
                int at = row + 2 * pairedWidth;
                int first = src.get(at + 1) & 0xFF;
                int borrowed = pairedWidth == 0 ? NEUTRAL_CHROMA : src.get(at - 1) & 0xFF;
                int u = vFirst ? borrowed : first;
                int v = vFirst ? first : borrowed;
                dst[out + pairedWidth] = pixel(src.get(at) & 0xFF, u, v);
            }
        }
    }

    /** Converts one Y with its pair's U and V (all 0..255) to opaque ARGB. */
    static int pixel(int luma, int u, int v) {
        int du = u - 128;
        int dv = v - 128;
        return pixel(luma, redOffset(dv), greenOffset(du, dv), blueOffset(du));
    }

    static int redOffset(int dv) {
        return (R_FROM_V * dv + ROUND) >> 16;
    }

    static int greenOffset(int du, int dv) {
        return (-G_FROM_U * du - G_FROM_V * dv + ROUND) >> 16;
    }

    static int blueOffset(int du) {
        return (B_FROM_U * du + ROUND) >> 16;
    }

    static int pixel(int luma, int dr, int dg, int db) {
        return Channels.argb(Channels.clamp(luma + dr), Channels.clamp(luma + dg), Channels.clamp(luma + db));
    }
}
