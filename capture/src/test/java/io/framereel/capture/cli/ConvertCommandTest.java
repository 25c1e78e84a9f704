package io.framereel.capture.cli;

import static io.framereel.capture.cli.CliRun.framereel;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

// Scope: `framereel convert`: V1.x -> V2.0 byte layout, what is preserved, same-file refusal, atomic replacement.
class ConvertCommandTest {
    private static final int RGB565 = 0x0C030002;
    private static final int GRAYSCALE = 0x08020001;
    private static final int JPEG = 0x06060000;
    private static final byte[] TINY_JPEG = StreamBytes.bytes(0xFF, 0xD8, 0x00, 0xFF, 0xD9);

    @TempDir
    Path dir;

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    /** A V1.0 file as the old ImageWriter wrote it: RGB565 big-endian, then a grayscale and a JPEG frame. */
    private Path v10File() throws IOException {
        Path in = dir.resolve("old.bin");
        Files.write(in, StreamBytes.header("V1.0")
                // 2x2 RGB565: red F800, green 07E0, blue 001F, white FFFF, each stored high byte first
                .chunkV1(40, 2, 2, 2, StreamBytes.bytes(0xF8, 0x00, 0x07, 0xE0, 0x00, 0x1F, 0xFF, 0xFF))
                .chunkV1(33, 3, 1, 1, StreamBytes.bytes(1, 2, 3))
                .chunkV1(50, 16, 8, TINY_JPEG.length, TINY_JPEG) // bpp >= 4 is a JPEG of that many bytes
                .toByteArray());
        return in;
    }

    @Test
    void rewritesV10AsV20WithRgb565InNativeByteOrder() throws IOException {
        Path in = v10File();
        Path out = dir.resolve("new.bin");

        CliRun run = framereel("convert", in.toString(), out.toString());

        byte[] expected = StreamBytes.header("V2.0")
                .chunkV2(40, 2, 2, RGB565, 0, StreamBytes.bytes(0x00, 0xF8, 0xE0, 0x07, 0x1F, 0x00, 0xFF, 0xFF))
                .chunkV2(33, 3, 1, GRAYSCALE, 0, StreamBytes.bytes(1, 2, 3))
                .chunkV2(50, 16, 8, JPEG, TINY_JPEG.length, TINY_JPEG)
                .toByteArray();
        assertEquals(0, run.exitCode, run.toString());
        assertArrayEquals(expected, Files.readAllBytes(out));
        assertEquals("converted " + in + " (V1.0, 3 frames) to " + out + " (V2.0, " + expected.length + " bytes)\n", run.out);
        assertEquals(List.of("new.bin", "old.bin"), names(), "no temporary file is left behind");
    }

    @Test
    void keepsElapsedGeometryFormatAndPayloadOfEveryFrame() throws IOException {
        Path in = dir.resolve("in.bin");
        List<Image> frames = List.of(
                Image.of(4, 2, PixelFormat.BAYER_GRBG, ByteBuffer.wrap(StreamBytes.bytes(1, 2, 3, 4, 5, 6, 7, 8))).elapsedMs(7),
                Image.of(33, 1, PixelFormat.BINARY, ByteBuffer.wrap(StreamBytes.bytes(1, 2, 3, 4, 5, 6, 7, 8))).elapsedMs(1000),
                Image.of(2, 1, PixelFormat.YVU422, ByteBuffer.wrap(StreamBytes.bytes(9, 8, 7, 6))).elapsedMs(1));
        try (ImageIO w = ImageIO.open(in, "w")) {
            for (Image f : frames) {
                w.write(f);
            }
        }
        Path out = dir.resolve("out.bin");

        assertEquals(0, framereel("convert", in.toString(), out.toString()).exitCode);

        try (ImageIO r = ImageIO.open(out, "r")) {
            assertEquals(20, r.version().getAsInt());
            assertEquals(frames.size(), r.count());
            for (Image expected : frames) {
                Image actual = r.read(false, false, false);
                assertTrue(expected.samePixels(actual), actual + " differs from " + expected);
                assertEquals(expected.elapsedMs(), actual.elapsedMs());
            }
        }
        assertArrayEquals(Files.readAllBytes(in), Files.readAllBytes(out), "a V2.0 file converts to itself");
    }

