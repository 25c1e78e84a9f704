package io.framereel.webcam;

import io.framereel.storage.Image;
import io.framereel.storage.pixel.ArgbConverter;

import java.nio.ByteBuffer;

/**
 * Turns one stream's camera frames into pixels webcam-capture wants: opaque ARGB ints (a {@code TYPE_INT_RGB}
 * image's raster) and RGB24 bytes (R, G, B per pixel, what {@code getImageBytes} returns). The colour math is
 * storage's {@link ArgbConverter}, so a frame looks the same here as in a framereel recording of the same camera.
 *
 * <p>Raw frames are read in place from the kernel's buffer. Lines the driver pads (bytesPerLine beyond the pixels)
 * are first packed into a scratch buffer allocated here, once, because storage reads frames without padding.
 * Raw formats allocate nothing per frame; MJPEG frames are decoded with {@code javax.imageio}, which allocates.
 *
 * <p>Not thread-safe: one per open stream, used under the device's lock.
 */
final class RgbConversion {
    private final RgbFormat format;
    private final int width;
    private final int height;
    private final int bytesPerLine;
    private final int lineBytes;
    /** Camera bytes a raw frame needs: every line but the last with its padding. 0 for compressed formats. */
    private final int minFrameBytes;
    /** Lines without padding, when the camera pads them; null otherwise. */
    private final ByteBuffer packed;
    private final Image image = Image.empty();

    private RgbConversion(RgbFormat format, int width, int height, int bytesPerLine) {
        this.format = format;
        this.width = width;
        this.height = height;
        this.lineBytes = format.lineBytes(width);
        this.bytesPerLine = format.compressed() ? 0 : Math.max(bytesPerLine, lineBytes);
        this.minFrameBytes = format.compressed() ? 0 : this.bytesPerLine * (height - 1) + lineBytes;
        this.packed = format.compressed() || this.bytesPerLine == lineBytes ? null
                : ByteBuffer.allocateDirect(lineBytes * height);
    }

    /**
     * @param bytesPerLine the driver's line stride (VIDIOC_S_FMT's answer); ignored for compressed formats, and a
     *                     stride shorter than a line (drivers that leave it 0) is read as unpadded
     */
    static RgbConversion of(RgbFormat format, int width, int height, int bytesPerLine) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("frame size must be positive (was " + width + "x" + height + ")");
        }
        return new RgbConversion(format, width, height, bytesPerLine);
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    int pixels() {
        return width * height;
    }

    /**
     * Converts {@code frame[position, limit)} (the kernel's bytesused) into {@code argb[0, width * height)}.
     * Leaves the frame's position and limit as they were.
     *
     * @throws UnusableFrameException when the frame is shorter than its format needs, or a JPEG does not decode to
     *                                this size: a torn frame the caller skips
     */
    void toArgb(ByteBuffer frame, int[] argb) throws UnusableFrameException {
        if (format.compressed()) {
            decode(frame, argb);
            return;
        }
        int start = frame.position();
        int limit = frame.limit();
        if (limit - start < minFrameBytes) {
            throw new UnusableFrameException("frame has " + (limit - start) + " bytes, " + this + " needs "
                    + minFrameBytes);
        }
        try {
            ByteBuffer pixels;
            if (packed == null) {
                frame.limit(start + minFrameBytes); // storage wants exactly one frame's bytes
                pixels = frame;
            } else {
                pack(frame, start);
                pixels = packed;
            }
            ArgbConverter.convert(image.set(width, height, format.pixels(), pixels, Image.NO_ELAPSED,
                    Image.NO_TIMESTAMP), argb);
        } finally {
            frame.limit(limit);
        }
    }

    private void pack(ByteBuffer frame, int start) {
        packed.clear();
        for (int y = 0; y < height; y++) {
            packed.put(y * lineBytes, frame, start + y * bytesPerLine, lineBytes);
        }
    }

    private void decode(ByteBuffer frame, int[] argb) throws UnusableFrameException {
        try {
            ArgbConverter.convert(image.set(width, height, format.pixels(), frame, Image.NO_ELAPSED,
                    Image.NO_TIMESTAMP), argb);
        } catch (IllegalArgumentException e) {
            // A camera sends a torn JPEG now and then (USB hiccup, buffer overrun); one bad frame is not a failure.
            throw new UnusableFrameException(this + " frame of " + frame.remaining() + " bytes: " + e.getMessage(), e);
        }
    }

    /**
     * Writes {@code pixels} ARGB ints as R, G, B bytes into {@code dst} from index {@code offset}, with absolute
     * puts (the buffer's position and limit stay where they are).
     */
    static void packRgb24(int[] argb, int pixels, ByteBuffer dst, int offset) {
        for (int i = 0, at = offset; i < pixels; i++, at += 3) {
            int p = argb[i];
            dst.put(at, (byte) (p >>> 16));
            dst.put(at + 1, (byte) (p >>> 8));
            dst.put(at + 2, (byte) p);
        }
    }

    /** For example "YUYV 640x480", with the stride when lines are padded. */
    @Override
    public String toString() {
        return format.fourccName() + " " + width + "x" + height
                + (packed != null ? " (" + bytesPerLine + " bytes per line)" : "");
    }
}
