package io.framereel.capture.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framereel.storage.Image;
import io.framereel.storage.ImageIO;
import io.framereel.storage.PixelFormat;
import io.framereel.storage.StreamOptions;
import io.framereel.storage.SyncPolicy;
import io.framereel.storage.file.FileStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon in-process on a numbered synthetic camera and real files: what each trigger leaves on disk, frame
 * for frame.
 */
class DaemonTest {
    private static final double FPS = 100;

    @TempDir
    Path dir;

    final NumberedCamera camera = camera(FPS);
    private Daemon daemon;
    private Thread runner;
    private final List<Throwable> failures = new ArrayList<>();

    /** The camera every test records; {@link LendingDaemonTest} runs them all again with one that lends. */
    NumberedCamera camera(double fps) {
        return new NumberedCamera(fps);
    }

    private Path store() {
        return dir.resolve("rec");
    }

    private Daemon start(Map<String, String> settings) throws Exception {
        Map<String, String> all = new HashMap<>();
        all.put("store.directory", store().toString());
        all.put("control.socket", dir.resolve("ctl.sock").toString());
        all.put("store.min-free", "0");
        all.put("store.sync", "never");
        all.put("camera.reopen-interval", "200ms");
        all.putAll(settings);
        DaemonConfig config = DaemonConfig.defaults(dir.resolve("test.conf"), all);
        daemon = new Daemon(config, ServiceNotifier.NONE, camera::session);
        runner = new Thread(() -> {
            try {
                daemon.run();
            } catch (IOException | RuntimeException e) {
                failures.add(e);
            }
        }, "daemon-under-test");
        runner.start();
        return daemon;
    }

