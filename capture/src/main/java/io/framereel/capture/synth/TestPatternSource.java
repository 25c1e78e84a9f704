package io.framereel.capture.synth;

import io.framereel.storage.Image;
import io.framereel.storage.PixelFormat;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A synthetic camera: produces a moving test pattern, frame after frame, in any ImageIO pixel format except
 * ARGB8 and PNG, with capture timestamps exactly {@code 1e9 / fps} ns apart.
 *
 * <pre>
 * +--------+--------+--------+-- ... --+   colour bars (top two thirds): white, yellow, cyan, green,
 * | white  | yellow |  cyan  |         |   magenta, red, blue, black
 * |        |   +----+        |         |
 * |        |   |box |        |         |   an orange box bouncing around the frame
 * +--------+---+----+--------+-- ... --+
 * | grey ramp scrolling to the left     |   bottom third: a horizontal grey ramp that scrolls
 * | [bits of the frame number]          |   16 cells, most significant first: white = 1, black = 0
 * +-------------------------------------+
 * </pre>
 *
 * Every frame differs from the one before it (the ramp, the box and the counter all move), and frame k is
 * the same bytes on every run, so files made from it are reproducible.
 *
 * <p>The pattern is rendered one RGB row at a time and packed into the target format: grayscale and binary
 * from BT.601 luma, Bayer as the mosaic of the RGB row, YUV422/YVU422 with BT.601 chroma averaged over each
 * pixel pair, JPEG through {@code javax.imageio} at its default quality. For raw formats
 * {@link #fill(Image)} allocates nothing; JPEG frames allocate their encoded bytes.
 *
 * <p>Timing: frame k has {@code timestampNanos = round(k * 1e9 / fps)} and the {@code elapsedMs} a file
 * stream derives from those timestamps (the first frame gets one frame interval), so a recording's elapsed
 * values follow the frame rate without drift: at 30 fps they run 33, 33, 34, 33, 33, 34, … and every 30
 * frames add up to 1000 ms. Nothing here sleeps.
 *
 * <p>Not thread-safe.
 */
public final class TestPatternSource {
    /** The fastest rate allowed: file streams store whole milliseconds and never an interval of 0. */
    public static final double MAX_FPS = 1000;
    /** The slowest rate allowed: file streams store at most 1,000,000 ms between frames. */
    public static final double MIN_FPS = 0.001;

    private static final int[] BARS = {
        0xFFFFFF, 0xFFFF00, 0x00FFFF, 0x00FF00, 0xFF00FF, 0xFF0000, 0x0000FF, 0x000000};
    private static final int BOX_RGB = 0xFF8000;
    private static final int COUNTER_BITS = 16;

    private final int width;
    private final int height;
    private final PixelFormat format;
    private final double fps;
    private final int[] row;
    private final int barsEnd;
    private final int boxSize;
    private final int counterTop;
    private final int counterBottom;
    private final int counterCell;
    private final BufferedImage jpegCanvas;
    private Image rawFrame;
    private long frame;

    /**
     * Creates a source positioned at frame 0.
     *
     * @throws IllegalArgumentException for ARGB8 or PNG, a non-positive size, a raw frame that does not fit
     *                                  one buffer, or a rate outside {@link #MIN_FPS}..{@link #MAX_FPS}
     */
    public TestPatternSource(int width, int height, PixelFormat format, double fps) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("width and height must be positive (was " + width + "x" + height + ")");
        }
        if (format == PixelFormat.ARGB8 || format == PixelFormat.PNG) {
            throw new IllegalArgumentException("the test pattern cannot be made as " + format
                    + "; use an uncompressed format or JPEG");
        }
        if (!format.isCompressed() && format.uncompressedBytes(width, height) > Integer.MAX_VALUE - 64) {
            throw new IllegalArgumentException(width + "x" + height + " " + format + " frames do not fit one buffer");
        }
        if (!(fps >= MIN_FPS && fps <= MAX_FPS)) {
            throw new IllegalArgumentException("fps must be between " + MIN_FPS + " and " + MAX_FPS + " (was " + fps + ")");
        }
        this.width = width;
        this.height = height;
        this.format = format;
        this.fps = fps;
        this.row = new int[width];
        this.barsEnd = Math.max(1, height * 2 / 3);
        this.boxSize = Math.max(2, Math.min(width, height) / 6);
        this.counterCell = Math.max(1, width / (2 * COUNTER_BITS));
        this.counterBottom = height - Math.max(0, height / 40);
        this.counterTop = Math.max(barsEnd, counterBottom - Math.max(1, height / 12));
        this.jpegCanvas = format == PixelFormat.JPEG ? new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB) : null;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public PixelFormat format() {
        return format;
    }

    public double fps() {
        return fps;
    }

    /** The index of the frame the next {@link #fill} or {@link #next} produces. */
    public long frameIndex() {
        return frame;
    }

    /** Moves to frame {@code index}: the next frame produced is that one. */
    public void seek(long index) {
        if (index < 0) {
            throw new IllegalArgumentException("frame index < 0: " + index);
        }
        frame = index;
    }

    /** Capture time of frame {@code k}: {@code round(k * 1e9 / fps)} ns, so spacing never drifts. */
    public long timestampNanos(long k) {
        return Math.round(k * 1e9 / fps);
    }

    /**
     * The elapsed value a file stream records for frame {@code k} when frames carry this source's timestamps:
     * whole milliseconds, with rounding carried forward so their sum tracks the timestamps.
     */
    public int elapsedMs(long k) {
        if (k == 0) {
            return (int) roundMillis(timestampNanos(1));
        }
        return (int) (roundMillis(timestampNanos(k)) - roundMillis(timestampNanos(k - 1)));
    }

    /** Half-up rounding to milliseconds, as the file stream rounds intervals. */
    private static long roundMillis(long nanos) {
        return (nanos + 500_000L) / 1_000_000L;
    }

    /** Allocates an image this source can {@link #fill}: zeroed, on the heap, of its size and raw format. */
    public Image allocateFrame() {
        requireRaw();
        return Image.allocate(width, height, format, false);
    }

    /**
     * Renders the next frame into {@code dst} (from its payload position), sets its timestamp and elapsed
     * time, and advances. Allocates nothing.
     *
     * @throws IllegalArgumentException if {@code dst} is not this source's size and format, or the format is JPEG
     */
    public void fill(Image dst) {
        requireRaw();
        if (dst.width() != width || dst.height() != height || dst.format() != format) {
            throw new IllegalArgumentException("cannot fill a " + dst.width() + "x" + dst.height() + " " + dst.format()
                    + " image from a " + width + "x" + height + " " + format + " source");
        }
        ByteBuffer out = dst.payload();
        int base = out.position();
        for (int y = 0; y < height; y++) {
            renderRow(frame, y, row);
            switch (format) {
                case GRAYSCALE:
                    packGray(out, base + y * width);
                    break;
                case RGB565:
                    packRgb565(out, base + y * width * 2);
                    break;
                case BINARY:
                    packBinary(out, base + y * (int) PixelFormat.binaryRowBytes(width));
                    break;
                case BAYER_BGGR:
                case BAYER_GBRG:
                case BAYER_GRBG:
                case BAYER_RGGB:
                    packBayer(out, base + y * width, y);
                    break;
                case YUV422:
                case YVU422:
                    packYuv(out, base + y * width * 2);
                    break;
                default:
                    throw new AssertionError(format);
            }
        }
        stamp(dst);
    }

    /**
     * Returns the next frame and advances. Raw formats are rendered into one image this source owns and
     * reuses (valid until the next call; no allocation); JPEG frames are new images.
     */
    public Image next() {
        if (format == PixelFormat.JPEG) {
            return nextJpeg();
        }
        if (rawFrame == null) {
            rawFrame = allocateFrame();
        }
        fill(rawFrame);
        return rawFrame;
    }

    private Image nextJpeg() {
        int[] canvas = ((DataBufferInt) jpegCanvas.getRaster().getDataBuffer()).getData();
        for (int y = 0; y < height; y++) {
            renderRow(frame, y, row);
            System.arraycopy(row, 0, canvas, y * width, width);
        }
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream(width * height / 4 + 1024);
        try {
            if (!javax.imageio.ImageIO.write(jpegCanvas, "jpeg", jpeg)) {
                throw new IllegalStateException("this Java runtime has no JPEG encoder");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("JPEG encoding of test frame " + frame + " failed", e);
        }
        Image image = Image.of(width, height, PixelFormat.JPEG,
                ByteBuffer.wrap(jpeg.toByteArray()).order(ByteOrder.LITTLE_ENDIAN));
        stamp(image);
        return image;
    }

    private void stamp(Image image) {
        image.timestampNanos(timestampNanos(frame)).elapsedMs(elapsedMs(frame));
        frame++;
    }

    private void requireRaw() {
        if (format.isCompressed()) {
            throw new IllegalArgumentException(format + " frames are encoded per frame; use next()");
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // The pattern, as 0xRRGGBB

    /** Renders row {@code y} of frame {@code k} as 0xRRGGBB pixels into {@code dst[0..width)}. */
    public void renderRow(long k, int y, int[] dst) {
        if (y < barsEnd) {
            for (int x = 0; x < width; x++) {
                dst[x] = BARS[(int) ((long) x * BARS.length / width)];
            }
        } else {
            // The ramp moves one 1/64 of the width per frame, so it wraps about every two seconds at 30 fps.
            long shift = k * Math.max(1, width / 64);
            for (int x = 0; x < width; x++) {
                int v = (int) (((x + shift) % width) * 256 / width);
                dst[x] = v << 16 | v << 8 | v;
            }
            if (y >= counterTop && y < counterBottom) {
                drawCounter(k, dst);
            }
        }
        drawBox(k, y, dst);
    }

    private void drawCounter(long k, int[] dst) {
        int left = counterCell;
        for (int bit = 0; bit < COUNTER_BITS; bit++) {
            int rgb = ((k >>> (COUNTER_BITS - 1 - bit)) & 1) != 0 ? 0xFFFFFF : 0x000000;
            int from = left + bit * counterCell;
            int to = Math.min(width, from + counterCell);
            for (int x = from; x < to; x++) {
                dst[x] = rgb;
            }
        }
    }

    private void drawBox(long k, int y, int[] dst) {
        int boxY = bounce(k * 3, height - boxSize);
        if (y < boxY || y >= boxY + boxSize) {
            return;
        }
        int boxX = bounce(k * 5, width - boxSize);
        int to = Math.min(width, boxX + boxSize);
        for (int x = Math.max(0, boxX); x < to; x++) {
            dst[x] = BOX_RGB;
        }
    }

    /** A triangle wave over 0..range: position {@code step} moves there and back. */
    private static int bounce(long step, int range) {
        if (range <= 0) {
            return 0;
        }
        long period = 2L * range;
        long p = step % period;
        return (int) (p <= range ? p : period - p);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Packing one RGB row into the target format

    // BT.601 full-range weights in 1/65536ths, rounded to nearest: Y = 0.299 R + 0.587 G + 0.114 B,
    // U = -0.168736 R - 0.331264 G + 0.5 B, V = 0.5 R - 0.418688 G - 0.081312 B. Each chroma row sums to 0 and
    // the luma row to 65536, so greys have U = V = 128 and white has Y = 255 exactly.

    /** BT.601 luma of a 0xRRGGBB pixel, rounded. */
    static int luma(int rgb) {
        return (19595 * (rgb >>> 16 & 0xFF) + 38470 * (rgb >>> 8 & 0xFF) + 7471 * (rgb & 0xFF) + 32768) >> 16;
    }

    /** BT.601 blue-difference chroma of the average of two pixels given as channel sums, offset to 0..255. */
    static int chromaU(int rSum, int gSum, int bSum) {
        return clamp(((-11059 * rSum - 21709 * gSum + 32768 * bSum + 65536) >> 17) + 128);
    }

    /** BT.601 red-difference chroma of the average of two pixels given as channel sums, offset to 0..255. */
    static int chromaV(int rSum, int gSum, int bSum) {
        return clamp(((32768 * rSum - 27439 * gSum - 5329 * bSum + 65536) >> 17) + 128);
    }

    private static int clamp(int v) {
        return v < 0 ? 0 : Math.min(v, 255);
    }

    private void packGray(ByteBuffer out, int at) {
        for (int x = 0; x < width; x++) {
            out.put(at + x, (byte) luma(row[x]));
        }
    }

    private void packRgb565(ByteBuffer out, int at) {
        for (int x = 0; x < width; x++) {
            int rgb = row[x];
            int p = (rgb >>> 19 & 0x1F) << 11 | (rgb >>> 10 & 0x3F) << 5 | (rgb >>> 3 & 0x1F);
            out.put(at + 2 * x, (byte) p); // little-endian: low byte first, as OpenMV keeps RGB565
            out.put(at + 2 * x + 1, (byte) (p >>> 8));
        }
    }

    /** Rows are whole little-endian 32-bit words, pixel x at bit x&7 of byte x>>3; luma >= 128 is white. */
    private void packBinary(ByteBuffer out, int at) {
        int rowBytes = (int) PixelFormat.binaryRowBytes(width);
        for (int i = 0; i < rowBytes; i++) {
            int bits = 0;
            for (int b = 0; b < 8; b++) {
                int x = i * 8 + b;
                if (x < width && luma(row[x]) >= 128) {
                    bits |= 1 << b;
                }
            }
            out.put(at + i, (byte) bits);
        }
    }

    /**
     * Keeps one colour per pixel as the sensor's filter would. Each format names its 2x2 tile row by row:
     * BGGR is "B G / G R", GBRG "G B / R G", GRBG "G R / B G", RGGB "R G / G B".
     */
    private void packBayer(ByteBuffer out, int at, int y) {
        int odd = format == PixelFormat.BAYER_GBRG || format == PixelFormat.BAYER_GRBG ? 1 : 0;
        boolean redFirst = format == PixelFormat.BAYER_RGGB || format == PixelFormat.BAYER_GRBG;
        for (int x = 0; x < width; x++) {
            int rgb = row[x];
            int value;
            if (((x + y + odd) & 1) == 1) {
                value = rgb >>> 8 & 0xFF; // green sites form a checkerboard
            } else {
                boolean redRow = ((y & 1) == 0) == redFirst;
                value = redRow ? rgb >>> 16 & 0xFF : rgb & 0xFF;
            }
            out.put(at + x, (byte) value);
        }
    }

    /**
     * Two bytes per pixel: Y, then U on even pixels and V on odd ones (YUYV), or the other way round for
     * YVU422. Chroma is the average of the pair; a last unpaired pixel uses its own.
     */
    private void packYuv(ByteBuffer out, int at) {
        boolean vFirst = format == PixelFormat.YVU422;
        for (int x = 0; x < width; x += 2) {
            int a = row[x];
            int b = x + 1 < width ? row[x + 1] : a;
            int rSum = (a >>> 16 & 0xFF) + (b >>> 16 & 0xFF);
            int gSum = (a >>> 8 & 0xFF) + (b >>> 8 & 0xFF);
            int bSum = (a & 0xFF) + (b & 0xFF);
            int u = chromaU(rSum, gSum, bSum);
            int v = chromaV(rSum, gSum, bSum);
            out.put(at + 2 * x, (byte) luma(a));
            out.put(at + 2 * x + 1, (byte) (vFirst ? v : u));
            if (x + 1 < width) {
                out.put(at + 2 * x + 2, (byte) luma(b));
                out.put(at + 2 * x + 3, (byte) (vFirst ? u : v));
            }
        }
    }
}
