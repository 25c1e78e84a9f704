package io.framereel.capture.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framereel.capture.daemon.RecordingFiles;
import io.framereel.storage.ImageIO;
import io.framereel.storage.file.FileStream;
import io.framereel.storage.file.TailDamage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon as systemd runs it, in its own JVM: signals, exit status, and kill -9 at random points followed by
 * the start-up recovery. {@code -Dframereel.killpoints=N} tries N kill points (docs/reliability.md used 1000).
 */
class DaemonProcessTest {
    @TempDir
    Path dir;

    private List<String> settings(Path store, String... more) {
        List<String> s = new java.util.ArrayList<>(List.of(
                "camera.device = test-pattern", "camera.format = GRAYSCALE", "camera.size = 160x120",
                "camera.fps = 100", "store.directory = " + store, "store.min-free = 0", "trigger.pre = 200ms",
                "trigger.post = 0"));
        s.addAll(List.of(more));
        return s;
    }

    private static List<Path> files(Path store, String suffix) throws Exception {
        try (Stream<Path> s = Files.list(store)) {
            return s.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }

    @Test
    void sigtermClosesTheRecordingAndExitsWith143() throws Exception {
        Path store = dir.resolve("rec");
        try (DaemonProcess d = DaemonProcess.start(dir, settings(store), "term")) {
            d.await("streaming", s -> DaemonProcess.number(s, "camera_frames") > 10);
            d.command("start");
            Map<String, String> s = d.await("frames in a file", st -> DaemonProcess.number(st, "frames_recorded") > 30);
            long before = DaemonProcess.number(s, "frames_recorded");
            d.signal("TERM");
            assertTrue(d.process.waitFor(20, TimeUnit.SECONDS), "the daemon exits after SIGTERM");
            assertEquals(143, d.process.exitValue(), d.log());
            List<Path> done = files(store, RecordingFiles.SUFFIX);
            assertEquals(1, done.size(), d.log());
            assertEquals(List.of(), files(store, RecordingFiles.PART));
            try (ImageIO in = ImageIO.open(done.get(0), "r")) {
                assertTrue(in.count() >= before, in.count() + " frames kept, " + before + " reported before SIGTERM");
            }
            assertTrue(d.log().contains("stopping: closing recordings"), d.log());
            assertFalse(Files.exists(d.socket), "the control socket is removed");
        }
    }

    @Test
    void sigusr1TogglesRecording() throws Exception {
        Path store = dir.resolve("rec");
        try (DaemonProcess d = DaemonProcess.start(dir, settings(store), "usr1")) {
            d.await("streaming", s -> DaemonProcess.number(s, "camera_frames") > 10);
            d.signal("USR1");
            d.await("recording", s -> "recording".equals(s.get("state")));
            d.signal("USR1");
            d.await("a committed file", s -> DaemonProcess.number(s, "files") == 1);
            assertTrue(d.log().contains("start requested by SIGUSR1"), d.log());
        }
    }

    @Test
    void killedAtRandomPointsNoReportedFrameIsLostAndEveryFileReopensCleanly() throws Exception {
        int points = Integer.getInteger("framereel.killpoints", 4);
        long lost = 0;
        long tried = 0;
        for (int i = 0; i < points; i++) {
            Path store = dir.resolve("kill-" + i);
            long reported;
            String reportedFile;
            try (DaemonProcess d = DaemonProcess.start(dir, settings(store, "store.sync = always",
                    "store.max-frames = 40", "trigger.record-at-start = true"), "kill-" + i)) {
                d.await("recording", s -> DaemonProcess.number(s, "frames_recorded") > 0);
                Thread.sleep(ThreadLocalRandom.current().nextInt(0, 400));
                Map<String, String> last = d.status();
                d.process.destroyForcibly(); // SIGKILL, right after the last status
                d.process.waitFor(10, TimeUnit.SECONDS);
                reported = last == null ? 0 : DaemonProcess.number(last, "frames_recorded");
                reportedFile = last == null ? null : last.get("file");
            }
            List<RecordingFiles.Recovered> recovered = new RecordingFiles(store, "rec").recover();
            assertTrue(files(store, RecordingFiles.PART).isEmpty(), "every part file recovered: " + recovered);
            long frames = 0;
            for (Path f : files(store, RecordingFiles.SUFFIX)) {
                assertEquals(TailDamage.Kind.NONE, FileStream.inspect(f).tail().kind(), f + " reopens cleanly");
                try (ImageIO in = ImageIO.open(f, "r")) {
                    frames += in.count();
                }
            }
            if (frames < reported) {
                lost += reported - frames;
            }
            tried++;
            assertTrue(frames >= reported, "kill point " + i + ": " + reported + " frames reported recorded (last file "
                    + reportedFile + "), " + frames + " in the files after recovery " + recovered);
        }
        System.err.println("kill points tried: " + tried + ", frames lost: " + lost);
    }
}
