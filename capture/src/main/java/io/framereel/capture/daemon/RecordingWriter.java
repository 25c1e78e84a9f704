package io.framereel.capture.daemon;

import io.framereel.storage.Image;
import io.framereel.storage.SyncPolicy;
import io.framereel.storage.file.FileStream;
import io.framereel.storage.memory.RingReader;
import io.framereel.storage.memory.RingStore;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * The file thread of one camera session: copies frames from the pre-trigger ring into recording files as the
 * {@link Triggers} ask. On start it begins with the ring's frames of the last {@code trigger.pre} seconds, then
 * follows the live frames in order; on stop it keeps going for {@code trigger.post} seconds of camera time. It
 * rotates files by frames, bytes or duration without losing or repeating a frame, stops cleanly when free space
 * falls below the minimum (and starts a new file when it returns), and takes snapshots. Every frame is copied
 * exactly once from the ring into a file, and a file is committed (renamed from {@code .part}) only once closed
 * and synced.
 *
 * <p>Runs on its own thread until the ring is closed (camera lost or daemon stopping) and everything in it that
 * belongs to a recording has been written; then the open file is closed and committed.
 */
final class RecordingWriter implements Runnable {
    private static final System.Logger LOG = System.getLogger(RecordingWriter.class.getName());
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** Frames copied before triggers and free space are looked at again. */
    private static final int BATCH = 32;

    private final DaemonConfig config;
    private final RecordingFiles files;
    private final Triggers triggers;
    private final PreTriggerRing ring;
    private final StatusBoard board;
    private final FreeSpace space;
    private final Supplier<LocalDateTime> clock;

    private RingReader reader;
    private FileStream stream;
    private Path part;
    private long fileFrames;
    private long fileFirstTimestamp;
    /** Camera time after which a stopping recording ends; NONE while recording on. */
    private long stopAfter = NONE;
    private static final long NONE = Long.MIN_VALUE;
    /** One past the last frame of this ring written to any file, so a new file never repeats one. */
    private long nextUnwritten;
    private boolean storageFull;
    private long storageFullSinceNanos;
    private long lostReported;

    RecordingWriter(DaemonConfig config, RecordingFiles files, Triggers triggers, PreTriggerRing ring,
            StatusBoard board, FreeSpace space, Supplier<LocalDateTime> clock) {
        this.config = config;
        this.files = files;
        this.triggers = triggers;
        this.ring = ring;
        this.board = board;
        this.space = space;
        this.clock = clock;
    }

    @Override
    public void run() {
        ring.fileThread(Thread.currentThread());
        triggers.applier(Thread.currentThread());
        try {
            loop();
        } catch (IOException | RuntimeException e) {
            board.error("file thread: " + e.getMessage());
            LOG.log(System.Logger.Level.ERROR, "file thread failed: " + e.getMessage(), e);
        } finally {
            finishFile("camera session ended");
            if (reader != null) {
                reader.close();
            }
        }
    }

    private void loop() throws IOException {
        while (true) {
            RingStore r = ring.ring();
            boolean closed = ring.isClosed();
            if (r == null) {
                if (closed) {
                    return;
                }
                LockSupport.parkNanos(this, IDLE_PARK_NANOS);
                continue;
            }
            if (reader == null) {
                reader = r.reader();
            }
            while (triggers.takeSnapshot()) {
                snapshot(r);
            }
            if (stream == null) {
                if (triggers.wanted() && !closed && mayStart()) {
                    start(r);
                } else {
                    board.state = triggers.wanted() && storageFull ? DaemonState.DISK_FULL : DaemonState.IDLE;
                }
            }
            boolean progressed = stream != null && copy(r);
            if (stream != null && closed && reader.next() >= r.head()) {
                finishFile("the camera stopped");
            }
            if (closed && stream == null) {
                return;
            }
            if (!progressed) {
                LockSupport.parkNanos(this, IDLE_PARK_NANOS);
            }
        }
    }

