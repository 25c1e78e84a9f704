package io.framereel.capture.cli;

import static io.framereel.capture.cli.CliRun.framereel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framereel.device.shm.SharedFrameReader;
import io.framereel.device.shm.WriterStatus;
import io.framereel.storage.Image;
import io.framereel.storage.ImageIO;
import io.framereel.storage.PixelFormat;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

// Scope: `framereel demo` end to end in a temporary directory (the contact sheet needs ArgbConverter).
class DemoCommandTest {
    @TempDir
    Path dir;

    @Test
    void runsTheDaemonOnTheSyntheticCameraWithTimerTriggersAndSummarises() throws IOException {
        CliRun run = framereel("demo", "--dir", dir.toString(), "--seconds", "3", "--size", "64x48", "--fps", "30");
        assertEquals(0, run.exitCode, run.toString());
        Path recordings = dir.resolve("recordings");
        List<Path> files;
        try (Stream<Path> s = Files.list(recordings)) {
            files = s.sorted().toList();
        }
        assertTrue(files.size() >= 1, "the timer triggered at least one recording: " + files);
        for (Path f : files) {
            assertTrue(f.toString().endsWith(".bin"), "every recording is committed: " + f);
        }
        try (ImageIO in = ImageIO.open(files.get(0), "r")) {
            // a recording starts 1 s of pre-trigger frames before its trigger and lasts 0.5 s + 0.2 s after it
            assertTrue(in.count() >= 35, "pre-trigger + recorded frames, was " + in.count());
            Image first = in.read(false, false, false);
            assertEquals(PixelFormat.RGB565, first.format());
            assertEquals(64, first.width());
            for (int i = 1; i < in.count(); i++) {
                int elapsed = in.read(false, false, false).elapsedMs();
                assertTrue(elapsed == 33 || elapsed == 34, "frame " + i + " follows at 30 fps, was " + elapsed + " ms");
            }
        }
        Path sheet = dir.resolve(DemoCommand.SHEET_NAME);
        BufferedImage png = javax.imageio.ImageIO.read(sheet.toFile());
        assertNotNull(png, "contact sheet is a PNG");
        assertTrue(run.out.contains("  recordings     " + recordings + "\n"), run.out);
        assertTrue(run.out.contains(files.get(0).getFileName().toString()), run.out);
        assertTrue(run.out.contains("frames published for other processes"), run.out);
        assertTrue(run.out.contains("  contact sheet  " + sheet + "\n"), run.out);
        assertTrue(run.out.contains("framereel info " + files.get(0)), run.out);
        Matcher region = Pattern.compile("live frames    (\\S+): (\\d+) frames published").matcher(run.out);
        assertTrue(region.find(), run.out);
        Path regionPath = Path.of(region.group(1));
        try (SharedFrameReader reader = SharedFrameReader.open(regionPath)) {
            assertTrue(reader.framesPublished() > 30, "live frames went to the shared region");
            assertEquals(WriterStatus.CLOSED, reader.writerStatus());
        } finally {
            Files.deleteIfExists(regionPath);
        }
    }

    @Test
    void refusesADemoTooShortForATrigger() {
        CliRun run = framereel("demo", "--dir", dir.toString(), "--seconds", "1");
        assertEquals(2, run.exitCode, run.toString());
        assertTrue(run.err.contains("--seconds must be 1.5..3600"), run.err);
    }

    @Test
    void replayKeepsToTheRecordedSchedule() throws IOException {
        Path stream = dir.resolve("r.bin");
        assertEquals(0, framereel("synth", stream.toString(), "--size", "16x16", "--frames", "10", "--fps", "50").exitCode);

        DemoCommand.Replay replay = DemoCommand.replay(stream, new java.io.PrintWriter(java.io.Writer.nullWriter()));

        assertEquals(10, replay.frames);
        assertTrue(replay.nanos >= 199_000_000L, "10 frames at 50 fps take 200 ms, took " + replay.nanos / 1e6 + " ms");
        assertTrue(replay.maxLagNanos < 100_000_000L, "max lag " + replay.maxLagNanos / 1e6 + " ms");
    }
}
