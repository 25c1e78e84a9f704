package io.framereel.capture.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framereel.device.shm.FrameCopy;
import io.framereel.device.shm.SharedFrameReader;
import io.framereel.device.shm.WriterStatus;
import io.framereel.storage.Image;
import io.framereel.storage.ImageIO;
import io.framereel.storage.PixelFormat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

// Scope: replay's option handling on any machine (the display itself is tested on vfb in ReplayHilTest).
class ReplayCommandTest {
    @TempDir
    Path dir;

    private Path recording() {
        Path file = dir.resolve("r.bin");
        CliRun synth = CliRun.framereel("synth", file.toString(), "--size", "16x16", "--frames", "3");
        assertEquals(0, synth.exitCode, synth.toString());
        return file;
    }

    @Test
    void needsATargetAndOneOfEach() {
        Path file = recording();
        assertUsage("--to needs a target", "replay", file.toString(), "--to", "5");
        assertUsage("give one target", "replay", file.toString(), "--to", "fb", "--to", "fb:/dev/fb1");
        assertUsage("give the last frame (--to M) once", "replay", file.toString(), "--to", "fb", "--to", "1",
                "--to", "2");
        assertUsage("unknown target 'screen'", "replay", file.toString(), "--to", "screen");
        assertUsage("'drm,mode=720p': mode '720p' is not WIDTHxHEIGHT", "replay", file.toString(), "--to",
                "drm,mode=720p");
        assertUsage("unknown option 'depth'", "replay", file.toString(), "--to", "drm:vc4,depth=16");
        assertUsage("--speed must be in (0, 1000]", "replay", file.toString(), "--to", "fb", "--speed", "0");
        assertUsage("empty range", "replay", file.toString(), "--to", "fb", "--from", "2", "--to", "1");
    }

    @ParameterizedTest
    @CsvSource({"fb:/nonexistent/fb9, /nonexistent/fb9: open failed",
        "drm:/nonexistent/card9, /nonexistent/card9: open failed: ENOENT"})
    void aMissingDisplayIsOneClearLine(String target, String message) throws IOException {
        Path file = recording();
        CliRun run = CliRun.framereel("replay", file.toString(), "--to", target);
        assertEquals(1, run.exitCode, run.toString());
        assertTrue(run.err.startsWith("framereel: " + message), run.err);
        assertEquals(1, run.errLines().size(), run.err);
        assertTrue(Files.exists(file), "the recording is untouched");
    }

    @Test
    void replaysIntoASharedRegionThatReadersSeeFrameForFrame() throws IOException {
        Path file = recording();
        Path region = dir.resolve("frames");
        CliRun run = CliRun.framereel("replay", file.toString(), "--to", "shm:" + region, "--no-pause", "--json");
        assertEquals(0, run.exitCode, run.toString());
        assertTrue(run.out.contains("\"frames\":3"), run.out);
        Image last;
        try (ImageIO in = ImageIO.open(file, "r")) {
            last = in.seek(2).read(false, false, false);
        }
        try (SharedFrameReader reader = SharedFrameReader.open(region)) {
            assertEquals(WriterStatus.CLOSED, reader.writerStatus(), "replay closed the region when done");
            FrameCopy copy = reader.newFrameCopy();
            assertTrue(reader.readLatest(copy));
            assertEquals(16, copy.width());
            assertEquals(16, copy.height());
            assertEquals(PixelFormat.RGB565, copy.sourceFormat());
            for (int i = 0; i < 16 * 16; i++) {
                assertEquals(last.payload().getShort(2 * i), copy.pixels().getShort(2 * i), "pixel " + i);
            }
        }
    }

    private static void assertUsage(String message, String... args) {
        CliRun run = CliRun.framereel(args);
        assertEquals(2, run.exitCode, run.toString());
        assertTrue(run.err.contains(message), "expected '" + message + "' in: " + run.err);
    }

    @Test
    void aDirectoryMeansItsNewestRecording() throws IOException {
        Path recordings = Files.createDirectories(dir.resolve("recordings"));
        for (String name : new String[] {"rec-20260101-100000.bin", "rec-20260101-100000_02.bin"}) {
            CliRun synth = CliRun.framereel("synth", recordings.resolve(name).toString(), "--size", "8x8",
                    "--frames", name.contains("_02") ? "2" : "5");
            assertEquals(0, synth.exitCode, synth.toString());
        }
        Files.writeString(recordings.resolve("rec-20260101-110000.bin.part"), "being written");
        CliRun run = CliRun.framereel("replay", recordings.toString(), "--to", "shm:" + dir.resolve("frames"),
                "--no-pause", "--json");
        assertEquals(0, run.exitCode, run.toString());
        assertTrue(run.err.contains("replaying the newest recording, " + recordings.resolve("rec-20260101-100000_02.bin")),
                run.err);
        assertTrue(run.out.contains("\"frames\":2"), run.out);
    }

    @Test
    void aDirectoryWithoutRecordingsIsOneClearLine() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        CliRun run = CliRun.framereel("replay", empty.toString(), "--to", "fb");
        assertEquals(1, run.exitCode, run.toString());
        assertEquals("framereel: " + empty + ": no recordings (*.bin) to replay", run.err.strip());
    }
}
