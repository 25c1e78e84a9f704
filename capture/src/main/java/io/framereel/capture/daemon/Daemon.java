package io.framereel.capture.daemon;

import io.framereel.capture.record.Recorder;
import io.framereel.capture.record.RecordingSummary;
import io.framereel.capture.source.FrameSource;
import io.framereel.capture.source.StreamShape;

import java.io.IOException;
import java.nio.file.Files;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The recorder daemon: keeps the camera streaming into the pre-trigger ring, turns triggers (buttons, the control
 * socket, SIGUSR1, a timer) into recording files, survives a lost camera by reopening it, and tells systemd how
 * it is doing. One camera session at a time: a {@link Recorder} (capture and ring threads) plus a
 * {@link RecordingWriter} (file thread); when the camera fails, the session's files are closed and a new session
 * starts after {@code camera.reopen-interval}.
 *
 * <p>The watchdog is fed from the camera's health, not from a timer: it is pinged only while frames arrive (or
 * while the daemon is knowingly waiting for a lost camera), so a capture thread wedged in the driver gets the
 * service restarted.
 */
public final class Daemon {
    private static final System.Logger LOG = System.getLogger(Daemon.class.getName());
    /**
     * Frames in flight between the capture thread and the ring when they are converted on capture (frames stored
     * as is are lent instead, bounded by camera.buffers): only a memory copy waits on the other side, so a few
     * slots absorb the scheduling hiccups of a busy machine; the ring itself absorbs disk stalls.
     */
    static final int CAPTURE_SLOTS = 8;
    private static final long TICK_MS = 250;
    private static final long STATUS_EVERY_NANOS = 2_000_000_000L;

    private final DaemonConfig config;
    private final ServiceNotifier notifier;
    private final Triggers triggers = new Triggers();
    private final StatusBoard board = new StatusBoard();
    private final RecordingFiles files;
    private final Supplier<FrameSource> cameras;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final AtomicReference<Recorder> session = new AtomicReference<>();
    private volatile boolean stopRequested;
    private volatile Thread mainThread;
    private boolean readySent;
    private long lastStatusNanos;
    private String lastStatus = "";
    private long fpsFrames;
    private long fpsSinceNanos;
    private final HeapTrimmer heapTrimmer = new HeapTrimmer(System.nanoTime());
    private GpioControls gpio;
    /** Frames lost before the ring in camera sessions that have ended, so the status counts since start-up. */
    private long droppedInEarlierSessions;

    public Daemon(DaemonConfig config, ServiceNotifier notifier) {
        this(config, notifier, config.camera::open);
    }

    /** With {@code cameras} making a new, unstarted source for each camera session (tests use synthetic ones). */
    Daemon(DaemonConfig config, ServiceNotifier notifier, Supplier<FrameSource> cameras) {
        this.config = config;
        this.notifier = notifier;
        this.cameras = cameras;
        this.files = new RecordingFiles(config.storeDirectory, config.prefix);
    }

    public Triggers triggers() {
        return triggers;
    }

    public StatusBoard board() {
        return board;
    }

    /**
     * Runs until {@link #requestStop()}: recovers files a crash left open, opens controls, then records. Returns
     * normally after a requested stop with every file closed and committed.
     *
     * @throws IOException when the daemon cannot start at all (store directory, control socket, GPIO chip)
     */
    public void run() throws IOException {
        mainThread = Thread.currentThread();
        ControlServer control = null;
        TimerTrigger timer = null;
        try {
            Files.createDirectories(config.storeDirectory);
            List<RecordingFiles.Recovered> recovered = files.recover();
            for (RecordingFiles.Recovered r : recovered) {
                LOG.log(System.Logger.Level.WARNING, "recovered a recording left open by a crash or power cut: " + r);
            }
            files.warmUp();
            control = ControlServer.start(config.controlSocket, config.controlGroup, triggers, board);
            if (config.gpioChip.isPresent()) {
                gpio = GpioControls.open(config, triggers);
            }
            if (!config.timerPeriod.isZero()) {
                timer = new TimerTrigger(triggers, config.timerPeriod, config.timerRecord);
            }
            if (config.recordAtStart) {
                triggers.start("trigger.record-at-start");
            }
            LOG.log(System.Logger.Level.INFO, "framereel daemon: camera " + config.camera.describe() + ", recordings in "
                    + config.storeDirectory + (recovered.isEmpty() ? "" : ", " + recovered.size() + " recovered"));
            board.camera = config.camera.describe();
            superviseCamera();
        } finally {
            board.state = DaemonState.STOPPING;
            closeQuietly(timer);
            closeQuietly(gpio);
            closeQuietly(control);
            finished.countDown();
        }
    }

