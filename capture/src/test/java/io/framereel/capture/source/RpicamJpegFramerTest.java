package io.framereel.capture.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Cutting rpicam-vid's MJPEG stdout into JPEGs: by SOI/EOI, segment-aware, whatever the pipe's chunking. */
class RpicamJpegFramerTest {
    private static final int W = 64;
    private static final int H = 48;

    private static byte[] pattern(long k) {
        return RpicamStandIn.jpegFrame(W, H, 30, k, false);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.write(p, 0, p.length);
        }
        return out.toByteArray();
    }

    /** Frames everything in {@code in} with a buffer of {@code capacity}; SKIPPED results appear as null. */
    private static List<byte[]> frameAll(RpicamJpegFramer framer, InputStream in, int capacity) throws IOException {
        List<byte[]> frames = new ArrayList<>();
        byte[] buffer = new byte[capacity];
        int n;
        while ((n = framer.next(in, buffer)) != RpicamFramer.END) {
            frames.add(n == RpicamFramer.SKIPPED ? null : Arrays.copyOf(buffer, n));
        }
        return frames;
    }

    /** A stream that hands out at most {@code max} bytes per read, like a pipe read mid-write. */
    private static InputStream trickle(byte[] bytes, int max) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, max));
            }
        };
    }

    @Test
    void cutsConcatenatedJpegsAtTheirEoiMarkers() throws IOException {
        byte[][] jpegs = {pattern(0), pattern(1), pattern(2)};
        RpicamJpegFramer framer = new RpicamJpegFramer();
        List<byte[]> frames = frameAll(framer, new ByteArrayInputStream(concat(jpegs)), 64 * 1024);
        assertEquals(3, frames.size());
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(jpegs[i], frames.get(i), "frame " + i);
        }
        assertEquals(0, framer.skippedBytes());
        assertEquals(0, framer.partialBytes());
        assertEquals(jpegs[0].length + jpegs[1].length + jpegs[2].length, framer.streamOffset());
    }

    @Test
    void skipsAndCountsJunkBetweenFramesEvenWhenItHoldsAnEoi() throws IOException {
        byte[] a = pattern(0);
        byte[] b = pattern(1);
        byte[] stream = concat(RpicamStandIn.JUNK, a, RpicamStandIn.JUNK, b, RpicamStandIn.JUNK);
        RpicamJpegFramer framer = new RpicamJpegFramer();
        List<byte[]> frames = frameAll(framer, new ByteArrayInputStream(stream), 64 * 1024);
        assertEquals(2, frames.size());
        assertArrayEquals(a, frames.get(0));
        assertArrayEquals(b, frames.get(1));
        assertEquals(3L * RpicamStandIn.JUNK.length, framer.skippedBytes());
    }

    @Test
    void anEoiInsideAMarkerSegmentDoesNotEndTheFrame() throws IOException {
        byte[] trapped = RpicamStandIn.jpegFrame(W, H, 30, 0, true); // COM segment holding FF D9 after the SOI
        byte[] next = pattern(1);
        List<byte[]> frames = frameAll(new RpicamJpegFramer(), new ByteArrayInputStream(concat(trapped, next)),
                64 * 1024);
        assertEquals(2, frames.size());
        assertArrayEquals(trapped, frames.get(0), "the whole JPEG, not the first 10 bytes");
        assertArrayEquals(next, frames.get(1));
    }

    @Test
    void stuffedBytesAndRestartMarkersInEntropyDataDoNotEndTheFrame() throws IOException {
        byte[] jpeg = {
            (byte) 0xFF, (byte) 0xD8,                                   // SOI
            (byte) 0xFF, (byte) 0xDB, 0, 5, 1, (byte) 0xFF, (byte) 0xD9, // DQT-like segment with 255, 217 in it
            (byte) 0xFF, (byte) 0xDA, 0, 3, 0,                          // SOS header
            0x12, (byte) 0xFF, 0x00, 0x34,                              // entropy data with a stuffed FF
            (byte) 0xFF, (byte) 0xD3, 0x56,                             // RST3, more data
            (byte) 0xFF, (byte) 0xFF, (byte) 0xD9};                     // fill byte, EOI
        List<byte[]> frames = frameAll(new RpicamJpegFramer(), new ByteArrayInputStream(concat(jpeg, pattern(0))),
                64 * 1024);
        assertEquals(2, frames.size());
        assertArrayEquals(jpeg, frames.get(0));
    }

    @Test
    void framesTheSameWhateverThePipeHandsOutPerRead() throws IOException {
        byte[][] jpegs = {pattern(3), RpicamStandIn.jpegFrame(W, H, 30, 4, true), pattern(5)};
        byte[] stream = concat(jpegs[0], RpicamStandIn.JUNK, jpegs[1], jpegs[2], RpicamStandIn.JUNK);
        for (int max : new int[] {1, 2, 3, 7, 64, 1000}) {
            List<byte[]> frames = frameAll(new RpicamJpegFramer(), trickle(stream, max), 64 * 1024);
            assertEquals(3, frames.size(), "reads of " + max);
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(jpegs[i], frames.get(i), "frame " + i + " with reads of " + max + " bytes");
            }
        }
        long seed = 20240611L;
        Random random = new Random(seed);
        for (int round = 0; round < 20; round++) {
            int max = 1 + random.nextInt(5000);
            List<byte[]> frames = frameAll(new RpicamJpegFramer(), trickle(stream, max), 64 * 1024);
            assertEquals(3, frames.size(), "seed " + seed + " round " + round + " reads of " + max);
            assertArrayEquals(jpegs[2], frames.get(2), "seed " + seed + " round " + round);
        }
    }

    @Test
    void aJpegTooBigForTheBufferIsSkippedWholeAndTheNextOneFramed() throws IOException {
        byte[] big = pattern(0);
        byte[] small = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9};
        List<byte[]> frames = frameAll(new RpicamJpegFramer(), new ByteArrayInputStream(concat(big, small)),
                big.length - 1);
        assertEquals(2, frames.size());
        assertEquals(null, frames.get(0), "too big: skipped");
        assertArrayEquals(small, frames.get(1));
    }

    @Test
    void aNewSoiBeforeTheEoiDropsTheTornFrameAndKeepsTheNewOne() throws IOException {
        byte[] whole = pattern(1);
        byte[] cut = pattern(0);
        byte[] torn = Arrays.copyOf(cut, cut.length - 100); // cut inside its entropy-coded data
        List<byte[]> frames = frameAll(new RpicamJpegFramer(), new ByteArrayInputStream(concat(torn, whole)),
                64 * 1024);
        assertEquals(2, frames.size());
        assertEquals(null, frames.get(0), "the torn frame is skipped");
        assertArrayEquals(whole, frames.get(1));
    }

    @Test
    void theStreamEndingInsideAFrameReportsHowFarItGot() throws IOException {
        byte[] first = pattern(0);
        byte[] cut = Arrays.copyOf(pattern(1), 500);
        RpicamJpegFramer framer = new RpicamJpegFramer();
        List<byte[]> frames = frameAll(framer, new ByteArrayInputStream(concat(first, cut)), 64 * 1024);
        assertEquals(1, frames.size());
        assertEquals(500, framer.partialBytes());
        assertEquals(first.length + 500, framer.streamOffset());
    }
}
