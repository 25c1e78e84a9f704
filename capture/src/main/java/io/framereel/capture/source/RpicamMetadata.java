package io.framereel.capture.source;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * rpicam-vid's per-frame metadata, read from a FIFO on a thread of its own: each frame's SensorTimestamp by
 * frame index, for the capture thread to pair with the frame it just read from the pipe.
 *
 * <p>Why a FIFO rather than a file to tail: metadata is about 1 KiB a frame, 100 MB an hour at 30 fps; a file
 * would grow without bound (on a Pi, usually the SD card) and tailing it means polling at its end. A FIFO holds
 * at most one pipe buffer, costs no storage, and ends (EOF) when rpicam-vid exits. The price: rpicam-vid opens
 * it before the camera and blocks until a reader opens it too, so this reader must run from the start, and it
 * must keep reading (a full FIFO would block rpicam-vid's output thread, i.e. stall the camera). If rpicam-vid
 * dies before opening it, the reader is still blocked in open(2); {@link #close} then opens the FIFO itself
 * (O_RDWR, which never blocks on Linux) to let that open return and see EOF.
 *
 * <p>Memory ordering: the reader thread alone writes the slots and {@code known}; a slot is written as
 * index := -1, timestamp, index := frame (all volatile, through {@link AtomicLongArray}), so a capture thread that
 * reads the same frame index before and after the timestamp has read that frame's timestamp even if the reader
 * is lapping the ring. Allocates nothing per frame.
 */
final class RpicamMetadata implements RpicamMetadataParser.Listener, Runnable {
    /** No usable timestamp for the frame: none was written, or it was not there in time. */
    static final long MISSING = Long.MIN_VALUE;
    /** Frames the metadata may run ahead of the capture thread (small MJPEG frames queue up in the pipe). */
    private static final int SLOTS = 256;
    private static final long SAFETY_PARK_NANOS = 10_000_000L;
    private static final long JOIN_MS = 2000;
    private static final long POKE_INTERVAL_MS = 20;

    private final Path fifo;
    private final RpicamMetadataParser parser = new RpicamMetadataParser(this);
    private final byte[] chunk = new byte[4096];
    private final AtomicLongArray indexes = new AtomicLongArray(SLOTS);
    private final AtomicLongArray timestamps = new AtomicLongArray(SLOTS);
    private final Thread thread;

    /** Objects begun so far; reader thread only. */
    private long started;
    /** Frames whose timestamp is settled (found, or known to be missing), in order; written by the reader thread. */
    private volatile long known;
    /** Set by the reader thread when the FIFO ended or failed. */
    private volatile boolean ended;
    /** Why reading stopped, if not at EOF; written before {@code ended}. */
    private volatile IOException failure;
    private volatile Thread waiter;

    private RpicamMetadata(Path fifo) {
        this.fifo = fifo;
        for (int i = 0; i < SLOTS; i++) {
            indexes.set(i, -1);
        }
        this.thread = new Thread(this, "framereel-rpicam-metadata");
        thread.setDaemon(true);
    }

    /** Creates the FIFO {@code dir/metadata.json} (mode 600) and starts reading it. */
    static RpicamMetadata start(Path dir) throws IOException {
        Path fifo = dir.resolve("metadata.json");
        mkfifo(fifo);
        RpicamMetadata metadata = new RpicamMetadata(fifo);
        metadata.thread.start();
        return metadata;
    }

    Path fifo() {
        return fifo;
    }

    /**
     * Java cannot make a FIFO, coreutils' mkfifo can (it is on every Raspberry Pi OS and Debian install); run once
     * per recording, so the extra process does not matter.
     */
    private static void mkfifo(Path fifo) throws IOException {
        Process mkfifo = new ProcessBuilder("mkfifo", "-m", "600", fifo.toString()).redirectErrorStream(true).start();
        try {
            String output;
            try (InputStream out = mkfifo.getInputStream()) {
                output = new String(out.readAllBytes(), StandardCharsets.UTF_8).strip();
            }
            if (!mkfifo.waitFor(10, TimeUnit.SECONDS)) {
                mkfifo.destroyForcibly();
                throw new IOException("cannot create the rpicam-vid metadata FIFO " + fifo + ": mkfifo hung");
            }
            if (mkfifo.exitValue() != 0) {
                throw new IOException("cannot create the rpicam-vid metadata FIFO " + fifo + ": mkfifo exited with "
                        + mkfifo.exitValue() + ": " + output);
            }
        } catch (InterruptedException e) {
            mkfifo.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while creating the rpicam-vid metadata FIFO " + fifo, e);
        }
    }

    @Override
    public void run() {
        try (InputStream in = new FileInputStream(fifo.toFile())) { // blocks until rpicam-vid opens it for writing
            int n;
            while ((n = in.read(chunk, 0, chunk.length)) >= 0) {
                parser.feed(chunk, 0, n);
            }
            settleOpenObject();
        } catch (IOException e) {
            failure = e;
        } finally {
            ended = true;
            wake();
        }
    }

    @Override
    public void objectStarted() {
        settleOpenObject();
        started++;
    }

    @Override
    public void sensorTimestamp(long nanos) {
        long frame = started - 1;
        if (frame >= known) {
            store(frame, nanos);
        }
    }

    /** The object before the one starting (or the last, at EOF) had no SensorTimestamp: record that. */
    private void settleOpenObject() {
        if (started > known) {
            store(started - 1, MISSING);
        }
    }

    private void store(long frame, long nanos) {
        int slot = (int) (frame % SLOTS);
        indexes.set(slot, -1);
        timestamps.set(slot, nanos);
        indexes.set(slot, frame);
        known = frame + 1;
        wake();
    }

    private void wake() {
        Thread t = waiter;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /**
     * The SensorTimestamp of frame {@code frame} (0 = the first frame rpicam-vid wrote), waiting for it until
     * {@code deadlineNanos} (System.nanoTime); {@link #MISSING} if it has none, is not there by then, or was
     * overwritten by frames far ahead. Called by one thread at a time.
     */
    long timestamp(long frame, long deadlineNanos) {
        while (known <= frame) {
            long wait = deadlineNanos - System.nanoTime();
            if (ended || wait <= 0) {
                break;
            }
            waiter = Thread.currentThread();
            if (known <= frame && !ended) { // re-check after registering: no lost wake-up
                LockSupport.parkNanos(this, Math.min(wait, SAFETY_PARK_NANOS));
            }
            waiter = null;
        }
        int slot = (int) (frame % SLOTS);
        if (indexes.get(slot) != frame) {
            return MISSING;
        }
        long nanos = timestamps.get(slot);
        return indexes.get(slot) == frame ? nanos : MISSING;
    }

    /** Why the metadata stopped early, or null. */
    IOException failure() {
        return failure;
    }

    /**
     * Stops reading (call after rpicam-vid has exited, which ends the FIFO) and deletes the FIFO. A reader still
     * blocked in open(2), because rpicam-vid died before opening its end, is released by opening the FIFO here.
     */
    void close() throws IOException {
        long deadline = System.nanoTime() + JOIN_MS * 1_000_000L;
        try {
            while (thread.isAlive() && System.nanoTime() < deadline) {
                // O_RDWR on a FIFO returns at once on Linux and counts as a writer: a blocked open returns, and once
                // this is closed no writer is left, so the reader sees EOF. Repeated, because the reader may not
                // have reached its open yet; a reader already past it is not disturbed.
                new RandomAccessFile(fifo.toFile(), "rw").close();
                thread.join(POKE_INTERVAL_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            Files.deleteIfExists(fifo);
        }
        if (thread.isAlive()) {
            throw new IOException("the rpicam-vid metadata reader did not stop within " + JOIN_MS + " ms (" + fifo
                    + ")");
        }
    }
}
