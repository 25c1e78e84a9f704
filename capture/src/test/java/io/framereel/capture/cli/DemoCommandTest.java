package io.framereel.capture.cli;

import static io.framereel.capture.cli.CliRun.framereel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framereel.storage.ImageIO;
import io.framereel.storage.PixelFormat;
import io.framereel.storage.pixel.ContactSheet;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

// Scope: `framereel demo` end to end in a temporary directory (the contact sheet needs ArgbConverter).
class DemoCommandTest {
    @TempDir
    Path dir;

    @Test
    void recordsReplaysAndSummarises() throws IOException {
        CliRun run = framereel("demo", "--dir", dir.toString(), "--frames", "6", "--size", "64x48", "--fps", "30");

        assertEquals(0, run.exitCode, run.toString());
        Path stream = dir.resolve(DemoCommand.STREAM_NAME);
        Path sheet = dir.resolve(DemoCommand.SHEET_NAME);
        try (ImageIO in = ImageIO.open(stream, "r")) {
            assertEquals(6, in.count());
            assertEquals(PixelFormat.RGB565, in.read(false, false, false).format());
        }
        BufferedImage png = javax.imageio.ImageIO.read(sheet.toFile());
        assertNotNull(png, "contact sheet is a PNG");
        ContactSheetWriter.Layout layout = new ContactSheetWriter.Layout(0, 5, 64);
        assertEquals(layout.columns * (64 + ContactSheet.GAP_PX) + ContactSheet.GAP_PX, png.getWidth());

        assertTrue(run.out.contains("  file           " + stream + "\n"), run.out);
        assertTrue(run.out.contains("  frames         6 x 64x48 RGB565 at 30 fps\n"), run.out);
        assertTrue(run.out.contains("  bytes          " + String.format(java.util.Locale.ROOT, "%,d", 16 + 6 * (32 + 64 * 48 * 2))), run.out);
        assertTrue(run.out.contains("  recorded       200 ms\n"), run.out); // 33 + 33 + 34 + 33 + 33 + 34
        assertTrue(run.out.contains("  replay         "), run.out);
        assertTrue(run.out.contains("  contact sheet  " + sheet + "\n"), run.out);
        assertTrue(run.out.contains("framereel info " + stream), run.out);
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
