package io.framereel.storage.file;

import static io.framereel.storage.TestImages.random;
import static io.framereel.storage.TestImages.toArray;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framereel.storage.EndOfStreamException;
import io.framereel.storage.Image;
import io.framereel.storage.ImageIO;
import io.framereel.storage.ImageIOException;
import io.framereel.storage.ManualClock;
import io.framereel.storage.MemoryFrameBuffer;
import io.framereel.storage.PixelFormat;
import io.framereel.storage.StreamOptions;
import io.framereel.storage.SyncPolicy;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File streams: the seed API's semantics on files, plus count-at-open, O(1) seek, truncation and append. */
class FileStreamTest {
    private static final PixelFormat[] FORMATS = PixelFormat.values();

    @TempDir
    Path dir;

    private List<Image> writeMixed(Path file, long seed, int frames) throws Exception {
        Random r = new Random(seed);
        List<Image> written = new ArrayList<>();
        try (ImageIO io = ImageIO.open(file, "w")) {
            for (int i = 0; i < frames; i++) {
                PixelFormat f = FORMATS[r.nextInt(FORMATS.length)];
                Image img = random(r.nextLong(), 1 + r.nextInt(70), 1 + r.nextInt(50), f, r.nextInt(3000), r.nextBoolean())
                        .elapsedMs(1 + r.nextInt(200));
                io.write(img);
                written.add(img);
            }
        }
        return written;
    }

    @Test
    void randomMixedFormatFramesRoundTrip() throws Exception {
        for (long seed = 1; seed <= 20; seed++) {
            Path file = dir.resolve("mixed" + seed + ".bin");
            List<Image> written = writeMixed(file, seed, 40);
            try (ImageIO io = ImageIO.open(file, "r")) {
                assertEquals(written.size(), io.count(), "seed " + seed);
                for (int i = 0; i < written.size(); i++) {
                    Image back = io.read(i % 2 == 0, false, false);
                    assertTrue(back.samePixels(written.get(i)), "seed " + seed + " frame " + i + ": " + back);
                    assertEquals(written.get(i).elapsedMs(), back.elapsedMs(), "seed " + seed + " frame " + i);
                }
                assertNull(io.read(true, false, false));
            }
        }
    }

    @Test
    void countIsKnownAtOpenAndSizeIsTheFileSize() throws Exception {
        Path file = dir.resolve("c.bin");
        writeMixed(file, 7, 13);
        try (ImageIO io = ImageIO.open(file, "r")) {
            assertEquals(13, io.count());
            assertEquals(0, io.offset());
            assertEquals(Files.size(file), io.size());
            assertEquals(ImageIO.FILE_STREAM, io.type());
            assertEquals(20, io.version().getAsInt());
            assertFalse(io.bufferSize().isPresent());
        }
    }

    @Test
    void seekGoesStraightToAnyFrame() throws Exception {
        Path file = dir.resolve("s.bin");
        List<Image> written = writeMixed(file, 3, 50);
        try (ImageIO io = ImageIO.open(file, "r")) {
            for (int i : new int[] {49, 0, 17, 17, 33, 1}) {
                assertSame(io, io.seek(i));
                assertEquals(i, io.offset());
                assertTrue(io.read(true, false, false).samePixels(written.get(i)), "frame " + i);
                assertEquals(i + 1, io.offset());
            }
            io.seek(50);
            assertNull(io.read(true, false, false));
            EndOfStreamException e = assertThrows(EndOfStreamException.class, () -> io.seek(51));
            assertTrue(e.getMessage().contains("50 frames"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> io.seek(-1));
        }
    }

    @Test
    void loopStartsOverAtTheEnd() throws Exception {
        Path file = dir.resolve("l.bin");
        List<Image> written = writeMixed(file, 4, 3);
        try (ImageIO io = ImageIO.open(file, "r")) {
            for (int i = 0; i < 7; i++) {
                assertTrue(io.read(true, true, false).samePixels(written.get(i % 3)), "read " + i);
            }
        }
    }

    @Test
    void readsOfAnEmptyStreamReturnNullEvenWhenLooping() throws Exception {
        Path file = dir.resolve("e.bin");
        ImageIO.open(file, "w").close();
        assertEquals(16, Files.size(file));
        try (ImageIO io = ImageIO.open(file, "r")) {
            assertEquals(0, io.count());
            assertNull(io.read());
        }
    }

    @Test
    void copyToFbLoadsTheFrameBufferAndFalseReturnsANewImage() throws Exception {
        Path file = dir.resolve("fb.bin");
        writeMixed(file, 5, 4);
        MemoryFrameBuffer fb = new MemoryFrameBuffer();
        try (ImageIO io = ImageIO.open(file, ImageIO.Mode.READ, StreamOptions.DEFAULTS.withFrameBuffer(fb))) {
            Image a = io.read(true, false, false);
            Image b = io.read(true, false, false);
            assertSame(a, b);
            assertSame(fb.image(), b);
            assertEquals(2, fb.frames());
            Image c = io.read(false, false, false);
            Image d = io.read(false, false, false);
            assertNotSame(c, d);
            assertFalse(c.payload().isDirect());
            assertEquals(2, fb.frames());
        }
    }

    @Test
    void writeAfterSeekIntoTheMiddleTruncatesTheRest() throws Exception {
        Path file = dir.resolve("t.bin");
        List<Image> written = writeMixed(file, 6, 10);
        Image replacement = random(99, 8, 8, PixelFormat.GRAYSCALE, 0, false).elapsedMs(5);
        try (ImageIO io = ImageIO.open(file, "a")) {
            io.seek(4).write(replacement);
            assertEquals(5, io.count());
            assertEquals(5, io.offset());
        }
        try (FileStream io = (FileStream) ImageIO.open(file, "r")) {
            assertEquals(5, io.count());
            assertEquals(TailDamage.Kind.NONE, io.tailDamage().kind());
            for (int i = 0; i < 4; i++) {
                assertTrue(io.read(true, false, false).samePixels(written.get(i)));
            }
            assertTrue(io.read(true, false, false).samePixels(replacement));
            assertEquals(io.index().chunkEnd(4), Files.size(file));
        }
    }

    @Test
    void writeModeStreamsCanReadBackAndSeek() throws Exception {
        Path file = dir.resolve("rw.bin");
        Image a = random(1, 4, 4, PixelFormat.RGB565, 0, true);
        Image b = random(2, 5, 3, PixelFormat.YUV422, 0, false);
        try (ImageIO io = ImageIO.open(file, "w")) {
            io.write(a).write(b);
            io.seek(0);
            assertTrue(io.read(true, false, false).samePixels(a));
            assertTrue(io.read(true, false, false).samePixels(b));
            io.write(a); // at the end again: appends
            assertEquals(3, io.count());
        }
    }

    @Test
    void readModeRefusesWrites() throws Exception {
        Path file = dir.resolve("ro.bin");
        writeMixed(file, 8, 2);
        try (ImageIO io = ImageIO.open(file, "r")) {
            ImageIOException e = assertThrows(ImageIOException.class,
                    () -> io.write(random(1, 2, 2, PixelFormat.GRAYSCALE, 0, false)));
            assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("'r'"), e.getMessage());
        }
    }

