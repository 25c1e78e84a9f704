package io.framereel.capture.format;

import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * Stores a compressed camera frame (MJPG, JPEG) as ImageIO JPEG: the camera's bytes from the SOI marker through
 * the last EOI marker. Cameras and drivers often report more bytes than the JPEG (a fixed-size payload, or
 * stale bytes of a larger earlier frame in the same buffer); those are dropped so the stream stores only the
 * image and the frame's size field is the JPEG's true length.
 *
 * <p>Only the markers are checked, not the bitstream: decoding would cost a frame's time and allocate. A frame
 * without SOI or EOI (a truncated transfer, a driver delivering garbage) is refused because a reader could
 * not decode it.
 */
final class JpegPassthrough implements FrameConverter {
    private static final byte MARKER = (byte) 0xFF;
    private static final byte SOI = (byte) 0xD8;
    private static final byte EOI = (byte) 0xD9;
    /** SOI and EOI alone. */
    private static final int SMALLEST_JPEG = 4;

    private final String formatName;

    JpegPassthrough(String formatName) {
        this.formatName = formatName;
    }

    @Override
    public int convert(ByteBuffer src, int start, int length, ByteBuffer dst) throws FrameFormatException {
        int size = inPlaceLength(src, start, length);
        if (size > dst.limit()) {
            throw new FrameFormatException(formatName + " frame has " + size + " bytes of JPEG, more than the "
                    + dst.limit() + " the destination holds");
        }
        dst.put(0, src, start, size);
        return size;
    }

    /** The JPEG's length from SOI through the last EOI: the bytes to store, wherever they are. */
    @Override
    public int inPlaceLength(ByteBuffer src, int start, int length) throws FrameFormatException {
        if (length < SMALLEST_JPEG) {
            throw new FrameFormatException("frame has " + length + " bytes, a " + formatName
                    + " frame needs at least " + SMALLEST_JPEG + " (SOI and EOI markers)");
        }
        if (src.get(start) != MARKER || src.get(start + 1) != SOI) {
            throw new FrameFormatException(formatName + " frame of " + length + " bytes does not start with a JPEG "
                    + "SOI marker (FF D8) but with " + hex(src.get(start)) + " " + hex(src.get(start + 1)));
        }
        int end = endOfLastEoi(src, start, start + length);
        if (end < 0) {
            throw new FrameFormatException(formatName + " frame of " + length + " bytes has no JPEG EOI marker "
                    + "(FF D9): the frame is truncated or corrupt");
        }
        return end - start;
    }

    /**
     * Returns the index just past the last FF D9 after the SOI, or -1. Scanning backwards usually stops within
     * the few trailing bytes. Entropy-coded data stuffs every FF with 00, so FF D9 cannot occur inside it.
     */
    private static int endOfLastEoi(ByteBuffer src, int start, int end) {
        for (int i = end - 2; i >= start + 2; i--) {
            if (src.get(i) == MARKER && src.get(i + 1) == EOI) {
                return i + 2;
            }
        }
        return -1;
    }

    private static String hex(byte b) {
        return String.format(Locale.ROOT, "%02X", b & 0xFF);
    }
}
