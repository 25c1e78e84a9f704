package io.framereel.storage.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framereel.storage.Image;
import io.framereel.storage.ImageIO;
import io.framereel.storage.ImageIOException;
import io.framereel.storage.ManualClock;
import io.framereel.storage.MemoryFrameBuffer;
import io.framereel.storage.MonotonicClock;
import io.framereel.storage.PixelFormat;
import io.framereel.storage.file.FileStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pre-trigger ring: overwrite-oldest, in-order drains while the writer runs, never a torn frame. */
class RingStoreTest {
    private static final int W = 16;
    private static final int H = 8;

    @TempDir
    Path dir;

    /** A frame whose every 8-byte word is its sequence number, so a torn copy is detectable. */
    private static Image frameFor(long seq, Image reuse) {
        ByteBuffer b = reuse.payload();
        for (int i = 0; i < b.capacity(); i += 8) {
            b.putLong(i, seq);
        }
        return reuse;
    }

    private static long checkUniform(Image img) {
        ByteBuffer b = img.payload().duplicate().order(ByteOrder.LITTLE_ENDIAN);
        long seq = b.getLong(b.position());
        for (int i = b.position(); i < b.limit(); i += 8) {
            assertEquals(seq, b.getLong(i), "torn frame: word at " + i + " differs from the first");
        }
        return seq;
    }

    private static RingStore ring(int capacity) {
        return RingStore.forFrames(capacity, W, H, PixelFormat.RGB565);
    }

    @Test
    void keepsTheLastCapacityFramesOverwritingTheOldest() throws Exception {
        RingStore ring = ring(5);
        Image img = Image.allocate(W, H, PixelFormat.RGB565, true);
        for (long s = 0; s < 12; s++) {
            assertEquals(s, ring.write(frameFor(s, img)));
        }
        assertEquals(12, ring.head());
        assertEquals(7, ring.oldest());
        assertEquals(5, ring.fill());
        try (RingReader r = ring.reader()) {
            assertEquals(7, r.next());
            MemoryFrameBuffer fb = new MemoryFrameBuffer();
            assertNull(r.read(6, fb), "frame 6 was overwritten");
            assertEquals(9, checkUniform(r.read(9, fb)));
            assertNull(r.read(12, fb), "frame 12 was not written yet");
        }
    }

    @Test
    void drainsInCaptureOrderIntoAFileStream() throws Exception {
        RingStore ring = ring(4);
        Image img = Image.allocate(W, H, PixelFormat.RGB565, false);
        for (long s = 0; s < 10; s++) {
            ring.write(frameFor(s, img).timestampNanos(1_000_000_000L + s * 40_000_000L));
        }
        Path file = dir.resolve("drain.bin");
        try (RingReader r = ring.reader(); ImageIO out = ImageIO.open(file, "w")) {
            assertEquals(4, r.drainTo(out));
            assertEquals(0, r.lostFrames());
            assertEquals(10, r.next());
            ring.write(frameFor(10, img).timestampNanos(1_000_000_000L + 10 * 40_000_000L));
            assertEquals(1, r.drainTo(out)); // follows live frames without a gap or a duplicate
        }
        try (FileStream in = (FileStream) ImageIO.open(file, "r")) {
            assertEquals(5, in.count());
            for (long s = 6; s <= 10; s++) {
                assertEquals(s, checkUniform(in.read(true, false, false)));
            }
            for (int i = 1; i < 5; i++) {
                assertEquals(40, in.index().elapsedMs(i), "frame " + i);
            }
        }
    }

    @Test
    void aReaderThatFallsBehindCountsLostFrames() throws Exception {
        RingStore ring = ring(3);
        Image img = Image.allocate(W, H, PixelFormat.RGB565, false);
        try (RingReader r = ring.reader(); ImageIO out = ImageIO.memory(W, H, PixelFormat.RGB565, 10)) {
            for (long s = 0; s < 8; s++) {
                ring.write(frameFor(s, img));
            }
            assertEquals(3, r.drainTo(out));
            assertEquals(5, r.lostFrames());
        }
    }

    @Test
    void theWriterDropsTheNewFrameRatherThanOverwriteOneBeingCopied() throws Exception {
        RingStore ring = ring(2);
        Image img = Image.allocate(W, H, PixelFormat.RGB565, false);
        ring.write(frameFor(0, img));
        ring.write(frameFor(1, img));
        RingReader r = ring.reader();
        r.reading = 0; // as if the reader were inside copy(0)
        assertEquals(-1, ring.write(frameFor(2, img)));
        assertEquals(1, ring.droppedFrames());
        r.reading = -1;
        assertEquals(0, checkUniform(r.read(0, new MemoryFrameBuffer())), "frame 0 survived intact");
        assertEquals(2, ring.write(frameFor(2, img)));
        r.close();
    }