    @AfterEach
    void stopDaemon() throws Exception {
        if (daemon != null) {
            daemon.requestStop();
            assertTrue(daemon.awaitStopped(10, TimeUnit.SECONDS), "the daemon stops within 10 s");
            runner.join(5000);
        }
        assertTrue(failures.isEmpty(), () -> "daemon failed: " + failures);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    private List<Path> recordings() throws IOException {
        try (Stream<Path> s = Files.list(store())) {
            return s.filter(p -> p.toString().endsWith(".bin") && !p.toString().contains("snapshot")).sorted().toList();
        }
    }

    /**
     * No frame repeated and none skipped except those the daemon counted as dropped: on a loaded machine the
     * capture thread may find every slot busy, which is counted, never hidden.
     */
    private void assertConsecutive(List<Long> numbers) {
        long skipped = 0;
        for (int i = 1; i < numbers.size(); i++) {
            long step = numbers.get(i) - numbers.get(i - 1);
            assertTrue(step >= 1, "frame " + i + " (" + numbers.get(i) + ") repeats or goes back after "
                    + numbers.get(i - 1));
            skipped += step - 1;
        }
        long counted = daemon.board().dropped();
        assertTrue(skipped <= counted, skipped + " frames missing between the first and last, " + counted
                + " counted as dropped");
    }

    @Test
    void aRecordingStartsWithTheFramesFromBeforeTheTriggerAndGoesOnWithoutGapOrRepeat() throws Exception {
        start(Map.of("trigger.pre", "300ms", "trigger.post", "100ms"));
        await("the ring to hold more than the pre-trigger time", () -> camera.next.get() > 60);
        long atTrigger = camera.next.get();
        daemon.triggers().start("test");
        Thread.sleep(300);
        daemon.triggers().stop("test");
        long atStop = camera.next.get();
        await("the file to be committed", () -> daemon.board().filesCompleted() == 1);

        List<Path> files = recordings();
        assertEquals(1, files.size());
        List<Long> n = NumberedCamera.numbers(files.get(0));
        assertConsecutive(n);
        long preFrames = atTrigger - n.get(0);
        assertTrue(preFrames >= 24 && preFrames <= 36, "about 300 ms = 30 frames before the trigger, was " + preFrames);
        long postFrames = n.get(n.size() - 1) - atStop;
        assertTrue(postFrames >= 5 && postFrames <= 20, "about 100 ms = 10 frames after the stop, was " + postFrames);
        try (ImageIO in = ImageIO.open(files.get(0), "r")) {
            in.read(false, false, false);
            for (int i = 1; i < in.count(); i++) {
                assertEquals(10, in.read(false, false, false).elapsedMs(), "frame " + i + " is 10 ms after the last");
            }
        }
        assertFalse(Files.exists(Path.of(files.get(0) + RecordingFiles.PART)));
    }

    @Test
    void compressedFramesTakeTheirOwnSizeInTheRingSoASmallCapStillHoldsThePreTriggerSeconds() throws Exception {
        // announces 32 KiB frames and sends 2 KiB ones: 1 MiB of fixed slots would hold 32 frames (0.32 s)
        camera.announcedBytes = 16 * NumberedCamera.W * NumberedCamera.H;
        start(Map.of("trigger.pre", "500ms", "trigger.pre-max-bytes", "1M", "trigger.post", "0s"));
        await("the ring to hold the pre-trigger time", () -> camera.next.get() > 120);
        StatusBoard board = daemon.board();
        assertEquals(board.ringCapacity, board.ringFill, "50 frames of pre-trigger and 16 of slack held");
        assertTrue(board.ringBytes <= 1 << 20, board.ringBytes + " bytes");
        assertTrue(board.ringSeconds > 0.6, "the status says how far back the ring reaches: " + board.ringSeconds);
        long atTrigger = camera.next.get();
        daemon.triggers().start("test");
        Thread.sleep(100);
        daemon.triggers().stop("test");
        await("the file to be committed", () -> daemon.board().filesCompleted() == 1);

        List<Long> n = NumberedCamera.numbers(recordings().get(0));
        assertConsecutive(n);
        long preFrames = atTrigger - n.get(0);
        assertTrue(preFrames >= 40 && preFrames <= 60, "about 500 ms = 50 frames before the trigger, was " + preFrames);
        try (ImageIO in = ImageIO.open(recordings().get(0), "r")) {
            Image first = in.read(false, false, false);
            assertEquals(PixelFormat.JPEG, first.format());
            assertEquals(NumberedCamera.W * NumberedCamera.H, first.payload().remaining(), "stored at its own size");
        }
    }

    @Test
    void filesRotateAtTheFrameLimitWithoutLosingOrRepeatingAFrame() throws Exception {
        start(Map.of("trigger.pre", "0", "trigger.post", "0", "store.max-frames", "25"));
        await("streaming", () -> camera.next.get() > 5);
        daemon.triggers().start("test");
        await("three full files", () -> daemon.board().filesCompleted() >= 3);
        daemon.triggers().stop("test");
        await("the last file", () -> daemon.board().state() == DaemonState.IDLE);

        List<Long> all = new ArrayList<>();
        List<Path> files = recordings();
        assertTrue(files.size() >= 4, "files: " + files);
        for (int i = 0; i < files.size(); i++) {
            List<Long> n = NumberedCamera.numbers(files.get(i));
            if (i < files.size() - 1) {
                assertEquals(25, n.size(), files.get(i) + " holds store.max-frames frames");
            }
            all.addAll(n);
        }
        assertConsecutive(all);
    }

    @Test
    void startingAgainRightAfterAStopNeverRepeatsAFrameFromTheRing() throws Exception {
        start(Map.of("trigger.pre", "500ms", "trigger.post", "0"));
        await("a full ring", () -> camera.next.get() > 80);
        daemon.triggers().start("test");
        Thread.sleep(150);
        daemon.triggers().stop("test");
        await("the first file", () -> daemon.board().filesCompleted() == 1);
        daemon.triggers().start("test");
        Thread.sleep(150);
        daemon.triggers().stop("test");
        await("the second file", () -> daemon.board().filesCompleted() == 2);

        List<Path> files = recordings();
        List<Long> first = NumberedCamera.numbers(files.get(0));
        List<Long> second = NumberedCamera.numbers(files.get(1));
        assertEquals(first.get(first.size() - 1) + 1, second.get(0),
                "the second recording's pre-trigger frames begin after the first recording's last frame");
        assertConsecutive(second);
    }

    @Test
    void aLostCameraClosesTheFileAndTheDaemonReopensItAndRecordsOn() throws Exception {
        start(Map.of("trigger.pre", "0", "trigger.post", "0", "trigger.record-at-start", "true"));
        await("recording", () -> daemon.board().state() == DaemonState.RECORDING && camera.next.get() > 20);
        long unplug = camera.next.get() + 10;
        camera.unplugAt = unplug;
        await("the camera to be lost", () -> daemon.board().state() == DaemonState.CAMERA_LOST);
        await("the interrupted file to be committed", () -> daemon.board().filesCompleted() == 1);
        assertTrue(daemon.board().lastError().contains("ENODEV"), daemon.board().lastError());
        Thread.sleep(500); // a few reopen attempts fail while the camera is away
        camera.absent = false;
        await("a new recording after the camera came back",
                () -> daemon.board().state() == DaemonState.RECORDING && daemon.board().currentFile() != null);
        assertTrue(camera.sessions.get() >= 2);

        Path interrupted = recordings().get(0);
        List<Long> n = NumberedCamera.numbers(interrupted);
        assertConsecutive(n);
        assertEquals(unplug - 1, n.get(n.size() - 1), "every frame before the unplug is in the file");
        assertTrue(FileStream.inspect(interrupted).tail().kind() == io.framereel.storage.file.TailDamage.Kind.NONE);
    }

    @Test
    void filesLeftOpenByACrashAreRepairedAndCommittedAtStart() throws Exception {
        Files.createDirectories(store());
        Path part = store().resolve("rec-20260101-120000.bin.part");
        try (FileStream s = FileStream.open(part, ImageIO.Mode.WRITE, StreamOptions.DEFAULTS.withSyncPolicy(SyncPolicy.NEVER))) {
            Image frame = Image.allocate(NumberedCamera.W, NumberedCamera.H, PixelFormat.GRAYSCALE, true);
            for (int i = 0; i < 7; i++) {
                s.write(frame);
            }
        }
        try (FileChannel ch = FileChannel.open(part, StandardOpenOption.APPEND)) {
            ch.write(java.nio.ByteBuffer.wrap(new byte[100])); // a torn chunk header, as a power cut leaves it
        }
        Path empty = store().resolve("rec-20260101-120500.bin.part");
        Files.write(empty, new byte[5]);

        start(Map.of());
        await("streaming", () -> camera.next.get() > 5);
        Path recovered = store().resolve("rec-20260101-120000.bin");
        assertTrue(Files.exists(recovered));
        assertFalse(Files.exists(part));
        assertFalse(Files.exists(empty), "a part file without a header held no frame and is removed");
        try (ImageIO in = ImageIO.open(recovered, "r")) {
            assertEquals(7, in.count());
        }
        assertEquals(io.framereel.storage.file.TailDamage.Kind.NONE, FileStream.inspect(recovered).tail().kind());
    }

    @Test
    void belowTheMinimumFreeSpaceNoFileIsStartedAndTheReasonIsReported() throws Exception {
        start(Map.of("store.min-free", "1000T"));
        await("streaming", () -> camera.next.get() > 5);
        daemon.triggers().start("test");
        await("disk-full", () -> daemon.board().state() == DaemonState.DISK_FULL);
        assertTrue(daemon.board().lastError().contains("below store.min-free"), daemon.board().lastError());
        Thread.sleep(200);
        assertEquals(List.of(), recordings());
        assertEquals(null, daemon.board().currentFile());
    }

    @Test
    void aSnapshotIsTheNewestFrameInAFileOfItsOwn() throws Exception {
        start(Map.of());
        await("streaming", () -> camera.next.get() > 30);
        long before = camera.next.get();
        daemon.triggers().snapshot("test");
        await("the snapshot", () -> daemon.board().snapshots == 1);
        long after = camera.next.get();
        Path snap;
        try (Stream<Path> s = Files.list(store())) {
            snap = s.filter(p -> p.toString().endsWith("-snapshot.bin")).findFirst().orElse(null);
        }
        assertNotNull(snap);
        List<Long> n = NumberedCamera.numbers(snap);
        assertEquals(1, n.size());
        assertTrue(n.get(0) >= before - 2 && n.get(0) <= after, "the newest frame, " + n.get(0) + " in [" + before
                + ", " + after + "]");
    }

    @Test
    void stoppingTheDaemonWhileRecordingCommitsTheFile() throws Exception {
        start(Map.of("trigger.record-at-start", "true", "trigger.pre", "0"));
        await("frames in a file", () -> daemon.board().framesRecorded() > 20);
        daemon.requestStop();
        assertTrue(daemon.awaitStopped(10, TimeUnit.SECONDS));
        List<Path> files = recordings();
        assertEquals(1, files.size());
        assertConsecutive(NumberedCamera.numbers(files.get(0)));
        try (Stream<Path> s = Files.list(store())) {
            assertEquals(0, s.filter(p -> p.toString().endsWith(RecordingFiles.PART)).count());
        }
    }
}
