package io.framereel.capture.record;

import io.framereel.capture.source.CapturedFrame;
import io.framereel.capture.source.FrameSource;
import io.framereel.capture.source.StreamShape;
import io.framereel.storage.Image;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Records a source into a store on two threads of its own: the capture thread dequeues each frame and converts it
 * into a free slot (the one copy), the writer thread stores published slots in order. The capture thread never
 * waits for storage: when every slot is still waiting to be written, it gives the frame straight back to the
 * camera and counts it as dropped by storage. Frames are therefore dropped and counted, never corrupted, and a
 * slow disk never makes the camera overrun its own buffers.
 *
 * <p>With zero copy, the capture thread instead lends each frame's camera buffer to the writer, which stores it
 * from there and hands it back through the same slots; the camera's spare buffers are then what absorbs a slow
 * disk. Formats that are converted or padded cannot be lent.
 *
 * <p>Recording stops at the frame or time limit, on {@link #stop()}, or at the first camera or storage error; in
 * every case the store is closed, so everything stored stays readable, and the error is in the summary.
 */
public final class Recorder {
    /** How long the camera may stay silent before recording fails. */
    static final long NO_FRAME_TIMEOUT_MS = 5000;
    private static final long POLL_MS = 250;
    private static final long WRITER_BACKSTOP_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** When to stop by itself: after this many stored frames or this much camera time (0 = no limit). */
    public record Limits(long maxFrames, long maxNanos) {
        public static final Limits NONE = new Limits(0, 0);

        public static Limits frames(long n) {
            return new Limits(n, 0);
        }

        public static Limits seconds(double s) {
            return new Limits(0, (long) (s * 1e9));
        }
    }

    /** How a frame gets from the capture thread to the writer thread. */
    public enum Handoff {
        /** Copied (or converted) into a slot of the recorder's, whose buffers absorb a slow store. */
        COPY,
        /** Lent: the camera's own buffer goes to the writer ({@link FrameSource#lend}); refused if it cannot be. */
        LEND,
        /** Lent when the source can lend its frames once started, copied otherwise. */
        LEND_WHEN_POSSIBLE,
        /**
         * Lent when the source can lend at least half as many frames as the slots would hold, so that a disk that
         * stalls is absorbed nearly as well as by the slots; copied otherwise.
         */
        LEND_WITH_SLACK
    }

    /** Called on the thread that called {@link #record} about every {@code progressMs} while recording. */
    @FunctionalInterface
    public interface ProgressListener {
        void progress(long stored, long dropped, long elapsedNanos);
    }

    private final FrameSource source;
    private final FrameStore store;
    private final int slotCount;
    private final Limits limits;
    private final Handoff handoff;
    private final CapturedFrame frame = new CapturedFrame();
    /** With zero copy: the loan each slot holds, given back once the writer is done with the slot. */
    private int[] slotLoans;

    private volatile boolean stopRequested;
    private volatile boolean captureDone;
    private volatile long stored;
    private volatile long published;
    private volatile long droppedByStorage;
    private volatile long payloadBytes;
    private volatile long firstTimestamp = Long.MIN_VALUE;
    private volatile long lastStoredTimestamp = Long.MIN_VALUE;
    private volatile Throwable captureError;
    private volatile Throwable writeError;
    private FrameSlots slots;
    private StreamShape shape;

    /**
     * @param slotCount frames that may wait for the writer (each a pre-allocated direct buffer of the source's
     *                  largest frame); a second's worth absorbs the stalls of an SD card
     */
    public Recorder(FrameSource source, FrameStore store, int slotCount, Limits limits) {
        this(source, store, slotCount, limits, Handoff.COPY);
    }

    /**
     * @param slotCount with {@link Handoff#COPY}, or when a source cannot lend: frames that may wait for the
     *                  writer (see above); unused while frames are lent, as the camera's buffers bound them
     * @param handoff   whether frames are copied into slots or lent from the camera's buffers
     */
    public Recorder(FrameSource source, FrameStore store, int slotCount, Limits limits, Handoff handoff) {
        this.source = source;
        this.store = store;
        this.slotCount = slotCount;
        this.limits = limits;
        this.handoff = handoff;
    }

    /**
     * The camera buffers {@link Handoff#LEND_WITH_SLACK} needs to spare before it lends instead of copying into
     * {@code slotCount} slots: half as many, rounded up.
     */
    public static int spareFramesToLend(int slotCount) {
        return (slotCount + 1) / 2;
    }

    /** Asks the recording to end after the frame in hand; safe from any thread, e.g. a signal handler. */
    public void stop() {
        stopRequested = true;
    }

    /** The shape the source started with, once {@link #record} has started it. */
    public StreamShape shape() {
        return shape;
    }

    /**
     * Starts the source, records until a limit, {@link #stop()} or an error, closes source and store, and reports.
     * Errors while recording are in the summary; only a source that cannot start throws.
     */
    public RecordingSummary record(ProgressListener listener, long progressMs) throws IOException {
        try {
            shape = source.start();
        } catch (IOException | RuntimeException e) {
            closeQuietly(e);
            throw e;
        }
        int lendable = handoff == Handoff.COPY ? 0 : source.lendableFrames();
        boolean lending = lendable > 0
                && (handoff != Handoff.LEND_WITH_SLACK || lendable >= spareFramesToLend(slotCount));
        try {
            if (handoff == Handoff.LEND && !lending) {
                throw new IOException(shape.description() + ": these frames are converted or padded, or the camera "
                        + "keeps too few buffers to lend one, so they cannot be stored without a copy");
            }
            store.prepare(shape);
            // Lent frames occupy a slot without a buffer of its own; the camera's buffers bound them, not the slots.
            slots = lending ? new FrameSlots(Math.max(2, lendable), 0)
                    : new FrameSlots(slotCount, shape.maxFrameBytes());
            source.startStreaming(); // only now: the camera's few buffers must not fill while the file opens
        } catch (IOException | RuntimeException | Error e) {
            // An Error too: slots of large frames can exhaust direct memory, and the camera's mapped buffers and
            // the store must still be released.
            try {
                source.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            closeQuietly(e);
            throw e;
        }
        slotLoans = new int[slots.capacity()];
        Thread writer = new Thread(this::writeLoop, "framereel-writer");
        Thread capture = new Thread(lending ? () -> lendingCaptureLoop(lendable, writer) : this::captureLoop,
                "framereel-capture");
        slots.writer(writer);
        writer.start();
        capture.start();
        long started = System.nanoTime();
        try {
            while (writer.isAlive()) {
                writer.join(Math.max(1, progressMs));
                if (listener != null && writer.isAlive()) {
                    listener.progress(stored, droppedByStorage + source.droppedFrames(), System.nanoTime() - started);
                }
            }
            capture.join();
        } catch (InterruptedException e) {
            stop();
            Thread.currentThread().interrupt();
            joinUninterruptibly(writer);
            joinUninterruptibly(capture);
        }
        long unusable = source.unusableFrames();
        Throwable error = captureError != null ? captureError : writeError;
        if (captureError != null && writeError != null) {
            captureError.addSuppressed(writeError);
        }
        long span = stored < 2 ? 0 : lastStoredTimestamp - firstTimestamp;
        return new RecordingSummary(shape.description(), store.describe(), lending, stored, source.droppedFrames(),
                droppedByStorage, unusable, payloadBytes, span, store.syncCount(), Optional.ofNullable(error));
    }

    private void captureLoop() {
        long silentSince = System.nanoTime();
        try {
            while (!stopRequested) {
                ByteBuffer dst = slots.claim();
                if (!source.next(dst, frame, POLL_MS)) {
                    failIfSilentSince(silentSince);
                    continue;
                }
                silentSince = System.nanoTime();
                if (beyondTimeLimit()) {
                    break;
                }
                if (dst == null) {
                    droppedByStorage++;
                    continue;
                }
                if (publishReachingFrameLimit(dst.limit(frame.bytes).position(0))) {
                    break;
                }
            }
        } catch (IOException | RuntimeException | Error e) {
            captureError = e;
        } finally {
            captureDone = true;
            slots.wakeWriter(); // the slots are ours: the writer may finish while the camera stops
            closeSource();
        }
    }

    /**
     * The zero-copy capture loop: each frame's camera buffer goes to the writer in a slot and comes back to the
     * camera once the writer has released that slot. The camera may only be closed after the writer has stopped
     * reading, because closing unmaps the buffers.
     */
    private void lendingCaptureLoop(int lendable, Thread writer) {
        long silentSince = System.nanoTime();
        long givenBack = 0;
        try {
            while (!stopRequested) {
                givenBack = giveBackWritten(givenBack);
                if (!source.lend(frame, POLL_MS)) {
                    failIfSilentSince(silentSince);
                    continue;
                }
                silentSince = System.nanoTime();
                givenBack = giveBackWritten(givenBack);
                if (beyondTimeLimit()) {
                    source.giveBack(frame.loan);
                    break;
                }
                if (published - givenBack >= lendable) {
                    source.giveBack(frame.loan); // the writer holds every buffer the camera can spare
                    droppedByStorage++;
                    continue;
                }
                slotLoans[slots.claimedIndex()] = frame.loan;
                if (publishReachingFrameLimit(frame.lent)) {
                    break;
                }
            }
        } catch (IOException | RuntimeException | Error e) {
            captureError = e;
        } finally {
            captureDone = true;
            slots.wakeWriter();
            joinUninterruptibly(writer); // closing the camera unmaps the buffers the writer may still be reading
            try {
                if (captureError == null) {
                    giveBackWritten(givenBack);
                }
            } catch (IOException | RuntimeException e) {
                captureError = e;
            }
            closeSource();
        }
    }

    /** Notes the first frame's time; true once the frame in hand lies beyond the time limit. */
    private boolean beyondTimeLimit() {
        if (firstTimestamp == Long.MIN_VALUE) {
            firstTimestamp = frame.timestampNanos;
        }
        return limits.maxNanos() > 0 && frame.timestampNanos - firstTimestamp >= limits.maxNanos();
    }

    /** Hands the frame in hand, whose bytes are {@code payload}, to the writer; true when that was the last one. */
    private boolean publishReachingFrameLimit(ByteBuffer payload) {
        slots.claimedImage().set(shape.width(), shape.height(), shape.format(), payload, Image.NO_ELAPSED,
                frame.timestampNanos);
        slots.publish();
        published++;
        return limits.maxFrames() > 0 && published >= limits.maxFrames();
    }

    private void closeSource() {
        try {
            source.close();
        } catch (IOException | RuntimeException e) {
            if (captureError == null) {
                captureError = e;
            } else {
                captureError.addSuppressed(e);
            }
        }
    }

    /** Gives the camera back the buffers of the slots the writer has finished since {@code givenBack}. */
    private long giveBackWritten(long givenBack) throws IOException {
        long written = slots.consumedCount();
        for (long n = givenBack; n < written; n++) {
            source.giveBack(slotLoans[(int) (n % slotLoans.length)]);
        }
        return written;
    }

    private static void failIfSilentSince(long silentSince) throws IOException {
        if (System.nanoTime() - silentSince > TimeUnit.MILLISECONDS.toNanos(NO_FRAME_TIMEOUT_MS)) {
            throw new IOException("no frame from the camera for " + NO_FRAME_TIMEOUT_MS + " ms");
        }
    }

    private void writeLoop() {
        try {
            while (true) {
                Image next = slots.peek();
                if (next == null) {
                    if (captureDone && slots.pending() == 0) {
                        break;
                    }
                    // Woken by each publish and by the capture thread's end; the timeout is only a backstop.
                    // A short one would wake this thread several times per frame for nothing.
                    LockSupport.parkNanos(this, WRITER_BACKSTOP_NANOS);
                    continue;
                }
                int bytes = next.payloadBytes();
                long ts = next.timestampNanos();
                store.write(next);
                slots.release();
                payloadBytes += bytes;
                lastStoredTimestamp = ts;
                stored++;
            }
        } catch (IOException | RuntimeException | Error e) {
            writeError = e;
            stopRequested = true;
        } finally {
            try {
                store.close();
            } catch (IOException | RuntimeException e) {
                if (writeError == null) {
                    writeError = e;
                } else {
                    writeError.addSuppressed(e);
                }
            }
        }
    }

    private void closeQuietly(Throwable primary) {
        try {
            store.close();
        } catch (IOException | RuntimeException e) {
            primary.addSuppressed(e);
        }
    }

    private static void joinUninterruptibly(Thread t) {
        boolean interrupted = false;
        while (t.isAlive()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
