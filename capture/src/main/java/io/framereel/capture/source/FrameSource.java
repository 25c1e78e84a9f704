package io.framereel.capture.source;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A camera as the recorder sees it: frames arrive in the format they will be stored in, each converted straight
 * from the camera's buffer into the recorder's slot (the one copy on the way to storage). One thread calls
 * {@link #next}; implementations allocate nothing per frame after {@link #start()}.
 */
public interface FrameSource extends AutoCloseable {

    /**
     * Opens the camera and readies it to stream (format, rate, buffers); tells what the stored frames will look
     * like. Frames may start arriving only at {@link #startStreaming()}.
     */
    StreamShape start() throws IOException;

    /**
     * Lets frames flow, once the consumer is ready for them (its store open, its buffers allocated), so that a
     * camera does not fill its few buffers and drop frames while the recorder opens its file. Called once, after
     * {@link #start()} and before the first {@link #next} or {@link #lend}. Sources that cannot be held back (a
     * child process already running, a synthetic clock that starts at the first frame) keep this default.
     *
     * @throws IOException when the camera refuses to stream (a USB camera without the bus bandwidth); the source
     *                     is then unusable and must be closed
     */
    default void startStreaming() throws IOException {
    }

    /**
     * Waits up to {@code timeoutMs} for the next frame. With a destination, converts the frame into
     * {@code dst[0, n)} and records n, its sequence and its timestamp in {@code frame}; with {@code dst == null}
     * the recorder has no free slot, and the frame is given back to the camera uncopied (still filling in
     * {@code frame}). Either way the camera's buffer is returned before this method does.
     *
     * @return false when no frame came within the timeout
     * @throws IOException when the camera fails or disappears; the source is then unusable
     */
    boolean next(ByteBuffer dst, CapturedFrame frame, long timeoutMs) throws IOException;

    /**
     * How many of the camera's buffers {@link #lend} may have out at once while the camera keeps streaming; 0 when
     * frames of this source must be copied with {@link #next} (converted or padded formats, sources without
     * buffers of their own). Known after {@link #start()}.
     */
    default int lendableFrames() {
        return 0;
    }

    /**
     * Like {@link #next} without the copy: waits up to {@code timeoutMs} for the next frame and lends the camera's
     * own buffer. On success {@code frame.lent} is a read-only view whose position is 0 and limit
     * {@code frame.bytes}, the stored frame as is; {@code frame.loan} names it for {@link #giveBack}. The camera
     * cannot refill that buffer until it is given back, so at most {@link #lendableFrames()} may be out. Only the
     * thread that calls {@code lend} may give back.
     *
     * @return false when no frame came within the timeout
     * @throws IOException when the camera fails or disappears; the source is then unusable
     * @throws UnsupportedOperationException when {@link #lendableFrames()} is 0
     */
    default boolean lend(CapturedFrame frame, long timeoutMs) throws IOException {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot lend its buffers");
    }

    /** Returns a lent buffer to the camera; its view must not be read any more. */
    default void giveBack(int loan) throws IOException {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot lend its buffers");
    }

    /** Frames the camera lost before they reached us (gaps in its sequence numbers). */
    long droppedFrames();

    /** Frames the camera delivered that could not be stored (flagged bad by the driver, or malformed): skipped. */
    default long unusableFrames() {
        return 0;
    }

    /** Stops streaming and releases the camera. Idempotent. */
    @Override
    void close() throws IOException;
}
