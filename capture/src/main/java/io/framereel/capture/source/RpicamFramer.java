package io.framereel.capture.source;

import java.io.IOException;
import java.io.InputStream;

/**
 * Cuts rpicam-vid's stdout into frames. A pipe has no message boundaries, so each codec's own structure tells
 * where a frame ends: a fixed size for YUV420, the JPEG markers for MJPEG. Called by the pipe reader thread
 * only; implementations allocate nothing per frame and are not thread-safe.
 */
interface RpicamFramer {
    /** {@link #next} result: the stream ended; {@link #partialBytes()} tells whether inside a frame. */
    int END = -1;
    /** {@link #next} result: a frame was read but cannot be stored (too big, or torn); it was dropped. */
    int SKIPPED = -2;

    /**
     * Reads the next frame from {@code in} into {@code dst[0, n)} and returns n, {@link #END} or
     * {@link #SKIPPED}. Blocks in {@code in.read} until the frame is complete.
     */
    int next(InputStream in, byte[] dst) throws IOException;

    /** Bytes consumed from the stream so far: the offset of the next byte to frame. */
    long streamOffset();

    /** Bytes of the unfinished frame the stream ended in; 0 if it ended between frames. */
    long partialBytes();

    /** Bytes that belonged to no frame (garbage between JPEGs); always 0 for fixed-size frames. */
    long skippedBytes();
}
