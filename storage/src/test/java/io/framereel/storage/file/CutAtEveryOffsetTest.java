package io.framereel.storage.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framereel.storage.ImageIO;
import io.framereel.storage.ImageIOException;
import io.framereel.storage.StreamOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import io.framereel.storage.PixelFormat;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stream file cut at every byte offset (what a crash can leave) keeps exactly the whole frames before the
 * cut: READ reports the rest as a torn tail, APPEND cuts exactly those bytes and continues.
 */
class CutAtEveryOffsetTest {
    private static final long SEED = 0x5EED_C0FFEEL;
    private static final int FRAMES = 12;
    /**
     * The frames cut through at every offset of their chunk: with this seed they are a 691-byte JPEG, a
     * grayscale, two binary, an RGB565 and a Bayer frame and two zero-byte ARGB8 frames (checked below), about
     * 2,600 cuts in all. The other frames are only cut at their boundaries.
     */
    private static final int[] CUT_FRAMES = {0, 2, 3, 4, 8, 9, 10};

    @TempDir
    Path dir;

    private final DeterministicFrames frames = new DeterministicFrames(SEED, 0);
    private byte[] whole;
    private long[] chunkEnds;

    @BeforeEach
    void writeTheWholeStream() throws IOException {
        Path file = dir.resolve("whole.bin");
        try (FileStream out = FileStream.open(file, ImageIO.Mode.WRITE, StreamOptions.DEFAULTS)) {
            for (int i = 0; i < FRAMES; i++) {
                out.write(frames.frame(i));
            }
            chunkEnds = new long[FRAMES];
            for (int i = 0; i < FRAMES; i++) {
                chunkEnds[i] = out.index().chunkEnd(i);
            }
        }
        whole = Files.readAllBytes(file);
        assertEquals(whole.length, chunkEnds[FRAMES - 1]);
    }

    @Test
    void cutFramesCoverEveryKindOfChunk() {
        Set<PixelFormat> formats = EnumSet.noneOf(PixelFormat.class);
        for (int k : CUT_FRAMES) {
            formats.add(frames.frame(k).format());
        }
        assertEquals(EnumSet.of(PixelFormat.JPEG, PixelFormat.GRAYSCALE, PixelFormat.BINARY, PixelFormat.ARGB8,
                PixelFormat.RGB565, PixelFormat.BAYER_BGGR), formats);
    }

    @Test
    void streamCutAtEveryOffsetKeepsTheWholeFramesBeforeTheCut() throws IOException {
        int tornCuts = 0;
        int cuts = 0;
        for (int k : CUT_FRAMES) {
            long from = k == 0 ? StreamFormat.FILE_HEADER_BYTES : chunkEnds[k - 1];
            for (long length = from; length <= chunkEnds[k]; length++) {
                tornCuts += checkCut((int) length) == TailDamage.Kind.TORN ? 1 : 0;
                cuts++;
            }
        }
        assertEquals(cuts - 2 * CUT_FRAMES.length, tornCuts,
                "every cut except the two on a chunk boundary leaves a torn tail");
    }

    @Test
    void streamCutAtEveryChunkBoundaryIsClean() throws IOException {
        assertEquals(TailDamage.Kind.NONE, checkCut(StreamFormat.FILE_HEADER_BYTES));
        for (long end : chunkEnds) {
            assertEquals(TailDamage.Kind.NONE, checkCut((int) end));
        }
    }

    /** Cuts the stream to {@code length} bytes, runs the recovery checks and returns the tail READ saw. */
    private TailDamage.Kind checkCut(int length) throws IOException {
        Path cut = dir.resolve("cut.bin");
        Files.write(cut, Arrays.copyOf(whole, length));
        int wholeFrames = wholeFramesWithin(length);
        long frameEnd = wholeFrames == 0 ? StreamFormat.FILE_HEADER_BYTES : chunkEnds[wholeFrames - 1];
        String where = "cut at " + length + " (frame seed " + SEED + ")";

        TailRecoveryCheck.Outcome outcome = TailRecoveryCheck.verify(cut, frames, 1, where);

        assertEquals(wholeFrames, outcome.framesAfterCrash, where + ": whole frames before the cut");
        assertEquals(length - frameEnd, outcome.tornBytes, where + ": torn bytes");
        assertEquals(length == frameEnd ? TailDamage.Kind.NONE : TailDamage.Kind.TORN, outcome.tail, where + ": tail");
        return outcome.tail;
    }

    @Test
    void streamCutInsideItsHeaderIsRefusedByReadAndAppendNamingTheFile() throws IOException {
        Path cut = dir.resolve("cut.bin");
        for (int length = 1; length < StreamFormat.FILE_HEADER_BYTES; length++) {
            Files.write(cut, Arrays.copyOf(whole, length));
            for (ImageIO.Mode mode : new ImageIO.Mode[] {ImageIO.Mode.READ, ImageIO.Mode.APPEND}) {
                ImageIOException e = assertThrows(ImageIOException.class,
                        () -> FileStream.open(cut, mode, StreamOptions.DEFAULTS).close(), "cut at " + length);
                assertTrue(e.getMessage().contains(cut.toString()) && e.getMessage().contains("header truncated"),
                        e.getMessage());
            }
        }
    }

    @Test
    void emptyFileIsRefusedByReadAndStartedAfreshByAppend() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.bin"));
        ImageIOException e = assertThrows(ImageIOException.class,
                () -> FileStream.open(empty, ImageIO.Mode.READ, StreamOptions.DEFAULTS).close());
        assertTrue(e.getMessage().contains(empty.toString()) && e.getMessage().contains("empty"), e.getMessage());

        try (FileStream out = FileStream.open(empty, ImageIO.Mode.APPEND, StreamOptions.DEFAULTS)) {
            assertEquals(0, out.count());
            out.write(frames.frame(0)).write(frames.frame(1));
        }
        try (FileStream in = FileStream.open(empty, ImageIO.Mode.READ, StreamOptions.DEFAULTS)) {
            assertEquals(2, in.count());
            TailRecoveryCheck.readAll(in, frames, "empty file after APPEND");
        }
    }

    private int wholeFramesWithin(long length) {
        int n = 0;
        while (n < FRAMES && chunkEnds[n] <= length) {
            n++;
        }
        return n;
    }
}
