package io.framereel.capture.daemon;

import io.framereel.capture.record.FrameStore;
import io.framereel.capture.source.StreamShape;
import io.framereel.storage.Image;
import io.framereel.storage.memory.RingStore;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Where the recorder puts every frame while the daemon runs: a RAM ring that always holds the last seconds (the
 * pre-trigger frames) plus some slack for a slow disk, from which the {@link FileWriter} copies into files. The
 * ring is sized once, from the camera's shape, on the first frame; {@code trigger.pre-max-bytes} caps its RAM and
 * the daemon logs how many seconds actually fit. Also feeds the live view. Written by the recorder's writer thread.
 */
final class PreTriggerRing implements FrameStore {
    private static final System.Logger LOG = System.getLogger(PreTriggerRing.class.getName());

    private final Supplier<StreamShape> shape;
    private final Duration pre;
    private final long maxBytes;
    private final int slackFrames;
    private final StatusBoard board;
    private final LiveViewFactory liveViews;
    private volatile RingStore ring;
    private volatile boolean closed;
    private volatile Thread fileThread;
    private LiveView liveView;
    private long frames;
    private boolean warnedFull;

    /** Opens the live view once the shape is known; null when there is none. */
    @FunctionalInterface
    interface LiveViewFactory {
        LiveView open(StreamShape shape) throws IOException;
    }

    PreTriggerRing(Supplier<StreamShape> shape, Duration pre, long maxBytes, int slackFrames, StatusBoard board,
            LiveViewFactory liveViews) {
        this.shape = shape;
        this.pre = pre;
        this.maxBytes = maxBytes;
        this.slackFrames = slackFrames;
        this.board = board;
        this.liveViews = liveViews;
    }

    /** The thread to wake when a frame arrives or the ring closes. */
    void fileThread(Thread t) {
        fileThread = t;
    }

    /** The ring, or null before the first frame. */
    RingStore ring() {
        return ring;
    }

    /** Whether the recorder has finished with the ring (camera gone or daemon stopping). */
    boolean isClosed() {
        return closed;
    }

    /** Allocates the ring and opens the live view before the first frame arrives. */
    @Override
    public void prepare(StreamShape s) {
        if (ring != null) {
            return;
        }
        RingStore r = allocate(s);
        try {
            liveView = liveViews.open(s);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "live view not available (recording goes on): " + e.getMessage());
        }
        ring = r; // volatile: publishes the live view to the writer thread with it
        Thread t = fileThread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    @Override
    public void write(Image frame) throws IOException {
        RingStore r = ring;
        if (r == null) {
            prepare(shape.get());
            r = ring;
        }
        r.write(frame);
        frames++;
        board.lastFrameNanos = System.nanoTime();
        board.cameraFrames = frames;
        updateStatus(r);
        Thread t = fileThread;
        if (t != null) {
            LockSupport.unpark(t);
        }
        if (liveView != null) {
            liveView.offer(frame);
        }
    }

    private RingStore allocate(StreamShape s) {
        double fps = s.framesPerSecond() > 0 ? s.framesPerSecond() : 30;
        int frameBytes = s.maxFrameBytes();
        long wanted = (long) Math.ceil(pre.toNanos() / 1e9 * fps) + slackFrames;
        int capacity = (int) Math.max(2, Math.min(wanted, 100_000));
        // at least two frames of the largest size, whatever the cap says: a ring of one cannot hand frames over
        RingStore r = new RingStore(capacity, frameBytes, Math.max(maxBytes, 2L * frameBytes),
                io.framereel.storage.MonotonicClock.SYSTEM);
        board.ringCapacity = capacity;
        if (s.format().isCompressed()) {
            LOG.log(System.Logger.Level.INFO, String.format(Locale.ROOT, "pre-trigger ring: up to %d frames "
                    + "(%.2f s at %.2f fps) of their own size, at most %.1f MiB (frames of up to %d bytes)",
                    capacity, capacity / fps, fps, r.maxBytes() / (double) (1 << 20), frameBytes));
        } else {
            long fit = Math.min(capacity, r.maxBytes() / Math.max(1, frameBytes));
            // what a trigger can reach back to; the slack frames only matter while a slow disk lags behind the camera
            if (fit < wanted) {
                LOG.log(System.Logger.Level.WARNING, String.format(Locale.ROOT, "trigger.pre-max-bytes (%d MiB) "
                                + "holds %d frames of %d bytes: %.2f s before a trigger instead of %.2f s; raise it or "
                                + "lower the size", maxBytes >> 20, fit, frameBytes, fit / fps, pre.toNanos() / 1e9));
            }
            LOG.log(System.Logger.Level.INFO, String.format(Locale.ROOT, "pre-trigger ring: %d frames x %d bytes "
                    + "(%.1f MiB): %.2f s before a trigger at %.2f fps", fit, frameBytes,
                    fit * (double) frameBytes / (1 << 20), fit / fps, fps));
            // raw frames are all the size they announce: what the cap holds is known now, and was said above
            board.ringCapacity = (int) fit;
            warnedFull = true;
        }
        return r;
    }

    /**
     * Keeps the status's view of the ring current: frames held, memory taken and the seconds they span. Tells
     * once when compressed frames fill the byte cap before the pre-trigger seconds, since only then is it known.
     */
    private void updateStatus(RingStore r) {
        int fill = r.fill();
        board.ringFill = fill;
        board.ringBytes = r.bytesAllocated();
        long newest = r.head() - 1;
        long first = r.timestampOf(newest - fill + 1);
        long last = r.timestampOf(newest);
        if (first != Image.NO_TIMESTAMP && last != Image.NO_TIMESTAMP && fill > 1) {
            // n frames span n intervals of the rate: the first one also shows the moment before it
            board.ringSeconds = (last - first) / 1e9 * fill / (fill - 1);
        }
        if (!warnedFull && frames > r.capacity() && fill + slackFrames < r.capacity()
                && r.bytesAllocated() == r.maxBytes()) {
            warnedFull = true;
            LOG.log(System.Logger.Level.WARNING, String.format(Locale.ROOT, "trigger.pre-max-bytes (%d MiB) is "
                    + "full with %d frames: %.2f s before a trigger instead of %.2f s; raise it or lower the size",
                    maxBytes >> 20, fill, board.ringSeconds, pre.toNanos() / 1e9));
        }
    }

    @Override
    public long syncCount() {
        return 0;
    }

    @Override
    public String describe() {
        RingStore r = ring;
        return r == null ? "pre-trigger ring" : r.toString();
    }

    @Override
    public void close() {
        closed = true;
        if (liveView != null) {
            liveView.close();
            liveView = null;
        }
        RingStore r = ring;
        if (r != null) {
            r.close();
        }
        Thread t = fileThread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }
}
