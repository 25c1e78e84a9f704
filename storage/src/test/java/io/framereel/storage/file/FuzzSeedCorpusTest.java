package io.framereel.storage.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framereel.storage.Image;
import io.framereel.storage.ImageIO;
import io.framereel.storage.ImageIOException;
import io.framereel.storage.PixelFormat;
import io.framereel.storage.StreamOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The committed fuzz seed corpus is what {@link FuzzSeedCorpus} makes, and its seeds are what their names say. */
class FuzzSeedCorpusTest {
    @TempDir
    Path dir;

    @Test
    void everyGeneratedSeedIsCommittedForEveryFuzzMethod() throws IOException {
        for (String method : FuzzSeedCorpus.METHODS) {
            for (Map.Entry<String, byte[]> seed : FuzzSeedCorpus.seeds().entrySet()) {
                String resource = FuzzSeedCorpus.RESOURCE_DIR + "/" + method + "/" + seed.getKey();
                try (InputStream in = getClass().getResourceAsStream(resource)) {
                    assertNotNull(in, resource + " is missing; run FuzzSeedCorpus.main from storage/");
                    assertArrayEquals(seed.getValue(), in.readAllBytes(), resource + " differs from the generator");
                }
            }
        }
    }

    @Test
    void workedExamplesOfTheFormatReferenceDecodeAsDocumented() throws IOException {
        Image rgb = only("v20-rgb565-2x2-example");
        assertEquals("2x2 RGB565 8B elapsed=33ms", rgb.toString());
        assertEquals(ByteBuffer.wrap(new byte[] {0x00, (byte) 0xF8, (byte) 0xE0, 0x07, 0x1F, 0x00, (byte) 0xFF,
            (byte) 0xFF}), rgb.payload());
        Image jpeg = only("v20-jpeg-160x120-example");
        assertEquals("160x120 JPEG 5B elapsed=40ms", jpeg.toString());
        Image gray = only("v11-gray-3x3-example");
        assertEquals("3x3 GRAYSCALE 9B elapsed=10ms", gray.toString());
        assertEquals(ByteBuffer.wrap(new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8}), gray.payload());
    }

    /** Frames READ finds and the tail it reports; "refused" means READ throws naming the file and the reason. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "v10-all-types, 4, NONE, ",
        "v11-all-types, 5, NONE, ",
        "v21-elapsed-microseconds, 2, NONE, ",
        "v20-mixed-formats, 13, NONE, ",
        "v20-header-only, 0, NONE, ",
        "v20-many-frames-across-scan-window, 240, NONE, ",
        "v20-large-jpeg-across-scan-window, 2, NONE, ",
        "v20-mixed-cut-in-chunk-header, 12, TORN, chunk header truncated",
        "v20-mixed-cut-in-payload, 12, TORN, PNG frame needs 80 bytes but only 49 remain",
        "v20-mixed-cut-in-padding, 11, TORN, JPEG frame needs 80 bytes but only 74 remain",
        "v20-rgb565-cut-in-padding, 0, TORN, only",
        "v20-zero-filled-tail, 1, TORN, zero-filled",
        "v20-huge-rgb565-32767x32767, 0, TORN, needs 2147352624 bytes",
        "v20-huge-binary-32767x32767, 0, TORN, needs",
        "v20-png-size-7fffffff, 0, refused, more than the 2 GiB",
        "v20-jpeg-size-fffffff0, 0, refused, more than the 2 GiB",
        "v10-jpeg-bpp-ffffffff, 0, refused, more than the 2 GiB",
        "v11-jpeg-bpp-just-over-2gib-limit, 0, refused, more than the 2 GiB",
        "v20-jpeg-size-at-2gib-limit, 0, TORN, needs 2147483616 bytes",
        "v20-width-ffffffff, 0, refused, invalid geometry 4294967295x2",
        "v20-height-zero, 0, refused, invalid geometry 2x0",
        "v20-dimension-32768, 0, refused, invalid geometry 32768x1",
        "v20-pixformat-zero, 0, refused, invalid pixformat 0x00000000",
        "v20-pixformat-off-by-one, 0, refused, invalid pixformat 0x0C030003",
        "v20-pixformat-old-jpeg-encoding, 0, refused, invalid pixformat 0x02060000",
        "v20-valid-then-bad-pixformat, 1, refused, invalid pixformat 0x12345678",
        "v20-garbage-tail, 1, refused, invalid",
        "version-v3.0, 0, refused, unsupported version V3.0",
        "version-v1.2, 0, refused, unsupported version V1.2",
        "version-not-digits, 0, refused, malformed version",
        "version-no-dot, 0, refused, malformed version",
        "magic-lower-case, 0, refused, not an OpenMV image stream",
        "magic-wrong, 0, refused, not an OpenMV image stream",
        "header-cut-at-15, 0, refused, header truncated",
        "header-cut-at-1, 0, refused, header truncated",
    })
    void seedOpensInReadModeAsItsNameSays(String seed, int frames, String tail, String problem) throws IOException {
        Path file = seedFile(seed);
        if (tail.equals("refused")) {
            ImageIOException e = assertThrows(ImageIOException.class,
                    () -> FileStream.open(file, ImageIO.Mode.READ, StreamOptions.DEFAULTS).close());
            assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains(problem), e.getMessage());
            return;
        }
        try (FileStream in = FileStream.open(file, ImageIO.Mode.READ, StreamOptions.DEFAULTS)) {
            assertEquals(frames, in.count());
            assertEquals(TailDamage.Kind.valueOf(tail), in.tailDamage().kind(), in.tailDamage().toString());
            if (problem != null) {
                assertTrue(in.tailDamage().problem().getMessage().contains(problem), in.tailDamage().toString());
            }
        }
    }

    private Image only(String seed) throws IOException {
        try (FileStream in = FileStream.open(seedFile(seed), ImageIO.Mode.READ, StreamOptions.DEFAULTS)) {
            assertEquals(1, in.count(), seed);
            return in.read(false, false, false);
        }
    }

    private Path seedFile(String seed) throws IOException {
        return Files.write(dir.resolve(seed), FuzzSeedCorpus.seeds().get(seed));
    }

    @Test
    void mixedSeedHoldsEveryPixelFormat() throws IOException {
        EnumSet<PixelFormat> formats = EnumSet.noneOf(PixelFormat.class);
        try (FileStream in = FileStream.open(seedFile("v20-mixed-formats"), ImageIO.Mode.READ, StreamOptions.DEFAULTS)) {
            for (int i = 0; i < in.count(); i++) {
                formats.add(in.index().format(i));
            }
        }
        assertEquals(EnumSet.allOf(PixelFormat.class), formats);
    }
}