    /** Whether there is room for a new file (re-measured now); reports the transition into and out of "full". */
    private boolean mayStart() throws IOException {
        long free = space.measure();
        board.freeBytes = free;
        if (storageFull) {
            boolean waited = System.nanoTime() - storageFullSinceNanos >= config.reopenInterval.toNanos();
            if (!waited || !space.enoughToResume(free)) {
                return false;
            }
            storageFull = false;
            LOG.log(System.Logger.Level.INFO, (free >> 20) + " MiB free again: recording resumes");
            return true;
        }
        if (space.belowMinimum(free)) {
            enterStorageFull("only " + free + " bytes free in " + files.directory() + ", below store.min-free ("
                    + space.minFree() + ")");
            return false;
        }
        return true;
    }

    /**
     * Starts a file with the frames of the last {@code trigger.pre} before the trigger. The window is counted back
     * from the moment the trigger was asked for, not from now: opening a file can take a moment (a cold JVM, a
     * slow card), and those frames are already in the ring. Frame timestamps are on the camera's clock, so the
     * trigger's age is taken off the newest frame's timestamp rather than compared with a timestamp directly.
     */
    private void start(RingStore r) throws IOException {
        long newest = r.timestampOf(r.head() - 1);
        long from;
        if (newest == Image.NO_TIMESTAMP) {
            from = r.head();
        } else {
            long sinceTrigger = Math.max(0, System.nanoTime() - triggers.wantedSinceNanos());
            from = r.firstAtOrAfter(newest - sinceTrigger - config.pre.toNanos());
        }
        from = Math.max(from, nextUnwritten);
        long before = Math.max(0, r.head() - from);
        reader.seek(from);
        stopAfter = NONE;
        openFile();
        LOG.log(System.Logger.Level.INFO, "recording to " + part + " (starting " + before + " frames back)");
    }

    private void openFile() throws IOException {
        part = files.createPart(clock.get(), "");
        try {
            stream = RecordingFiles.open(part, config.sync);
        } catch (IOException e) {
            // the empty part file holds nothing; leave the directory as it was
            java.nio.file.Files.deleteIfExists(part);
            part = null;
            throw e;
        }
        fileFrames = 0;
        fileFirstTimestamp = Image.NO_TIMESTAMP;
        board.currentFile = part;
        board.currentFileFrames = 0;
        board.state = DaemonState.RECORDING;
    }

    /** Copies up to a batch of frames; returns whether any frame was copied or skipped. */
    private boolean copy(RingStore r) throws IOException {
        if (!triggers.wanted()) {
            if (stopAfter == NONE) {
                long newest = r.timestampOf(r.head() - 1);
                stopAfter = (newest == Image.NO_TIMESTAMP ? 0 : newest) + config.post.toNanos();
                board.state = DaemonState.FINISHING;
            }
        } else if (stopAfter != NONE) {
            stopAfter = NONE; // started again within the post-trigger time: the same file goes on
            board.state = DaemonState.RECORDING;
        }
        int n = 0;
        while (stream != null && n < BATCH && reader.next() < r.head()) {
            long seq = Math.max(reader.next(), r.oldest());
            long ts = r.timestampOf(seq);
            if (stopAfter != NONE && ts != Image.NO_TIMESTAMP && ts > stopAfter) {
                finishFile("stopped");
                return true;
            }
            if (rotationDue(ts)) {
                rotate();
            }
            int copied;
            try {
                copied = reader.drainTo(stream, seq + 1);
            } catch (IOException e) {
                storageFailed(e);
                return true;
            }
            if (copied > 0 && fileFirstTimestamp == Image.NO_TIMESTAMP) {
                fileFirstTimestamp = ts;
            }
            fileFrames += copied;
            nextUnwritten = reader.next();
            board.currentFileFrames = fileFrames;
            board.framesRecorded += copied;
            n++;
        }
        reportLost();
        if (stream != null) {
            long free = space.recent();
            board.freeBytes = free;
            if (space.belowMinimum(free)) {
                enterStorageFull("free space in " + files.directory() + " fell to " + free
                        + " bytes, below store.min-free (" + space.minFree() + ")");
                finishFile("disk nearly full");
            }
        }
        return n > 0;
    }

