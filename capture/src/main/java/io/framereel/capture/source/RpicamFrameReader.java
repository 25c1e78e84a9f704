package io.framereel.capture.source;

import java.io.IOException;
import java.io.InputStream;

/**
 * The thread that reads rpicam-vid's stdout: frames it into the ring's free buffers and stamps each with the
 * time its last byte arrived. Reading on a thread of its own, rather than on the capture thread, is what lets
 * {@link FrameSource#next} honour its timeout: a blocking pipe read cannot be given one, and the JDK offers no
 * selectable channel for a child's stdout. The thread ends at end of stream (rpicam-vid exited or was killed),
 * on a read error, or when the ring is closed; it allocates nothing per frame.
 *
 * <p>Memory ordering: the reader thread writes every field; {@code frames}, {@code skipped} and
 * {@code bytesRead} are volatile snapshots for other threads, and {@code ended} is written last, so a thread that
 * sees it set sees the final framer state and {@code failure}.
 */
final class RpicamFrameReader implements Runnable {
    private final InputStream in;
    private final RpicamFramer framer;
    private final RpicamFrameRing ring;
    private final Thread thread;

    /** Frames framed so far, published or skipped: the index of the next one. */
    private volatile long frames;
    /** Frames read but not publishable (too big, torn). */
    private volatile long skipped;
    /** Stream bytes consumed up to the end of the last frame. */
    private volatile long bytesRead;
    private volatile IOException failure;
    private volatile boolean ended;

    RpicamFrameReader(InputStream in, RpicamFramer framer, RpicamFrameRing ring) {
        this.in = in;
        this.framer = framer;
        this.ring = ring;
        this.thread = new Thread(this, "framereel-rpicam-reader");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    @Override
    public void run() {
        try {
            long next = 0;
            byte[] buffer;
            while ((buffer = ring.claim()) != null) {
                int length = framer.next(in, buffer);
                long arrival = System.nanoTime();
                if (length == RpicamFramer.END) {
                    break;
                }
                long index = next++;
                if (length == RpicamFramer.SKIPPED) {
                    skipped = skipped + 1; // the claimed buffer is simply filled again
                } else {
                    ring.publish(length, arrival, index);
                }
                frames = next;
                bytesRead = framer.streamOffset();
            }
        } catch (IOException e) {
            failure = e;
        } finally {
            ended = true;
            ring.close(); // the capture thread drains what was published, then sees the end
        }
    }

    /** Whether the stream ended (or failed); then {@link #partialBytes()} and {@link #failure()} are final. */
    boolean ended() {
        return ended;
    }

    long frames() {
        return frames;
    }

    long skippedFrames() {
        return skipped;
    }

    /** Stream bytes consumed: up to the last whole frame while running, everything once ended. */
    long bytesRead() {
        return ended ? framer.streamOffset() : bytesRead;
    }

    /** Bytes of the frame the stream ended in; 0 if it ended between frames. Valid once ended. */
    long partialBytes() {
        return framer.partialBytes();
    }

    /** Bytes between frames that were skipped (MJPEG garbage). Valid once ended. */
    long skippedBytes() {
        return framer.skippedBytes();
    }

    /** The read error that ended the stream, or null. */
    IOException failure() {
        return failure;
    }

    /** Waits up to {@code timeoutMs} for the thread to end; true if it did. */
    boolean join(long timeoutMs) throws InterruptedException {
        thread.join(timeoutMs);
        return !thread.isAlive();
    }
}
