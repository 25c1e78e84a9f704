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
        board.ringFill = r.fill();
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
        int slotBytes = s.maxFrameBytes();
        long wanted = (long) Math.ceil(pre.toNanos() / 1e9 * fps) + slackFrames;
        long fit = Math.max(2, maxBytes / Math.max(1, slotBytes));
        int capacity = (int) Math.min(Math.min(wanted, fit), 100_000);
        // what a trigger can reach back to; the slack frames only matter while a slow disk lags behind the camera
        double seconds = capacity / fps;
        if (capacity < wanted) {
            LOG.log(System.Logger.Level.WARNING, String.format(Locale.ROOT, "trigger.pre-max-bytes (%d MiB) holds %d "
                            + "frames of %d bytes: %.2f s before a trigger instead of %.2f s; raise it or lower the size",
                    maxBytes >> 20, capacity, slotBytes, seconds, pre.toNanos() / 1e9));
        }
        LOG.log(System.Logger.Level.INFO, String.format(Locale.ROOT, "pre-trigger ring: %d frames x %d bytes "
                + "(%.1f MiB): %.2f s before a trigger at %.2f fps", capacity, slotBytes,
                capacity * (double) slotBytes / (1 << 20), seconds, fps));
        board.ringCapacity = capacity;
        board.ringSeconds = seconds;
        return new RingStore(capacity, slotBytes, io.framereel.storage.MonotonicClock.SYSTEM);
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
