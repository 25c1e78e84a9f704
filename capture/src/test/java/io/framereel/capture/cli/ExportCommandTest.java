package io.framereel.capture.cli;

import static io.framereel.capture.cli.CliRun.framereel;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framereel.storage.Image;
import io.framereel.storage.ImageIO;
import io.framereel.storage.PixelFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

// Scope: `framereel export --as raw`: file names, exact payloads, frame ranges, option validation.
class ExportCommandTest {
    @TempDir
    Path dir;

    /** Frame i is 3x2 GRAYSCALE filled with bytes i*10, i*10+1, …; frame 2 is a JPEG-format frame. */
    private Path mixedFrames(int count) throws IOException {
        Path file = dir.resolve("mixed.bin");
        try (ImageIO out = ImageIO.open(file, "w")) {
            for (int i = 0; i < count; i++) {
                out.write(i == 2 ? Image.of(4, 4, PixelFormat.JPEG, ByteBuffer.wrap(StreamBytes.bytes(0xFF, 0xD8, 0, 0xFF, 0xD9)))
                        : Image.of(3, 2, PixelFormat.GRAYSCALE, ByteBuffer.wrap(payload(i))));
            }
        }
        return file;
    }

    private static byte[] payload(int i) {
        byte[] b = new byte[6];
        for (int k = 0; k < b.length; k++) {
            b[k] = (byte) (i * 10 + k);
        }
        return b;
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void writesEachFramesExactPayloadNamedBySixDigitIndex() throws IOException {
        Path file = mixedFrames(4);
        Path to = dir.resolve("frames");

        CliRun run = framereel("export", file.toString(), "--to", to.toString());

        assertEquals(0, run.exitCode, run.toString());
        assertEquals(List.of("000000.raw", "000001.raw", "000002.raw", "000003.raw"), names(to));
        assertArrayEquals(payload(0), Files.readAllBytes(to.resolve("000000.raw")));
        assertArrayEquals(payload(1), Files.readAllBytes(to.resolve("000001.raw")));
        assertArrayEquals(StreamBytes.bytes(0xFF, 0xD8, 0, 0xFF, 0xD9), Files.readAllBytes(to.resolve("000002.raw")));
        assertArrayEquals(payload(3), Files.readAllBytes(to.resolve("000003.raw")));
        assertTrue(run.out.contains("exported frames 0..3 (4)"), run.out);
    }

    @Test
    void exportsOnlyTheInclusiveRange() throws IOException {
        Path file = mixedFrames(12);
        Path to = dir.resolve("frames");

        CliRun run = framereel("export", file.toString(), "--to", to.toString(), "--frames", "9..11");

        assertEquals(0, run.exitCode, run.toString());
        assertEquals(List.of("000009.raw", "000010.raw", "000011.raw"), names(to));
        assertArrayEquals(payload(10), Files.readAllBytes(to.resolve("000010.raw")));
    }

    @Test
    void acceptsOpenEndedAndSingleFrameRanges() throws IOException {
        Path file = mixedFrames(5);

        framereel("export", file.toString(), "--to", dir.resolve("tail").toString(), "--frames", "3..");
        framereel("export", file.toString(), "--to", dir.resolve("head").toString(), "--frames", "..1");
        framereel("export", file.toString(), "--to", dir.resolve("one").toString(), "--frames", "4");

        assertEquals(List.of("000003.raw", "000004.raw"), names(dir.resolve("tail")));
        assertEquals(List.of("000000.raw", "000001.raw"), names(dir.resolve("head")));
        assertEquals(List.of("000004.raw"), names(dir.resolve("one")));
    }

    @Test
    void writesV10Rgb565InNativeByteOrder() throws IOException {
        Path file = dir.resolve("v10.bin");
        // One 2x1 frame: red (0xF800) and blue (0x001F), stored big-endian as V1.0 did.
        Files.write(file, StreamBytes.header("V1.0").chunkV1(40, 2, 1, 2, StreamBytes.bytes(0xF8, 0x00, 0x00, 0x1F))
                .toByteArray());
        Path to = dir.resolve("frames");

        CliRun run = framereel("export", file.toString(), "--to", to.toString(), "--as", "RAW");

        assertEquals(0, run.exitCode, run.toString());
        assertArrayEquals(StreamBytes.bytes(0x00, 0xF8, 0x1F, 0x00), Files.readAllBytes(to.resolve("000000.raw")));
    }

    @Test
    void refusesADestinationThatIsAFile() throws IOException {
        Path file = mixedFrames(1);
        Path notADir = Files.write(dir.resolve("plain"), new byte[1]);

        CliRun run = framereel("export", file.toString(), "--to", notADir.toString());

        assertEquals(2, run.exitCode, run.toString());
        assertTrue(run.err.contains(notADir + ": exists and is not a directory"), run.err);
    }

    @Test
    void needsADestinationOrAContactSheet() throws IOException {
        CliRun run = framereel("export", mixedFrames(1).toString());

        assertEquals(2, run.exitCode, run.toString());
        assertTrue(run.err.startsWith("framereel: nothing to do"), run.err);
    }

    @Test
    void rejectsAnUnknownExportFormat() throws IOException {
        CliRun run = framereel("export", mixedFrames(1).toString(), "--to", dir.resolve("x").toString(), "--as", "tiff");

        assertEquals(2, run.exitCode, run.toString());
        assertTrue(run.err.contains("'tiff' is not an export format"), run.err);
        assertFalse(Files.exists(dir.resolve("x")));
    }
}