    private boolean rotationDue(long ts) throws IOException {
        if (fileFrames == 0) {
            return false;
        }
        return config.maxFrames > 0 && fileFrames >= config.maxFrames
                || config.maxBytes > 0 && stream.size() >= config.maxBytes
                || !config.maxDuration.isZero() && ts != Image.NO_TIMESTAMP && fileFirstTimestamp != Image.NO_TIMESTAMP
                        && ts - fileFirstTimestamp >= config.maxDuration.toNanos();
    }

    private void reportLost() {
        long lost = reader.lostFrames();
        if (lost > lostReported) {
            board.droppedByStorage += lost - lostReported;
            LOG.log(System.Logger.Level.WARNING, (lost - lostReported) + " frames overwritten in the ring before "
                    + "they reached the disk (the disk is slower than the camera)");
            lostReported = lost;
        }
    }

    /** A write failed (the disk filled up under us, or an I/O error): the stream still ends at its last whole frame. */
    private void storageFailed(IOException e) {
        enterStorageFull("writing " + part + " failed: " + e.getMessage());
        finishFile("storage error");
    }

    private void enterStorageFull(String why) {
        if (!storageFull) {
            LOG.log(System.Logger.Level.ERROR, why + "; recording stops and resumes when space returns");
        }
        storageFull = true;
        storageFullSinceNanos = System.nanoTime();
        board.error(why);
        board.state = DaemonState.DISK_FULL;
    }

    /** The next file of the same recording; the state stays "recording" throughout. */
    private void rotate() throws IOException {
        DaemonState state = board.state;
        finishFile("rotated");
        board.state = state;
        openFile();
    }

    /** Closes (syncing) and commits the open file, if any. Never throws: a failure leaves a .part for recovery. */
    private void finishFile(String why) {
        if (stream == null) {
            return;
        }
        FileStream s = stream;
        Path p = part;
        long frames = fileFrames;
        stream = null;
        part = null;
        stopAfter = NONE;
        board.currentFile = null;
        board.currentFileFrames = 0;
        try {
            s.close();
            if (frames == 0) {
                // stopped or cut off before its first frame: a file with nothing in it is no recording
                java.nio.file.Files.delete(p);
                LOG.log(System.Logger.Level.INFO, "removed " + p + ": no frame (" + why + ")");
            } else {
                Path done = files.commit(p);
                board.lastFile = done;
                board.filesCompleted++;
                LOG.log(System.Logger.Level.INFO, "closed " + done + ": " + frames + " frames (" + why + ")");
            }
        } catch (IOException | RuntimeException e) {
            board.error("closing " + p + ": " + e.getMessage());
            LOG.log(System.Logger.Level.ERROR, "closing " + p + " failed (" + e.getMessage() + "); it stays a "
                    + RecordingFiles.PART + " file and is repaired at the next start");
        }
        if (!storageFull) {
            board.state = DaemonState.IDLE;
        }
    }

    /** Saves the newest frame as a one-frame recording named ...-snapshot.bin. */
    private void snapshot(RingStore r) {
        long seq = r.head() - 1;
        if (seq < 0) {
            LOG.log(System.Logger.Level.WARNING, "snapshot: no frame yet");
            return;
        }
        Path p = null;
        try (RingReader one = r.reader()) {
            p = files.createPart(clock.get(), "snapshot");
            try (FileStream s = RecordingFiles.open(p, SyncPolicy.NEVER)) {
                one.seek(seq);
                if (one.drainTo(s, seq + 1) != 1) {
                    throw new IOException("the frame was overwritten while being copied");
                }
            }
            Path done = files.commit(p);
            board.snapshots++;
            LOG.log(System.Logger.Level.INFO, "snapshot " + done);
        } catch (IOException e) {
            board.error("snapshot failed: " + e.getMessage());
            LOG.log(System.Logger.Level.ERROR, "snapshot failed: " + e.getMessage()
                    + (p == null ? "" : " (" + p + " left for recovery)"));
        }
    }
}
