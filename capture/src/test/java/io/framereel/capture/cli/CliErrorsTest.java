package io.framereel.capture.cli;

import static io.framereel.capture.cli.CliRun.framereel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framereel.storage.Image;
import io.framereel.storage.ImageIO;
import io.framereel.storage.PixelFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

// Scope: exit codes and the one-line `framereel: <message>` errors of every command, --verbose, --help, --version.
class CliErrorsTest {
    @TempDir
    Path dir;

    private static void assertOneErrorLine(CliRun run, int exitCode, String... fragments) {
        assertEquals(exitCode, run.exitCode, run.toString());
        List<String> lines = run.errLines();
        assertEquals(1, lines.size(), run.toString());
        assertTrue(lines.get(0).startsWith("framereel: "), run.toString());
        for (String f : fragments) {
            assertTrue(lines.get(0).contains(f), "expected '" + f + "' in: " + lines.get(0));
        }
    }

    private Path fiveFrames() throws IOException {
        Path file = dir.resolve("five.bin");
        try (ImageIO out = ImageIO.open(file, "w")) {
            for (int i = 0; i < 5; i++) {
                out.write(Image.of(2, 2, PixelFormat.GRAYSCALE, ByteBuffer.allocate(4)).elapsedMs(10));
            }
        }
        return file;
    }

    @ParameterizedTest
    @ValueSource(strings = {"info", "export", "convert"})
    void aMissingFileIsOneLineNamingItWithExitOne(String command) {
        Path missing = dir.resolve("missing.bin");
        String[] args = command.equals("info") ? new String[] {"info", missing.toString()}
                : command.equals("export") ? new String[] {"export", missing.toString(), "--to", dir.resolve("x").toString()}
                : new String[] {"convert", missing.toString(), dir.resolve("out.bin").toString()};

        CliRun run = framereel(args);

        assertOneErrorLine(run, 1, missing.toString(), "no such file");
        assertFalse(run.err.contains("\tat "), "no stack trace without --verbose");
    }

    @Test
    void aGarbageFileIsOneLineNamingFileAndOffset() throws IOException {
        Path garbage = dir.resolve("garbage.bin");
        Files.write(garbage, "this is not a stream file".getBytes(StandardCharsets.US_ASCII));

        CliRun run = framereel("info", garbage.toString());

        assertOneErrorLine(run, 1, garbage.toString(), "at byte 0", "not an OpenMV image stream");
    }

    @Test
    void aBadChunkIsOneLineNamingFileFrameAndOffset() throws IOException {
        Path bad = dir.resolve("bad.bin");
        Files.write(bad, StreamBytes.header("V2.0").chunkV2(1, 2, 2, 0x7777, 0, new byte[16]).toByteArray());

        CliRun run = framereel("export", bad.toString(), "--to", dir.resolve("out").toString());

        assertOneErrorLine(run, 1, bad.toString(), "frame 0 at byte 16", "invalid pixformat 0x00007777");
        assertEquals("", run.out);
    }

    @Test
    void verbosePrintsTheStackTraceAfterTheMessage() throws IOException {
        Path garbage = dir.resolve("garbage.bin");
        Files.write(garbage, new byte[40]);

        CliRun run = framereel("info", garbage.toString(), "--verbose");

        assertEquals(1, run.exitCode);
        assertTrue(run.errLines().get(0).startsWith("framereel: " + garbage), run.err);
        assertTrue(run.err.contains("io.framereel.storage.ImageIOException"), run.err);
        assertTrue(run.err.contains("\tat io.framereel.storage.file."), run.err);
    }

    @Test
    void verboseWorksBeforeTheCommandToo() throws IOException {
        Path garbage = dir.resolve("garbage.bin");
        Files.write(garbage, new byte[40]);

        CliRun run = framereel("--verbose", "info", garbage.toString());

        assertTrue(run.err.contains("\tat io.framereel.storage.file."), run.err);
    }

    @ParameterizedTest
    @ValueSource(strings = {"3..5", "5", "7..", "0..99"})
    void aFrameRangeOutsideTheStreamIsAUsageErrorNamingTheFile(String range) throws IOException {
        Path file = fiveFrames();

        CliRun run = framereel("export", file.toString(), "--to", dir.resolve("out").toString(), "--frames", range);

        assertOneErrorLine(run, 2, file.toString(), "frame range " + range, "has 5 frames (0..4)");
        assertFalse(Files.exists(dir.resolve("out")), "nothing is exported before validation passes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"4..2", "a..b", "-1..3", "1...3", ""})
    void aMalformedFrameRangeIsAUsageError(String range) throws IOException {
        Path file = fiveFrames();

        CliRun run = framereel("export", file.toString(), "--to", dir.resolve("out").toString(), "--frames", range);

        assertOneErrorLine(run, 2, "--frames");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0x10", "640by480", "640x", "x480", "40000x10", "10x-3", "axb"})
    void aBadSizeIsAUsageError(String size) {
        Path out = dir.resolve("synth.bin");

        CliRun run = framereel("synth", out.toString(), "--size", size);

        assertOneErrorLine(run, 2, "--size");
        assertFalse(Files.exists(out));
    }

    @ParameterizedTest
    @ValueSource(strings = {"--format=RGB888", "--format=PNG", "--format=ARGB8", "--fps=0", "--fps=1001",
        "--frames=0", "--sync=sometimes", "--sync=frames:0"})
    void badSynthOptionsAreUsageErrorsAndWriteNothing(String option) {
        Path out = dir.resolve("synth.bin");

        CliRun run = framereel("synth", out.toString(), option);

        assertOneErrorLine(run, 2);
        assertFalse(Files.exists(out));
    }

    @Test
    void demoRejectsBadSizesBeforeCreatingAnything() {
        Path where = dir.resolve("demo");

        CliRun run = framereel("demo", "--dir", where.toString(), "--size", "640x0");

        assertOneErrorLine(run, 2, "--size");
        assertFalse(Files.exists(where));
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        assertOneErrorLine(framereel("info", "--jsonn", "x.bin"), 2, "--jsonn");
    }

    @Test
    void noCommandIsAUsageError() {
        assertOneErrorLine(framereel(), 2, "no command");
    }

    @Test
    void anUnwritableOutputDirectoryIsOneLineNamingIt() {
        Path out = dir.resolve("no/such/dir/out.bin");

        CliRun run = framereel("synth", out.toString(), "--frames", "1", "--size", "4x4");

        assertOneErrorLine(run, 1, out.toString(), "does not exist");
    }

    @Test
    void versionFallsBackToDevOutsideTheJar() {
        CliRun run = framereel("--version");

        assertEquals(0, run.exitCode);
        assertEquals("framereel dev", run.out.lines().findFirst().orElseThrow());
    }

    @Test
    void helpListsEveryCommand() {
        CliRun run = framereel("--help");

        assertEquals(0, run.exitCode);
        for (String command : List.of("info", "export", "convert", "synth", "demo")) {
            assertTrue(run.out.contains("\n  " + command + " "), command + " missing from:\n" + run.out);
        }
    }

    @Test
    void eachCommandHasHelp() {
        for (String command : List.of("info", "export", "convert", "synth", "demo")) {
            CliRun run = framereel(command, "--help");
            assertEquals(0, run.exitCode, run.toString());
            assertTrue(run.out.startsWith("Usage: framereel " + command), run.out);
        }
    }
}
