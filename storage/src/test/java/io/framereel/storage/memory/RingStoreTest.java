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
import java.util.SplittableRandom;
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
    void aLargeFrameThatWouldEvictAFrameBeingCopiedIsDroppedAndEveryOlderFrameStaysHeld() throws Exception {
        // one block of 64 bytes: four 16-byte frames fill it, then a 48-byte frame needs the first three
        RingStore ring = new RingStore(8, 64, 64, MonotonicClock.SYSTEM);
        ByteBuffer scratch = scratch(64);
        Image view = Image.empty();
        for (long s = 0; s < 4; s++) {
            scratch.clear();
            ring.write(packedFrame(s, 16, scratch, view));
        }
        RingReader r = ring.reader();
        r.reading = 1; // as if the reader were inside copy(1), the second of the three
        scratch.clear();
        assertEquals(-1, ring.write(packedFrame(4, 48, scratch, view)));
        assertEquals(0, ring.oldest(), "the eviction was undone");
        assertEquals(1, ring.droppedFrames());
        r.reading = -1;
        MemoryFrameBuffer fb = new MemoryFrameBuffer();
        for (long s = 0; s < 4; s++) {
            assertEquals(s, checkUniform(r.read(s, fb)), "frame " + s + " survived intact");
        }
        scratch.clear();
        assertEquals(4, ring.write(packedFrame(4, 48, scratch, view)));
        assertEquals(3, ring.oldest(), "frames 0-2 made room, frame 3 stays");
        assertEquals(4, checkUniform(r.read(4, fb)));
        assertEquals(3, checkUniform(r.read(3, fb)));
        r.close();
    }

    @Test
    void writingAndReadingMixedSizesAllocatesNothingOnceTheRingHasGrown() throws Exception {
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        int maxFrame = 64 * 1024;
        RingStore ring = new RingStore(40, maxFrame, 8L << 20, MonotonicClock.SYSTEM);
        ByteBuffer scratch = scratch(maxFrame);
        Image view = Image.empty();
        MemoryFrameBuffer fb = new MemoryFrameBuffer();
        try (RingReader r = ring.reader()) {
            long s = 0;
            for (; s < 20_000; s++) { // grows to what 40 frames take (sizes repeat every 8192 frames); warms up
                scratch.clear();
                ring.write(packedFrame(s, sizeOf(s, maxFrame), scratch, view));
                r.read(s, fb);
            }
            long thread = Thread.currentThread().getId();
            long before = threads.getThreadAllocatedBytes(thread);
            for (; s < 30_000; s++) {
                scratch.clear();
                ring.write(packedFrame(s, sizeOf(s, maxFrame), scratch, view));
                r.read(s - 20, fb);
            }
            long allocated = threads.getThreadAllocatedBytes(thread) - before;
            assertTrue(allocated < 1_000, allocated + " bytes allocated in 10,000 writes and reads");
            assertEquals(40, ring.fill());
        }
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

    /** A JPEG-like frame of {@code bytes} bytes (a multiple of 8) whose every word is {@code seq}. */
    private static Image packedFrame(long seq, int bytes, ByteBuffer scratch, Image view) {
        for (int i = 0; i < bytes; i += 8) {
            scratch.putLong(i, seq);
        }
        scratch.limit(bytes).position(0);
        return view.set(W, H, PixelFormat.JPEG, scratch, Image.NO_ELAPSED, 1_000 + seq);
    }

    /** The size frame {@code seq} gets in the variable-size tests: 8..maxBytes, a multiple of 8. */
    private static int sizeOf(long seq, int maxBytes) {
        return 8 * (1 + (int) Math.floorMod(seq * 7919, maxBytes / 8));
    }

    private static ByteBuffer scratch(int bytes) {
        return ByteBuffer.allocateDirect(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void compressedFramesTakeTheirOwnSizeSoSecondsFitInAFractionOfTheirMaximumSize() throws Exception {
        // a 1280x720 MJPEG camera: 1.8 MB frames announced, about 0.1 MB sent; 3 s at 30 fps wanted
        int announced = 1_843_200;
        int sent = 100_000;
        RingStore ring = new RingStore(90, announced, 48L << 20, MonotonicClock.SYSTEM);
        ByteBuffer scratch = scratch(sent);
        Image view = Image.empty();
        for (long s = 0; s < 400; s++) {
            assertEquals(s, ring.write(packedFrame(s, sent, scratch, view)));
        }
        assertEquals(90, ring.fill(), "all 90 frames held: slots of the announced size would hold 27");
        assertEquals(310, ring.oldest());
        assertTrue(ring.bytesAllocated() <= 7L * announced, "memory grew to what 90 real frames take: "
                + ring.bytesAllocated() + " bytes");
        try (RingReader r = ring.reader()) {
            MemoryFrameBuffer fb = new MemoryFrameBuffer();
            for (long s = 310; s < 400; s++) {
                Image img = r.read(s, fb);
                assertEquals(sent, img.payload().remaining(), "frame " + s);
                assertEquals(s, checkUniform(img));
                assertEquals(1_000 + s, img.timestampNanos());
            }
        }
    }

    @Test
    void theByteCapLimitsFramesHeldWhenFramesAreLarge() throws Exception {
        int frame = 640 * 480 * 2;
        RingStore ring = new RingStore(90, frame, 16L << 20, MonotonicClock.SYSTEM);
        ByteBuffer scratch = scratch(frame);
        Image view = Image.empty();
        for (long s = 0; s < 100; s++) {
            assertEquals(s, ring.write(packedFrame(s, frame, scratch, view)));
        }
        assertEquals((16 << 20) / frame, ring.fill(), "whole frames within 16 MiB");
        assertTrue(ring.bytesAllocated() <= 16L << 20, ring.bytesAllocated() + " bytes");
        assertEquals(ring.bytesAllocated(), ring.maxBytes());
        try (RingReader r = ring.reader()) {
            assertEquals(99, checkUniform(r.read(99, new MemoryFrameBuffer())));
            assertNull(r.read(ring.oldest() - 1, new MemoryFrameBuffer()));
        }
    }

    @Test
    void framesOfMixedSizesAreHeldWholeOldestFirstAndAFixedCapacityRingAlwaysHoldsItsCapacity() throws Exception {
        SplittableRandom random = new SplittableRandom(42);
        for (int round = 0; round < 200; round++) {
            int capacity = 1 + random.nextInt(40);
            int maxFrame = 8 * (1 + random.nextInt(64));
            boolean capped = random.nextBoolean();
            long cap = maxFrame + random.nextInt(capacity * maxFrame + 1);
            RingStore ring = capped ? new RingStore(capacity, maxFrame, cap, MonotonicClock.SYSTEM)
                    : new RingStore(capacity, maxFrame, MonotonicClock.SYSTEM);
            ByteBuffer scratch = scratch(maxFrame);
            Image view = Image.empty();
            MemoryFrameBuffer fb = new MemoryFrameBuffer();
            long frames = 1 + random.nextInt(capacity * 6);
            try (RingReader r = ring.reader()) {
                for (long s = 0; s < frames; s++) {
                    int bytes = 8 * (1 + random.nextInt(maxFrame / 8));
                    scratch.clear();
                    assertEquals(s, ring.write(packedFrame(s, bytes, scratch, view)));
                    String where = "round " + round + " (capacity " + capacity + ", frames of up to " + maxFrame
                            + (capped ? ", cap " + cap : "") + ") after frame " + s;
                    assertTrue(ring.fill() >= 1 && ring.fill() <= capacity, where + ": fill " + ring.fill());
                    if (!capped) {
                        assertEquals(Math.min(s + 1, capacity), ring.fill(), where);
                    }
                    assertTrue(ring.bytesAllocated() <= ring.maxBytes(), where);
                    for (long held = ring.oldest(); held <= s; held++) {
                        Image img = r.read(held, fb);
                        assertNotNull(img, where + ": frame " + held + " is held");
                        assertEquals(held, checkUniform(img), where);
                    }
                }
            }
        }
    }

    @Test
    void concurrentWriterAndReadersOfMixedSizesNeverSeeATornFrame() throws Exception {
        int maxFrame = 4096;
        RingStore ring = new RingStore(16, maxFrame, 6L * maxFrame, MonotonicClock.SYSTEM);
        long frames = 200_000;
        AtomicReference<Throwable> writerError = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            ByteBuffer scratch = scratch(maxFrame);
            Image view = Image.empty();
            try {
                for (long s = 0; s < frames; ) {
                    scratch.clear();
                    if (ring.write(packedFrame(s, sizeOf(s, maxFrame), scratch, view)) >= 0) {
                        s++;
                    }
                }
            } catch (Throwable t) {
                writerError.set(t);
            }
        }, "ring-writer");
        long copied = 0;
        long missed = 0;
        try (RingReader r = ring.reader()) {
            MemoryFrameBuffer fb = new MemoryFrameBuffer();
            writer.start();
            while (writer.isAlive()) {
                long newest = ring.head() - 1;
                for (long s = Math.max(0, newest - 20); s <= newest; s++) {
                    Image img = r.read(s, fb);
                    if (img == null) {
                        missed++;
                        continue;
                    }
                    assertEquals(sizeOf(s, maxFrame), img.payload().remaining(), "frame " + s + "'s size");
                    assertEquals(s, checkUniform(img));
                    copied++;
                }
            }
            writer.join();
        }
        assertNull(writerError.get());
        assertTrue(copied > 0 && missed > 0, "the reader raced the writer: " + copied + " copied, " + missed + " missed");
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