    @Test
    void useAfterCloseIsAClearErrorAndCloseIsIdempotent() throws Exception {
        Path file = dir.resolve("closed.bin");
        ImageIO io = ImageIO.open(file, "w");
        io.close();
        io.close();
        assertTrue(io.isClosed());
        for (org.junit.jupiter.api.function.Executable call : List.<org.junit.jupiter.api.function.Executable>of(
                () -> io.read(), () -> io.seek(0), () -> io.sync(),
                () -> io.write(random(1, 2, 2, PixelFormat.GRAYSCALE, 0, false)))) {
            ImageIOException e = assertThrows(ImageIOException.class, call);
            assertTrue(e.getMessage().contains("closed") && e.getMessage().contains(file.toString()), e.getMessage());
        }
    }

    @Test
    void appendContinuesAfterTheLastFrame() throws Exception {
        Path file = dir.resolve("ap.bin");
        List<Image> first = writeMixed(file, 9, 5);
        Image more = random(3, 10, 10, PixelFormat.BAYER_GRBG, 0, true).elapsedMs(12);
        try (FileStream io = (FileStream) ImageIO.open(file, "a")) {
            assertEquals(5, io.count());
            assertEquals(5, io.offset());
            assertEquals(0, io.recoveredBytes());
            io.write(more);
        }
        try (ImageIO io = ImageIO.open(file, "r")) {
            assertEquals(6, io.count());
            assertTrue(io.seek(0).read(true, false, false).samePixels(first.get(0)));
            assertTrue(io.seek(5).read(true, false, false).samePixels(more));
        }
    }

    @Test
    void appendDropsATornLastFrameAndContinues() throws Exception {
        Path file = dir.resolve("torn.bin");
        List<Image> written = writeMixed(file, 10, 6);
        long full = Files.size(file);
        long cut;
        try (FileStream io = (FileStream) ImageIO.open(file, "r")) {
            cut = io.index().chunkOffset(5) + 40; // inside the last frame
        }
        try (var ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(cut);
        }
        try (FileStream io = (FileStream) ImageIO.open(file, "r")) {
            assertEquals(5, io.count(), "read mode stops before the torn frame");
            assertEquals(TailDamage.Kind.TORN, io.tailDamage().kind());
            assertEquals(40, io.tailDamage().bytes());
            assertEquals(5, io.tailDamage().problem().frameIndex());
        }
        try (FileStream io = (FileStream) ImageIO.open(file, "a")) {
            assertEquals(5, io.count());
            assertEquals(40, io.recoveredBytes());
            io.write(written.get(5));
        }
        assertEquals(full, Files.size(file));
        try (ImageIO io = ImageIO.open(file, "r")) {
            for (Image img : written) {
                assertTrue(io.read(true, false, false).samePixels(img));
            }
        }
    }

    @Test
    void appendCreatesAMissingFile() throws Exception {
        Path file = dir.resolve("new.bin");
        try (ImageIO io = ImageIO.open(file, "a")) {
            io.write(random(1, 2, 2, PixelFormat.GRAYSCALE, 0, false));
        }
        try (ImageIO io = ImageIO.open(file, "r")) {
            assertEquals(1, io.count());
        }
    }

