package io.framereel.capture.cli;

import static io.framereel.capture.cli.CliRun.framereel;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framereel.storage.Image;
import io.framereel.storage.ImageIO;
import io.framereel.storage.PixelFormat;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** framereel repair: cuts torn and garbage tails, keeps every whole frame, reports in text and JSON. */
class RepairCommandTest {
    @TempDir
    Path dir;

    private Path threeFrames() throws Exception {
        Path file = dir.resolve("rec.bin");
        try (ImageIO out = ImageIO.open(file, "w")) {
            for (int i = 0; i < 3; i++) {
                byte[] px = new byte[16];
                Arrays.fill(px, (byte) i);
                out.write(Image.of(4, 4, PixelFormat.GRAYSCALE, ByteBuffer.wrap(px)).elapsedMs(40));
            }
        }
        return file;
    }

    @Test
    void cutsAGarbageTailThatReadModeRefuses() throws Exception {
        Path file = threeFrames();
        byte[] clean = Files.readAllBytes(file);
        byte[] stale = "stale disk blocks after a power cut!".getBytes(StandardCharsets.US_ASCII);
        Files.write(file, stale, StandardOpenOption.APPEND);

        CliRun info = framereel("info", file.toString());
        assertEquals(0, info.exitCode, info.toString());
        assertTrue(info.out.contains("frames    3") && info.out.contains("garbage"), info.out);

        CliRun dry = framereel("repair", file.toString(), "--dry-run");
        assertEquals(0, dry.exitCode, dry.toString());
        assertTrue(dry.out.contains("would cut it, keeping 3 whole frames"), dry.out);
        assertEquals(clean.length + stale.length, Files.size(file), "a dry run changes nothing");

        CliRun run = framereel("repair", file.toString(), "--json");
        assertEquals(0, run.exitCode, run.toString());
        assertEquals("{\"path\":\"" + file + "\",\"frames\":3,\"tail\":\"garbage\",\"bytes_cut\":" + stale.length
                + ",\"repaired\":true}",
                run.out.trim());
        assertArrayEquals(clean, Files.readAllBytes(file));
    }

    @Test
    void cutsATornLastFrame() throws Exception {
        Path file = threeFrames();
        long size = Files.size(file);
        try (var ch = java.nio.channels.FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(size - 10);
        }
        CliRun run = framereel("repair", file.toString());
        assertEquals(0, run.exitCode, run.toString());
        assertTrue(run.out.contains("torn tail of 38 bytes") && run.out.contains("2 whole frames kept"), run.out);
        try (ImageIO in = ImageIO.open(file, "r")) {
            assertEquals(2, in.count());
        }
    }

    @Test
    void aCleanFileIsLeftAlone() throws Exception {
        Path file = threeFrames();
        byte[] before = Files.readAllBytes(file);
        CliRun run = framereel("repair", file.toString());
        assertEquals(0, run.exitCode, run.toString());
        assertTrue(run.out.contains("clean, 3 frames"), run.out);
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void aNonStreamIsAOneLineError() throws Exception {
        Path file = Files.write(dir.resolve("x.txt"), "hello, not a stream".getBytes(StandardCharsets.US_ASCII));
        CliRun run = framereel("repair", file.toString());
        assertEquals(1, run.exitCode, run.toString());
        assertEquals(1, run.errLines().size(), run.toString());
        assertTrue(run.err.contains(file.toString()), run.err);
    }
}