    @Test
    void concurrentWriterAndDrainNeverProduceATornOrReorderedFrame() throws Exception {
        RingStore ring = new RingStore(8, W * H * 2, MonotonicClock.SYSTEM);
        long frames = 200_000;
        AtomicReference<Throwable> writerError = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            Image img = Image.allocate(W, H, PixelFormat.RGB565, true);
            try {
                for (long s = 0; s < frames; ) {
                    if (ring.write(frameFor(s, img)) >= 0) {
                        s++;
                    }
                }
            } catch (Throwable t) {
                writerError.set(t);
            }
        }, "ring-writer");
        CheckingSink sink = new CheckingSink();
        try (RingReader r = ring.reader()) {
            writer.start();
            while (writer.isAlive() || r.next() < ring.head()) {
                r.drainTo(sink.stream);
                sink.verify();
            }
            writer.join();
            assertNull(writerError.get());
            assertEquals(frames, sink.copied + r.lostFrames(), "every sequence is either copied or counted lost");
            assertTrue(sink.copied > 0);
        }
    }

    /** A memory stream that checks every frame written into it, then rewinds. */
    private static final class CheckingSink {
        final ImageIO stream;
        long copied;
        long lastSeq = -1;

        CheckingSink() throws ImageIOException {
            stream = ImageIO.memory(W, H, PixelFormat.RGB565, 8);
        }

        void verify() throws Exception {
            int n = stream.offset();
            stream.seek(0);
            for (int i = 0; i < n; i++) {
                long seq = checkUniform(stream.read(true, false, false));
                assertTrue(seq > lastSeq, "order: " + seq + " after " + lastSeq);
                lastSeq = seq;
                copied++;
            }
            stream.seek(0);
        }
    }

    @Test
    void aFrameLargerThanASlotIsAClearError() throws Exception {
        RingStore ring = ring(2);
        ImageIOException e = assertThrows(ImageIOException.class,
                () -> ring.write(Image.allocate(W * 2, H, PixelFormat.RGB565, false)));
        assertTrue(e.getMessage().contains("does not fit the 256-byte ring slot"), e.getMessage());
        assertEquals(0, ring.head());
    }

    @Test
    void onlyOneThreadMayWrite() throws Exception {
        RingStore ring = ring(2);
        ring.write(Image.allocate(W, H, PixelFormat.RGB565, false));
        AtomicReference<Throwable> error = new AtomicReference<>();
        Thread other = new Thread(() -> {
            try {
                ring.write(Image.allocate(W, H, PixelFormat.RGB565, false));
            } catch (Throwable t) {
                error.set(t);
            }
        }, "intruder");
        other.start();
        other.join();
        assertNotNull(error.get(), "run tests with -ea");
        assertTrue(error.get().getMessage().contains("one writer"), error.get().getMessage());
    }

    @Test
    void framesWithoutTimestampsAreStampedByTheRingClock() throws Exception {
        ManualClock clock = new ManualClock(0);
        RingStore ring = new RingStore(4, W * H * 2, clock);
        Image img = Image.allocate(W, H, PixelFormat.RGB565, false);
        ring.write(img);
        clock.advanceMillis(25);
        ring.write(img);
        try (RingReader r = ring.reader()) {
            MemoryFrameBuffer fb = new MemoryFrameBuffer();
            assertEquals(Image.NO_ELAPSED, r.read(0, fb).elapsedMs());
            Image second = r.read(1, fb);
            assertEquals(25, second.elapsedMs());
            assertEquals(25_000_000L, second.timestampNanos());
        }
    }

    @Test
    void findsTheOldestHeldFrameAtOrAfterATimestamp() throws Exception {
        RingStore ring = ring(5);
        Image img = Image.allocate(W, H, PixelFormat.RGB565, true);
        for (long s = 0; s < 8; s++) {
            ring.write(frameFor(s, img).timestampNanos(1_000 + s * 100));
        }
        // frames 3..7 are held, stamped 1300..1700
        assertEquals(1_300, ring.timestampOf(3));
        assertEquals(Image.NO_TIMESTAMP, ring.timestampOf(2), "overwritten");
        assertEquals(Image.NO_TIMESTAMP, ring.timestampOf(8), "not yet written");
        assertEquals(5, ring.firstAtOrAfter(1_450));
        assertEquals(5, ring.firstAtOrAfter(1_500));
        assertEquals(3, ring.firstAtOrAfter(0), "older than everything held: the oldest held");
        assertEquals(8, ring.firstAtOrAfter(1_701), "newer than everything: the head");
    }
}