    @Test
    void writeKeepsTheImagePayloadUntouched() throws Exception {
        Image img = random(1, 7, 3, PixelFormat.RGB565, 0, true);
        ByteBuffer p = img.payload();
        p.position(0);
        try (ImageIO io = ImageIO.open(dir.resolve("p.bin"), "w")) {
            io.write(img).write(img);
        }
        assertEquals(0, p.position());
        assertEquals(42, p.limit());
    }

    @Test
    void elapsedIsClampedToWhatEveryOpenMvIdeAccepts() throws Exception {
        Path file = dir.resolve("clamp.bin");
        try (ImageIO io = ImageIO.open(file, "w")) {
            io.write(random(1, 1, 1, PixelFormat.GRAYSCALE, 0, false).elapsedMs(0));
            io.write(random(1, 1, 1, PixelFormat.GRAYSCALE, 0, false).elapsedMs(5_000_000));
        }
        try (FileStream io = (FileStream) ImageIO.open(file, "r")) {
            assertEquals(1, io.index().elapsedMs(0));
            assertEquals(1_000_000, io.index().elapsedMs(1));
        }
    }

    @Test
    void elapsedFollowsCaptureTimestampsWithoutDrift() throws Exception {
        Path file = dir.resolve("ts.bin");
        long period = 1_000_000_000L / 30;
        try (ImageIO io = ImageIO.open(file, "w")) {
            for (int i = 0; i < 300; i++) {
                io.write(random(i, 2, 2, PixelFormat.GRAYSCALE, 0, false).timestampNanos(5_000_000_000L + i * period)
                        .elapsedMs(i == 0 ? 33 : Image.NO_ELAPSED));
            }
        }
        try (FileStream io = (FileStream) ImageIO.open(file, "r")) {
            FrameIndex ix = io.index();
            long sum = 0;
            for (int i = 1; i < 300; i++) {
                assertTrue(ix.elapsedMs(i) == 33 || ix.elapsedMs(i) == 34, "frame " + i + ": " + ix.elapsedMs(i));
                sum += ix.elapsedMs(i);
            }
            assertEquals(Math.round(299 * period / 1e6), sum, 1); // 299 intervals of 33.33 ms, rounding does not pile up
        }
    }

    @Test
    void elapsedWithoutTimestampsIsTheTimeSinceThePreviousWrite() throws Exception {
        ManualClock clock = new ManualClock(1_000_000_000L);
        Path file = dir.resolve("clock.bin");
        try (ImageIO io = ImageIO.open(file, ImageIO.Mode.WRITE, StreamOptions.DEFAULTS.withClock(clock))) {
            clock.advanceMillis(100);
            io.write(random(1, 1, 1, PixelFormat.GRAYSCALE, 0, false));
            clock.advanceNanos(16_600_000);
            io.write(random(1, 1, 1, PixelFormat.GRAYSCALE, 0, false));
            clock.advanceNanos(16_600_000);
            io.write(random(1, 1, 1, PixelFormat.GRAYSCALE, 0, false));
        }
        try (FileStream io = (FileStream) ImageIO.open(file, "r")) {
            assertEquals(100, io.index().elapsedMs(0));
            assertEquals(17, io.index().elapsedMs(1));
            assertEquals(16, io.index().elapsedMs(2)); // 33.2 ms after frame 0: the rounding is carried
        }
    }

    @Test
    void syncPolicyCountsSyncs() throws Exception {
        Path file = dir.resolve("sync.bin");
        FileStream io = (FileStream) ImageIO.open(file, ImageIO.Mode.WRITE,
                StreamOptions.DEFAULTS.withSyncPolicy(SyncPolicy.everyFrames(3)));
        for (int i = 0; i < 10; i++) {
            io.write(random(i, 2, 2, PixelFormat.GRAYSCALE, 0, false));
        }
        assertEquals(3, io.syncCount());
        io.close();
        assertEquals(4, io.syncCount());
    }

    @Test
    void rejectsFramesLargerThanOpenMvToolsAccept() throws Exception {
        try (ImageIO io = ImageIO.open(dir.resolve("big.bin"), "w")) {
            ImageIOException e = assertThrows(ImageIOException.class,
                    () -> io.write(Image.of(40000, 1, PixelFormat.GRAYSCALE, ByteBuffer.allocate(40000))));
            assertTrue(e.getMessage().contains("40000x1"), e.getMessage());
            assertEquals(0, io.count());
        }
    }

    @Test
    void payloadOfAReadFrameIsExact() throws Exception {
        Path file = dir.resolve("x.bin");
        Image jpeg = random(5, 64, 48, PixelFormat.JPEG, 1234, false);
        try (ImageIO io = ImageIO.open(file, "w")) {
            io.write(jpeg);
        }
        try (ImageIO io = ImageIO.open(file, "r")) {
            assertArrayEquals(toArray(jpeg.payload()), toArray(io.read(false, false, false).payload()));
        }
    }
}
