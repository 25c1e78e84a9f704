package io.framereel.capture.cli;

import io.framereel.capture.json.Json;
import static io.framereel.capture.cli.CliRun.framereel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framereel.storage.Image;
import io.framereel.storage.ImageIO;
import io.framereel.storage.PixelFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

// Scope: `framereel info` output (table and exact JSON) for files built with the storage API.
class InfoCommandTest {
    @TempDir
    Path dir;

    /** Three frames: 2x2 RGB565 (33 ms), 3x3 GRAYSCALE (40 ms), 4x2 BAYER_RGGB (25 ms). */
    private Path threeFrames() throws IOException {
        Path file = dir.resolve("three.bin");
        try (ImageIO out = ImageIO.open(file, "w")) {
            out.write(Image.of(2, 2, PixelFormat.RGB565, ByteBuffer.allocate(8)).elapsedMs(33));
            out.write(Image.of(3, 3, PixelFormat.GRAYSCALE, ByteBuffer.allocate(9)).elapsedMs(40));
            out.write(Image.of(4, 2, PixelFormat.BAYER_RGGB, ByteBuffer.allocate(8)).elapsedMs(25));
        }
        return file;
    }

    @Test
    void printsEveryFrameAsExactJson() throws IOException {
        Path file = threeFrames();
        CliRun run = framereel("info", file.toString(), "--json");

        // Chunks are 32 header bytes + payload padded to 16: 16 -> 64 -> 112 -> 160.
        String expected = "{\"version\":20,\"count\":3,\"size\":160,\"frames\":["
                + "{\"index\":0,\"offset\":16,\"elapsed_ms\":33,\"width\":2,\"height\":2,\"pixformat\":\"RGB565\","
                + "\"pixformat_code\":201523202,\"bytes\":8},"
                + "{\"index\":1,\"offset\":64,\"elapsed_ms\":40,\"width\":3,\"height\":3,\"pixformat\":\"GRAYSCALE\","
                + "\"pixformat_code\":134348801,\"bytes\":9},"
                + "{\"index\":2,\"offset\":112,\"elapsed_ms\":25,\"width\":4,\"height\":2,\"pixformat\":\"BAYER_RGGB\","
                + "\"pixformat_code\":84148993,\"bytes\":8}"
                + "],\"duration_ms\":98,\"tail\":{\"kind\":\"none\"},\"path\":" + Json.string(file.toString()) + "}\n";
        assertEquals(0, run.exitCode, run.toString());
        assertEquals(expected, run.out);
        assertEquals("", run.err);
    }

    @Test
    void reportsATornTailInJsonAfterTheFrames() throws IOException {
        Path file = threeFrames();
        Files.write(file, new byte[20], StandardOpenOption.APPEND); // a chunk header cut short
        Files.write(file, StreamBytes.bytes(1), StandardOpenOption.APPEND);

        CliRun run = framereel("info", "--json", file.toString());

        assertEquals(0, run.exitCode, run.toString());
        assertTrue(run.out.startsWith("{\"version\":20,\"count\":3,\"size\":181,\"frames\":[{\"index\":0,"), run.out);
        assertTrue(run.out.contains("],\"duration_ms\":98,\"tail\":{\"kind\":\"torn\",\"offset\":160,\"bytes\":21,"
                + "\"message\":\"" + file + ": frame 3 at byte 160: chunk header truncated: 21 of 32 bytes"), run.out);
    }

    @Test
    void printsATableRowPerFrameWithOffsetsAndFormatNames() throws IOException {
        Path file = threeFrames();
        CliRun run = framereel("info", file.toString());

        assertEquals(0, run.exitCode, run.toString());
        List<String> lines = run.out.lines().map(String::strip).collect(java.util.stream.Collectors.toList());
        assertTrue(lines.contains("version   V2.0 (20)"), run.out);
        assertTrue(lines.contains("frames    3"), run.out);
        assertTrue(lines.contains("size      160 bytes"), run.out);
        assertTrue(lines.contains("duration  98 ms (30.61 fps average)"), run.out);
        assertEquals(List.of("index", "offset", "elapsed_ms", "width", "height", "pixformat", "bytes"),
                List.of(lines.get(lines.size() - 4).split("\\s+")));
        assertEquals(List.of("0", "16", "33", "2", "2", "RGB565", "8"), List.of(lines.get(lines.size() - 3).split("\\s+")));
        assertEquals(List.of("1", "64", "40", "3", "3", "GRAYSCALE", "9"), List.of(lines.get(lines.size() - 2).split("\\s+")));
        assertEquals(List.of("2", "112", "25", "4", "2", "BAYER_RGGB", "8"), List.of(lines.get(lines.size() - 1).split("\\s+")));
    }

    @Test
    void describesAnEmptyStream() throws IOException {
        Path file = dir.resolve("empty.bin");
        ImageIO.open(file, "w").close();

        CliRun run = framereel("info", "--json", file.toString());

        assertEquals(0, run.exitCode, run.toString());
        assertTrue(run.out.startsWith("{\"version\":20,\"count\":0,\"size\":16,\"frames\":[],\"duration_ms\":0,"), run.out);
    }

    @Test
    void readsOldVersionsAndReportsThem() throws IOException {
        Path file = dir.resolve("old.bin");
        Files.write(file, StreamBytes.header("V1.1").chunkV1(10, 3, 3, 1, new byte[9]).toByteArray());

        CliRun run = framereel("info", "--json", file.toString());

        assertTrue(run.out.startsWith("{\"version\":11,\"count\":1,\"size\":48,\"frames\":[{\"index\":0,\"offset\":16,"
                + "\"elapsed_ms\":10,\"width\":3,\"height\":3,\"pixformat\":\"GRAYSCALE\",\"pixformat_code\":134348801,"
                + "\"bytes\":9}]"), run.out);
    }

    @Test
    void escapesQuotesAndBackslashesInThePath() throws IOException {
        Path file = dir.resolve("a \"quoted\" \\ name.bin");
        ImageIO.open(file, "w").close();

        CliRun run = framereel("info", "--json", file.toString());

        String escaped = file.toString().replace("\\", "\\\\").replace("\"", "\\\"");
        assertTrue(run.out.endsWith(",\"path\":\"" + escaped + "\"}\n"), run.out);
    }

    @Test
    void reportsSeveralFilesOneJsonLineEachAndNamesTheOneItCannotRead() throws IOException {
        Path a = dir.resolve("a.bin");
        Path b = dir.resolve("b.bin");
        Path junk = dir.resolve("junk.bin");
        Files.write(a, StreamBytes.header("V2.0").toByteArray());
        Files.write(b, StreamBytes.header("V1.1").chunkV1(10, 3, 3, 1, new byte[9]).toByteArray());
        Files.writeString(junk, "not a stream");

        CliRun run = framereel("info", "--json", a.toString(), junk.toString(), b.toString());

        assertEquals(1, run.exitCode, run.toString());
        String[] lines = run.out.split("\n");
        assertEquals(2, lines.length, run.out);
        assertTrue(lines[0].startsWith("{\"version\":20,\"count\":0,") && lines[0].contains(a.toString()), lines[0]);
        assertTrue(lines[1].startsWith("{\"version\":11,\"count\":1,") && lines[1].contains(b.toString()), lines[1]);
        assertEquals(1, run.errLines().size(), run.err);
        assertTrue(run.err.startsWith("framereel: ") && run.err.contains("junk.bin"), run.err);
    }
}
