package io.framereel.capture.source;

import java.io.IOException;
import java.io.InputStream;

/**
 * Frames rpicam-vid's {@code --codec mjpeg} output: whole JPEGs one after another, each from its SOI marker
 * (FF D8) to its EOI marker (FF D9). Bytes before an SOI (a torn start, anything else on the pipe) are skipped
 * and counted.
 *
 * <p>Why not just scan for FF D9 after the SOI? In the entropy-coded data that is safe: every FF byte the encoder
 * emits there is followed by a stuffed 00, and the only markers that may interrupt it are RST0-7 (FF D0-D7), so
 * an FF D9 there is the real EOI. But the marker segments before the scan (APPn, COM, DQT, DHT, ...) are
 * length-prefixed and hold arbitrary bytes: a quantisation table may contain 255 followed by 217, and an Exif
 * APP1 carries a whole thumbnail JPEG with its own FF D9. So this framer walks the segments by their lengths and
 * scans only entropy-coded data for markers, which is exact for baseline and progressive JPEGs alike:
 *
 * <pre>
 *   FF D8 | FF E0 len ... | FF DB len ... | FF C0 len ... | FF C4 len ... | FF DA len ... | entropy data | FF D9
 *   SOI     APP0 (skipped by length, whatever it holds)                     SOS header     scanned for FF xx
 * </pre>
 *
 * A JPEG larger than the frame buffer is read to its end and reported {@link #SKIPPED}; so is one cut off by a
 * new SOI or broken marker structure. Reads the pipe in {@value #CHUNK_BYTES}-byte chunks (a pipe's default
 * capacity, so one read empties a full pipe) and copies each frame's bytes once into the frame buffer; allocates
 * nothing after construction.
 */
final class RpicamJpegFramer implements RpicamFramer {
    static final int CHUNK_BYTES = 64 * 1024;

    private static final int CONTINUE = -3;
    private static final int SOI = 0xD8;
    private static final int EOI = 0xD9;
    private static final int SOS = 0xDA;
    private static final int TEM = 0x01;
    private static final int RST0 = 0xD0;
    private static final int RST7 = 0xD7;

    private enum State {
        /** Between frames, looking for the FF of an SOI. */
        SEEK_SOI,
        /** Saw FF between frames; D8 starts a frame. */
        SOI_CODE,
        /** Inside a frame where a marker must come next. */
        EXPECT_MARKER,
        /** Saw a marker's FF; the next byte (after any FF fill bytes) is its code. */
        MARKER_CODE,
        LENGTH_HIGH,
        LENGTH_LOW,
        /** Inside a length-prefixed segment: copied without looking. */
        SEGMENT,
        /** Entropy-coded data after an SOS header. */
        ENTROPY,
        /** Saw FF in entropy-coded data: 00 is a stuffed byte, D0-D7 a restart, anything else a marker. */
        ENTROPY_FF
    }

    private final byte[] chunk = new byte[CHUNK_BYTES];
    private int position;
    private int limit;
    /** Stream offset of chunk[0]. */
    private long chunkOffset;
    private long skippedBytes;
    private long partialBytes;

    private State state = State.SEEK_SOI;
    /** A new SOI cut the previous frame short: the next frame starts with that SOI, already consumed. */
    private boolean startsWithSoi;
    private int segmentMarker;
    private int lengthHigh;
    private int segmentRemaining;

    private byte[] dst;
    /** Bytes of the current frame copied into dst. */
    private int copied;
    /** Bytes of the current frame seen, copied or not. */
    private long frameBytes;
    private boolean overflow;

    @Override
    public int next(InputStream in, byte[] frameBuffer) throws IOException {
        dst = frameBuffer;
        copied = 0;
        frameBytes = 0;
        overflow = false;
        if (startsWithSoi) {
            startsWithSoi = false;
            append((byte) 0xFF);
            append((byte) SOI);
            state = State.EXPECT_MARKER;
        }
        while (true) {
            if (position == limit) {
                int n = in.read(chunk, 0, chunk.length);
                if (n < 0) {
                    partialBytes = state == State.SEEK_SOI || state == State.SOI_CODE ? 0 : frameBytes;
                    return END;
                }
                chunkOffset += limit;
                position = 0;
                limit = n;
            }
            int result = step();
            if (result != CONTINUE) {
                return result;
            }
        }
    }