    @Test
    void refusesToConvertAFileOntoItself() throws IOException {
        Path in = v10File();
        byte[] before = Files.readAllBytes(in);
        Path sameThroughLink = Files.createLink(dir.resolve("link.bin"), in);

        CliRun direct = framereel("convert", in.toString(), in.toString());
        CliRun viaLink = framereel("convert", in.toString(), sameThroughLink.toString());

        for (CliRun run : List.of(direct, viaLink)) {
            assertEquals(2, run.exitCode, run.toString());
            assertEquals(1, run.errLines().size(), run.toString());
            assertTrue(run.err.startsWith("framereel: IN and OUT are the same file (" + in), run.err);
        }
        assertArrayEquals(before, Files.readAllBytes(in));
    }

    @Test
    void aFailedConversionLeavesTheExistingOutputUntouched() throws IOException {
        Path in = dir.resolve("broken.bin");
        Files.write(in, StreamBytes.header("V1.1").chunkV1(10, 0, 0, 1, new byte[0]).toByteArray()); // 0x0: invalid
        Path out = Files.write(dir.resolve("keep.bin"), StreamBytes.bytes(42, 43, 44));

        CliRun run = framereel("convert", in.toString(), out.toString());

        assertEquals(1, run.exitCode, run.toString());
        assertTrue(run.err.startsWith("framereel: " + in + ": frame 0 at byte 16: invalid geometry 0x0"), run.err);
        assertArrayEquals(StreamBytes.bytes(42, 43, 44), Files.readAllBytes(out));
        assertEquals(List.of("broken.bin", "keep.bin"), names(), "no temporary file is left behind");
    }

    @Test
    void replacesAnExistingOutput() throws IOException {
        Path in = v10File();
        Path out = Files.write(dir.resolve("out.bin"), new byte[1000]);

        assertEquals(0, framereel("convert", in.toString(), out.toString()).exitCode);

        try (ImageIO r = ImageIO.open(out, "r")) {
            assertEquals(3, r.count());
        }
    }

    @Test
    void leavesATornLastFrameOutWithAWarning() throws IOException {
        Path in = v10File();
        Files.write(in, StreamBytes.bytes(10, 0, 0, 0, 2, 0), StandardOpenOption.APPEND);
        Path out = dir.resolve("out.bin");

        CliRun run = framereel("convert", in.toString(), out.toString());

        assertEquals(0, run.exitCode, run.toString());
        assertTrue(run.err.startsWith("framereel: warning: " + in + ": frame 3 at byte "), run.err);
        try (ImageIO r = ImageIO.open(out, "r")) {
            assertEquals(3, r.count());
        }
    }

    @Test
    void clampsZeroElapsedValuesAndSaysSo() throws IOException {
        Path in = dir.resolve("zero.bin");
        Files.write(in, StreamBytes.header("V1.1").chunkV1(0, 1, 1, 1, StreamBytes.bytes(7)).toByteArray());
        Path out = dir.resolve("out.bin");

        CliRun run = framereel("convert", in.toString(), out.toString());

        assertEquals(0, run.exitCode, run.toString());
        assertTrue(run.err.contains("warning: 1 elapsed values were outside 1..1000000 ms"), run.err);
        try (ImageIO r = ImageIO.open(out, "r")) {
            assertEquals(1, r.read(false, false, false).elapsedMs());
        }
    }

    @Test
    void refusesAnOutputThatIsADirectory() throws IOException {
        Path in = v10File();

        CliRun run = framereel("convert", in.toString(), dir.toString());

        assertEquals(1, run.exitCode, run.toString());
        assertEquals("framereel: " + dir + ": is a directory\n", run.err);
    }
}
