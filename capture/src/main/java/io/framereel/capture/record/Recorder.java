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
 * <p>Recording stops at the frame or time limit, on {@link #stop()}, or at the first camera or storage error; in
 * every case the store is closed, so everything stored stays readable, and the error is in the summary.
 */
public final class Recorder {
    /** How long the camera may stay silent before recording fails. */
    static final long NO_FRAME_TIMEOUT_MS = 5000;
    private static final long POLL_MS = 250;

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

    /** Called on the thread that called {@link #record} about every {@code progressMs} while recording. */
    @FunctionalInterface
    public interface ProgressListener {
        void progress(long stored, long dropped, long elapsedNanos);
    }

    private final FrameSource source;
    private final FrameStore store;
    private final int slotCount;
    private final Limits limits;
    private final CapturedFrame frame = new CapturedFrame();

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
        this.source = source;
        this.store = store;
        this.slotCount = slotCount;
        this.limits = limits;
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
        try {
            store.prepare(shape);
        } catch (IOException | RuntimeException e) {
            try {
                source.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            closeQuietly(e);
            throw e;
        }
        slots = new FrameSlots(slotCount, shape.maxFrameBytes());
        Thread writer = new Thread(this::writeLoop, "framereel-writer");
        Thread capture = new Thread(this::captureLoop, "framereel-capture");
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
        return new RecordingSummary(shape.description(), store.describe(), stored, source.droppedFrames(),
                droppedByStorage, unusable, payloadBytes, span, store.syncCount(), Optional.ofNullable(error));
    }

    private void captureLoop() {
        long silentSince = System.nanoTime();
        try {
            while (!stopRequested) {
                ByteBuffer dst = slots.claim();
                if (!source.next(dst, frame, POLL_MS)) {
                    if (System.nanoTime() - silentSince > TimeUnit.MILLISECONDS.toNanos(NO_FRAME_TIMEOUT_MS)) {
                        throw new IOException("no frame from the camera for " + NO_FRAME_TIMEOUT_MS + " ms");
                    }
                    continue;
                }
                silentSince = System.nanoTime();
                if (firstTimestamp == Long.MIN_VALUE) {
                    firstTimestamp = frame.timestampNanos;
                }
                if (limits.maxNanos() > 0 && frame.timestampNanos - firstTimestamp >= limits.maxNanos()) {
                    break;
                }
                if (dst == null) {
                    droppedByStorage++;
                    continue;
                }
                dst.limit(frame.bytes).position(0);
                slots.claimedImage().set(shape.width(), shape.height(), shape.format(), dst, Image.NO_ELAPSED,
                        frame.timestampNanos);
                slots.publish();
                published++;
                if (limits.maxFrames() > 0 && published >= limits.maxFrames()) {
                    break;
                }
            }
        } catch (IOException | RuntimeException | Error e) {
            captureError = e;
        } finally {
            captureDone = true;
            try {
                source.close();
            } catch (IOException e) {
                if (captureError == null) {
                    captureError = e;
                } else {
                    captureError.addSuppressed(e);
                }
            }
            slots.wakeWriter();
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
                    LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(10));
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

    private void closeQuietly(Exception primary) {
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