    /** Consumes bytes of the chunk in the current state; a frame length or SKIPPED when a frame ends. */
    private int step() {
        switch (state) {
            case SEEK_SOI: {
                int i = position;
                while (i < limit && chunk[i] != (byte) 0xFF) {
                    i++;
                }
                skippedBytes += i - position;
                position = i;
                if (position < limit) {
                    position++;
                    state = State.SOI_CODE;
                }
                return CONTINUE;
            }
            case SOI_CODE: {
                int b = chunk[position] & 0xFF;
                if (b == SOI) {
                    position++;
                    append((byte) 0xFF);
                    append((byte) SOI);
                    state = State.EXPECT_MARKER;
                } else {
                    skippedBytes++; // the FF before it was not an SOI after all
                    if (b == 0xFF) {
                        position++; // FF FF D8: the second FF may still start one
                    } else {
                        state = State.SEEK_SOI; // look at this byte again
                    }
                }
                return CONTINUE;
            }
            case EXPECT_MARKER: {
                byte b = chunk[position++];
                append(b);
                if (b != (byte) 0xFF) {
                    return torn();
                }
                state = State.MARKER_CODE;
                return CONTINUE;
            }
            case MARKER_CODE: {
                byte b = chunk[position++];
                append(b);
                return marker(b & 0xFF);
            }
            case LENGTH_HIGH: {
                byte b = chunk[position++];
                append(b);
                lengthHigh = b & 0xFF;
                state = State.LENGTH_LOW;
                return CONTINUE;
            }
            case LENGTH_LOW: {
                byte b = chunk[position++];
                append(b);
                int length = lengthHigh << 8 | (b & 0xFF);
                if (length < 2) {
                    return torn(); // the length counts its own two bytes
                }
                segmentRemaining = length - 2;
                state = segmentRemaining > 0 ? State.SEGMENT : afterSegment();
                return CONTINUE;
            }
            case SEGMENT: {
                int n = Math.min(segmentRemaining, limit - position);
                append(chunk, position, n);
                position += n;
                segmentRemaining -= n;
                if (segmentRemaining == 0) {
                    state = afterSegment();
                }
                return CONTINUE;
            }
            case ENTROPY: {
                int i = position;
                while (i < limit && chunk[i] != (byte) 0xFF) {
                    i++;
                }
                append(chunk, position, i - position);
                position = i;
                if (position < limit) {
                    append(chunk[position++]);
                    state = State.ENTROPY_FF;
                }
                return CONTINUE;
            }
            case ENTROPY_FF: {
                byte b = chunk[position++];
                append(b);
                int code = b & 0xFF;
                if (code == 0x00 || code >= RST0 && code <= RST7) {
                    state = State.ENTROPY; // a stuffed FF data byte, or a restart marker: the scan goes on
                    return CONTINUE;
                }
                if (code == 0xFF) {
                    return CONTINUE; // fill byte: the marker code is still to come
                }
                return marker(code);
            }
            default:
                throw new AssertionError(state);
        }
    }

    /** Acts on a marker code seen inside a frame. */
    private int marker(int code) {
        switch (code) {
            case 0xFF:
                state = State.MARKER_CODE; // fill byte
                return CONTINUE;
            case EOI:
                state = State.SEEK_SOI;
                return overflow ? SKIPPED : copied;
            case SOI:
                // A new frame began before this one ended (the writer lost bytes): give this one up, keep that one.
                startsWithSoi = true;
                state = State.SEEK_SOI;
                return SKIPPED;
            case TEM:
                state = State.EXPECT_MARKER;
                return CONTINUE;
            case 0x00:
                return torn(); // a stuffed byte outside entropy-coded data
            default:
                if (code >= RST0 && code <= RST7) {
                    state = State.EXPECT_MARKER;
                    return CONTINUE;
                }
                segmentMarker = code;
                state = State.LENGTH_HIGH;
                return CONTINUE;
        }
    }

    private State afterSegment() {
        return segmentMarker == SOS ? State.ENTROPY : State.EXPECT_MARKER;
    }

    /** The frame's marker structure is broken: drop it and look for the next SOI. */
    private int torn() {
        state = State.SEEK_SOI;
        return SKIPPED;
    }

    private void append(byte b) {
        frameBytes++;
        if (!overflow && copied < dst.length) {
            dst[copied++] = b;
        } else {
            overflow = true;
        }
    }

    private void append(byte[] src, int offset, int n) {
        frameBytes += n;
        if (overflow || n > dst.length - copied) {
            overflow = true;
            return;
        }
        System.arraycopy(src, offset, dst, copied, n);
        copied += n;
    }

    @Override
    public long streamOffset() {
        return chunkOffset + position;
    }

    @Override
    public long partialBytes() {
        return partialBytes;
    }

    @Override
    public long skippedBytes() {
        return skippedBytes;
    }
}
