package io.framereel.storage.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.framereel.storage.EndOfStreamException;
import io.framereel.storage.Image;
import io.framereel.storage.ImageIO;
import io.framereel.storage.ImageIOException;
import io.framereel.storage.MemoryFrameBuffer;
import io.framereel.storage.PixelFormat;
import io.framereel.storage.StreamOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;

/**
 * Stream files made of arbitrary bytes: READ and APPEND either work, with every frame inside the file, or fail
 * with an ImageIOException naming the file; nothing else escapes, and nothing is allocated beyond the file's
 * size.
 *
 * <p>Without {@code JAZZER_FUZZ} (the normal build) each method runs once per file of its seed corpus
 * ({@code src/test/resources/io/framereel/storage/file/StreamReaderFuzzTestInputs/<method>/}, made by
 * {@link FuzzSeedCorpus}); with {@code JAZZER_FUZZ=1} Jazzer mutates that corpus (see the {@code fuzz}
 * profile in storage/pom.xml), helped by the format's tokens in {@code stream.dict}. The bytes are the whole
 * file; the seeks to try are derived from a hash of them, so every corpus file is a plain stream file that
 * OpenMV tools can open too.
 *
 * <p>Coverage guidance note: the scanner widens header fields to unsigned {@code long} before comparing them,
 * which libFuzzer's compare tracing matches less well than 32-bit compares; the dictionary supplies the
 * boundary values (32767, 32768, the 2 GiB payload limit) so the long runs still reach them.
 */
class StreamReaderFuzzTest {
    private static final Path DIR = createDir();
    private static final Path FILE = DIR.resolve("fuzz.bin");
    private static final Image APPENDED_GRAY = Image.of(3, 2, PixelFormat.GRAYSCALE,
            ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5, 6})).elapsedMs(40);
    private static final Image APPENDED_JPEG = Image.of(160, 120, PixelFormat.JPEG,
            ByteBuffer.wrap(new byte[] {(byte) 0xFF, (byte) 0xD8, 0, (byte) 0xFF, (byte) 0xD9})).elapsedMs(33);

    @DictionaryFile(resourcePath = "stream.dict")
    @FuzzTest(maxDuration = "10m")
    void readModeReadsEveryFrameInsideTheFileOrFailsNamingIt(byte[] data) throws IOException {
        Files.write(FILE, data);
        MemoryFrameBuffer frameBuffer = new MemoryFrameBuffer();
        FileStream in;
        try {
            in = FileStream.open(FILE, ImageIO.Mode.READ, StreamOptions.DEFAULTS.withFrameBuffer(frameBuffer));
        } catch (ImageIOException e) {
            assertNamesTheFile(e);
            return;
        }
        try (in) {
            checkIndexLiesInsideTheFile(in, data.length);
            for (int i = 0; i < in.count(); i++) {
                Image fresh = in.read(false, false, false);
                assertTrue(fresh.payload().capacity() <= data.length, "frame " + i + " allocated past the file");
                in.seek(i);
                Image inFrameBuffer = in.read(true, false, false);
                assertTrue(fresh.samePixels(inFrameBuffer), "frame " + i + " differs between the two read paths");
                assertTrue(inFrameBuffer.payload().capacity() <= Math.max(64, data.length),
                        "frame buffer grew past the file for frame " + i);
            }
            assertNull(in.read(true, false, false), "read past the last frame");
            seekAtRandom(in, data);
        } catch (ImageIOException e) {
            assertNamesTheFile(e); // e.g. a frame that fails to read; the stream stays usable, so just report
        }
    }

    @DictionaryFile(resourcePath = "stream.dict")
    @FuzzTest(maxDuration = "10m")
    void appendModeCutsOnlyTheTailAndAppendsOrFailsLeavingTheFileAlone(byte[] data) throws IOException {
        Files.write(FILE, data);
        int count;
        long kept;
        try (FileStream out = FileStream.open(FILE, ImageIO.Mode.APPEND, StreamOptions.DEFAULTS)) {
            count = out.count();
            kept = Files.size(FILE);
            checkIndexLiesInsideTheFile(out, kept);
            if (data.length > 0) {
                assertEquals(data.length - out.recoveredBytes(), kept, "APPEND cut more than it reported");
                assertArrayEquals(Arrays.copyOf(data, (int) kept), Files.readAllBytes(FILE),
                        "APPEND changed bytes before the cut");
            }
            out.write(APPENDED_GRAY).write(APPENDED_JPEG);
        } catch (ImageIOException e) {
            assertNamesTheFile(e);
            assertArrayEquals(data, Files.readAllBytes(FILE), "a refused APPEND must leave the file as it was");
            return;
        }
        try (FileStream in = FileStream.open(FILE, ImageIO.Mode.READ, StreamOptions.DEFAULTS)) {
            assertEquals(TailDamage.Kind.NONE, in.tailDamage().kind(), "tail after APPEND");
            assertEquals(count + 2, in.count(), "frames after APPEND");
            in.seek(count);
            assertTrue(APPENDED_GRAY.samePixels(in.read(false, false, false)), "first appended frame");
            assertTrue(APPENDED_JPEG.samePixels(in.read(true, false, false)), "second appended frame");
        }
    }

    private static void checkIndexLiesInsideTheFile(FileStream stream, long fileBytes) {
        FrameIndex index = stream.index();
        for (int i = 0; i < index.size(); i++) {
            assertTrue(index.width(i) >= 1 && index.width(i) <= StreamFormat.MAX_DIMENSION
                    && index.height(i) >= 1 && index.height(i) <= StreamFormat.MAX_DIMENSION,
                    "frame " + i + " geometry " + index.width(i) + "x" + index.height(i));
            assertTrue(index.payloadBytes(i) >= 0 && index.dataOffset(i) + index.payloadBytes(i) <= fileBytes
                    && index.chunkEnd(i) <= fileBytes, "frame " + i + " reaches past the end of the file");
        }
        TailDamage tail = stream.tailDamage();
        if (tail.kind() != TailDamage.Kind.NONE) {
            assertEquals(TailRecoveryCheck.validEnd(index), tail.offset(), "tail starts after the last whole frame");
            assertTrue(tail.problem().getMessage().contains(stream.path().toString()), tail.problem().getMessage());
        }
        if (stream.mode() == ImageIO.Mode.READ) {
            assertNotEquals(TailDamage.Kind.GARBAGE, tail.kind(), "READ opened a stream with a garbage tail");
        }
    }

    /** Seeks to frames chosen by a hash of the input, reading with and without looping. */
    private static void seekAtRandom(FileStream in, byte[] data) throws IOException {
        SplittableRandom random = new SplittableRandom(Arrays.hashCode(data));
        int count = in.count();
        for (int i = 0; i < 8; i++) {
            int target = random.nextInt(count + 1);
            in.seek(target);
            Image image = in.read(random.nextBoolean(), true, false);
            if (count == 0) {
                assertNull(image, "read of an empty stream");
            } else {
                assertEquals(in.index().width(target == count ? 0 : target), image.width(), "frame after seek");
            }
        }
        EndOfStreamException e = assertThrows(EndOfStreamException.class, () -> in.seek(count + 1));
        assertNamesTheFile(e);
    }

    private static void assertNamesTheFile(ImageIOException e) {
        assertTrue(e.getMessage().contains(FILE.toString()), "message does not name the file: " + e.getMessage());
    }

    private static Path createDir() {
        try {
            return Files.createTempDirectory("stream-reader-fuzz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void deleteDir() throws IOException {
        try (Stream<Path> files = Files.walk(DIR)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
