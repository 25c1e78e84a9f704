package io.framereel.capture.format;

import java.nio.ByteBuffer;

/**
 * One conversion path from a camera frame's bytes to the stored frame's bytes, built once per stream geometry
 * by {@link FrameConversion}. Implementations allocate nothing per call and may keep scratch state, so they are
 * not thread-safe.
 */
interface FrameConverter {
    /**
     * Converts the frame at {@code src[start, start + length)} into {@code dst[0, n)} with absolute indexing and
     * returns n. For raw formats the caller has already checked that {@code length} covers the whole frame and
     * that {@code dst} has room for it.
     */
    int convert(ByteBuffer src, int start, int length, ByteBuffer dst) throws FrameFormatException;

    /**
     * How many bytes from {@code start} are the stored frame, when the camera's bytes can be stored where they are
     * (no reordering, no padding to drop), with the same checks as {@link #convert}; -1 when they cannot.
     */
    default int inPlaceLength(ByteBuffer src, int start, int length) throws FrameFormatException {
        return -1;
    }
}