    /** Camera sessions, one after another, until a stop is requested. */
    private void superviseCamera() {
        while (!stopRequested) {
            session();
            if (stopRequested) {
                return;
            }
            board.state = DaemonState.CAMERA_LOST;
            board.cameraReopens++;
            if (!readySent) {
                ready(); // up and retrying: systemd should not time the start out while the camera is missing
            }
            long until = System.nanoTime() + config.reopenInterval.toNanos();
            while (!stopRequested && System.nanoTime() < until) {
                tick(true);
                sleep(Math.min(TICK_MS, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
            }
        }
    }

    private void session() {
        FrameSource source = cameras.get();
        PreTriggerRing ring = new PreTriggerRing(() -> session.get().shape(), config.pre, config.preMaxBytes,
                config.slots, board, shape -> config.displayTarget.equals(DaemonConfig.NO_DISPLAY) ? null
                        : LiveView.open(config.displayTarget, shape, config.displayFps));
        // The ring is RAM, so lending it the camera's buffers costs no stall tolerance and saves a frame copy and
        // the slots' memory; converted or padded formats still go through the slots.
        Recorder recorder = new Recorder(source, ring, CAPTURE_SLOTS, Recorder.Limits.NONE,
                Recorder.Handoff.LEND_WHEN_POSSIBLE);
        session.set(recorder);
        if (stopRequested) {
            recorder.stop();
        }
        RecordingWriter writer = new RecordingWriter(config, files, triggers, ring, board,
                new FreeSpace(config.storeDirectory, config.minFreeBytes), LocalDateTime::now);
        Thread fileThread = new Thread(writer, "framereel-files");
        fileThread.start();
        fpsFrames = 0;
        fpsSinceNanos = System.nanoTime();
        try {
            long earlier = droppedInEarlierSessions;
            RecordingSummary summary = recorder.record((stored, dropped, elapsed) -> {
                board.droppedByCamera = earlier + dropped;
                tick(false);
            }, TICK_MS);
            droppedInEarlierSessions += summary.droppedByCamera() + summary.droppedByStorage();
            board.droppedByCamera = droppedInEarlierSessions;
            summary.error().ifPresent(e -> cameraFailed(e.getMessage()));
        } catch (IOException | RuntimeException e) {
            cameraFailed("cannot start: " + e.getMessage());
            ring.close();
        } finally {
            joinUninterruptibly(fileThread);
            session.set(null);
        }
    }

    private void cameraFailed(String why) {
        String message = "camera " + config.camera.describe() + ": " + why;
        board.error(message);
        if (!stopRequested) {
            LOG.log(System.Logger.Level.ERROR, message + "; reopening every " + config.reopenInterval.toMillis() + " ms");
        }
    }

    /** About every 250 ms: fps, LED, systemd status and the watchdog ping when the camera is healthy. */
    private void tick(boolean waitingForCamera) {
        long now = System.nanoTime();
        long frames = board.cameraFrames;
        if (now - fpsSinceNanos >= 1_000_000_000L) {
            board.cameraFps = (frames - fpsFrames) * 1e9 / (now - fpsSinceNanos);
            fpsFrames = frames;
            fpsSinceNanos = now;
        }
        boolean streaming = !waitingForCamera && board.lastFrameNanos != 0
                && now - board.lastFrameNanos < healthyGapNanos();
        if (streaming && !readySent && !stopRequested) {
            ready();
        }
        if (streaming || waitingForCamera) {
            notifier.watchdog();
        }
        if (gpio != null) {
            gpio.show(board.state);
        }
        heapTrimmer.tick(now);
        String status = board.summary();
        if (!status.equals(lastStatus) || now - lastStatusNanos >= STATUS_EVERY_NANOS) {
            notifier.status(status);
            lastStatus = status;
            lastStatusNanos = now;
        }
    }

    /** The longest silence from a healthy camera: a few frame intervals, never less than two seconds. */
    private long healthyGapNanos() {
        Recorder r = session.get();
        StreamShape s = r == null ? null : r.shape();
        double fps = s == null || s.framesPerSecond() <= 0 ? 1 : s.framesPerSecond();
        return Math.max(2_000_000_000L, (long) (5e9 / fps));
    }

    private void ready() {
        readySent = true;
        notifier.ready();
        LOG.log(System.Logger.Level.INFO, "ready: " + board.summary());
    }

    /**
     * Asks the daemon to stop: the recording in progress is closed with everything captured so far. Safe from any
     * thread (a shutdown hook); returns at once.
     */
    public void requestStop() {
        if (stopRequested) {
            return;
        }
        stopRequested = true;
        LOG.log(System.Logger.Level.INFO, "stopping: closing recordings (" + board.summary() + ")");
        notifier.stopping();
        triggers.close();
        board.state = DaemonState.STOPPING;
        Recorder r = session.get();
        if (r != null) {
            r.stop();
        }
        Thread t = mainThread;
        if (t != null) {
            t.interrupt();
        }
    }

    /** Waits for {@link #run()} to return after {@link #requestStop()}; false on timeout. */
    public boolean awaitStopped(long timeout, TimeUnit unit) throws InterruptedException {
        return finished.await(timeout, unit);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            // requestStop interrupts to cut the wait short; the loop condition notices
        }
    }

    private static void joinUninterruptibly(Thread t) {
        while (t.isAlive()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                // requestStop's interrupt: keep waiting, the file thread is closing the recording
            }
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "closing " + c + ": " + e.getMessage());
        }
    }
}
