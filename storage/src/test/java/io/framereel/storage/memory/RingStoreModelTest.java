package io.framereel.storage.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.framereel.storage.Image;
import io.framereel.storage.MemoryFrameBuffer;
import io.framereel.storage.MonotonicClock;
import io.framereel.storage.PixelFormat;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The ring against a model and under stress: random capacities, caps, frame sizes (zero and the largest included)
 * and readers copying while the writer evicts; several threads at once. Written in review of the packed ring.
 */
class RingStoreModelTest {

    /** A JPEG-like frame of exactly {@code bytes} bytes, byte i = (seq * 31 + i), timestamp 1000 + seq. */
    static Image bytesFrame(long seq, int bytes, ByteBuffer scratch, Image view) {
        scratch.clear();
        for (int i = 0; i < bytes; i++) {
            scratch.put(i, (byte) (seq * 31 + i));
        }
        scratch.limit(bytes).position(0);
        return view.set(16, 8, PixelFormat.JPEG, scratch, Image.NO_ELAPSED, 1_000 + seq);
    }

    static String checkFrame(long seq, int bytes, Image img) {
        if (img == null) {
            return "frame " + seq + " missing";
        }
        ByteBuffer b = img.payload();
        if (b.remaining() != bytes) {
            return "frame " + seq + " has " + b.remaining() + " bytes, wrote " + bytes;
        }
        for (int i = 0; i < bytes; i++) {
            if (b.get(b.position() + i) != (byte) (seq * 31 + i)) {
                return "frame " + seq + " byte " + i + " overwritten";
            }
        }
        if (img.timestampNanos() != 1_000 + seq) {
            return "frame " + seq + " timestamp " + img.timestampNanos();
        }
        return null;
    }

    /**
     * Model check: random capacity, frame-size limit (including 0), byte cap or none, frame sizes (including 0 and
     * the limit), and now and then a reader "copying" a random held frame. After every write: the frames reported
     * held are exactly the newest ones, intact; oldest never moves back; fill is within capacity; a ring without
     * a byte cap holds min(written, capacity); a dropped write changes nothing.
     */
    @Test
    void modelCheckMixedSizesZerosAndDrops() throws Exception {
        SplittableRandom random = new SplittableRandom(12345);
        int failures = 0;
        StringBuilder first = new StringBuilder();
        for (int round = 0; round < 8000; round++) {
            int capacity = 1 + random.nextInt(random.nextBoolean() ? 4 : 20);
            int maxFrame = random.nextInt(8) == 0 ? 0 : 1 + random.nextInt(random.nextBoolean() ? 8 : 100);
            boolean capped = random.nextBoolean();
            long cap = random.nextInt(capacity * Math.max(1, maxFrame) * 2 + 1);
            int zeroPct = random.nextInt(4) * 15;
            RingStore ring = capped ? new RingStore(capacity, maxFrame, cap, MonotonicClock.SYSTEM)
                    : new RingStore(capacity, maxFrame, MonotonicClock.SYSTEM);
            ByteBuffer scratch = ByteBuffer.allocateDirect(Math.max(1, maxFrame)).order(ByteOrder.LITTLE_ENDIAN);
            Image view = Image.empty();
            MemoryFrameBuffer fb = new MemoryFrameBuffer();
            List<Integer> sizes = new ArrayList<>();
            RingReader guard = ring.reader();
            RingReader r = ring.reader();
            long written = 0;
            long lastOldest = 0;
            String where = "";
            try {
                for (int step = 0; step < capacity * 8 + 10; step++) {
                    int p = random.nextInt(100);
                    int bytes = p < zeroPct ? 0 : p < zeroPct + 20 ? maxFrame : random.nextInt(maxFrame + 1);
                    boolean guarded = random.nextInt(5) == 0 && ring.fill() > 0;
                    long g = guarded ? ring.oldest() + random.nextInt(ring.fill()) : -1;
                    guard.reading = g;
                    where = "round " + round + " cap=" + capacity + " maxFrame=" + maxFrame
                            + (capped ? " maxBytes=" + cap : "") + " sizes=" + sizes + " writing " + bytes
                            + (guarded ? " while reading " + g : "");
                    long oldestBefore = ring.oldest();
                    long got = ring.write(bytesFrame(written, bytes, scratch, view));
                    guard.reading = -1;
                    if (got == -1) {
                        assertTrue(guarded, where + ": dropped without a reader");
                        assertEquals(oldestBefore, ring.oldest(), where + ": a drop restores oldest");
                        assertEquals(written, ring.head(), where);
                    } else {
                        assertEquals(written, got, where);
                        sizes.add(bytes);
                        written++;
                        if (guarded) {
                            assertTrue(ring.oldest() <= g, where + ": evicted the frame being copied");
                        }
                    }
                    assertTrue(ring.oldest() >= lastOldest, where + ": oldest moved back");
                    lastOldest = ring.oldest();
                    assertTrue(ring.fill() <= capacity && ring.fill() >= Math.min(1, written), where + ": fill " + ring.fill());
                    assertTrue(ring.bytesAllocated() <= ring.maxBytes(), where);
                    if (!capped) {
                        assertEquals(Math.min(written, capacity), ring.fill(), where + ": fill");
                    }
                    for (long s = ring.oldest(); s < written; s++) {
                        String bad = checkFrame(s, sizes.get((int) s), r.read(s, fb));
                        if (bad != null) {
                            fail(where + ": " + bad);
                        }
                        assertEquals(1_000 + s, ring.timestampOf(s), where);
                    }
                }
            } catch (AssertionError e) {
                if (failures++ == 0) {
                    first.append(e.getMessage());
                }
            }
        }
        assertEquals(0, failures, failures + " failing rounds; first: " + first);
    }

    /** Size of frame seq in the stress tests: 0..max, zero now and then. */
    static int stressSize(long seq, int max) {
        long h = seq * 0x9E3779B97F4A7C15L;
        h ^= h >>> 29;
        int v = (int) Math.floorMod(h, max + 8L);
        return v > max ? (v - max == 1 ? 0 : max) : v;
    }

    /** A sink that checks every frame handed to it: intact, in strictly increasing sequence. */
    static final class CheckingIO extends io.framereel.storage.ImageIO {
        final int max;
        long last = -1;
        long frames;
        CheckingIO(int max) {
            this.max = max;
        }
        @Override public io.framereel.storage.ImageIO write(Image image) {
            long seq = image.timestampNanos() - 1_000;
            String bad = checkFrame(seq, stressSize(seq, max), image);
            if (bad != null) {
                throw new AssertionError("drain: " + bad);
            }
            if (seq <= last) {
                throw new AssertionError("drain order: " + seq + " after " + last);
            }
            last = seq;
            frames++;
            return this;
        }
        @Override public int type() { return MEMORY_STREAM; }
        @Override public boolean isClosed() { return false; }
        @Override public int count() { return 0; }
        @Override public int offset() { return 0; }
        @Override public java.util.OptionalInt version() { return java.util.OptionalInt.empty(); }
        @Override public java.util.OptionalInt bufferSize() { return java.util.OptionalInt.empty(); }
        @Override public long size() { return 0; }
        @Override public Image read(boolean copyToFb, boolean loop, boolean pause) { throw new UnsupportedOperationException(); }
        @Override public io.framereel.storage.ImageIO seek(int offset) { return this; }
        @Override public io.framereel.storage.ImageIO sync() { return this; }
        @Override public void close() { }
        @Override public io.framereel.storage.FrameBuffer frameBuffer() { return null; }
        @Override public io.framereel.storage.PlaybackSchedule schedule() { return null; }
    }

    /**
     * One writer of mixed sizes (zeros included) and four concurrent users: a drain into a checking sink, a
     * random reader near the head, a thread that keeps opening and closing readers, and a timestamp prober.
     * Nothing may ever be torn, reordered, or carry another frame's timestamp.
     */
    @Test
    void stressWriterWithSeveralReadersOpeningAndClosing() throws Exception {
        for (boolean capped : new boolean[] {true, false}) {
            int max = 2048;
            int capacity = 16;
            RingStore ring = capped ? new RingStore(capacity, max, 5L * max, MonotonicClock.SYSTEM)
                    : new RingStore(capacity, max, MonotonicClock.SYSTEM);
            long deadline = System.nanoTime() + 2_500_000_000L;
            AtomicBoolean done = new AtomicBoolean();
            AtomicReference<Throwable> error = new AtomicReference<>();
            long[] counts = new long[6];
            List<Thread> threads = new ArrayList<>();
            threads.add(new Thread(() -> { // writer
                ByteBuffer scratch = ByteBuffer.allocateDirect(max);
                Image view = Image.empty();
                try {
                    long s = 0;
                    while (System.nanoTime() < deadline && error.get() == null) {
                        if (ring.write(bytesFrame(s, stressSize(s, max), scratch, view)) >= 0) {
                            s++;
                        }
                    }
                    counts[0] = s;
                } catch (Throwable t) {
                    error.compareAndSet(null, t);
                } finally {
                    done.set(true);
                }
            }, "writer"));
            RingReader drainer = ring.reader();
            threads.add(new Thread(() -> {
                CheckingIO sink = new CheckingIO(max);
                try {
                    while (!done.get() && error.get() == null) {
                        drainer.drainTo(sink);
                    }
                    counts[1] = sink.frames;
                    counts[5] = drainer.lostFrames();
                } catch (Throwable t) {
                    error.compareAndSet(null, t);
                }
            }, "drainer"));
            threads.add(new Thread(() -> {
                MemoryFrameBuffer fb = new MemoryFrameBuffer();
                try (RingReader r = ring.reader()) {
                    while (!done.get() && error.get() == null) {
                        long newest = ring.head() - 1;
                        for (long s = Math.max(0, newest - 20); s <= newest; s++) {
                            Image img = r.read(s, fb);
                            if (img != null) {
                                String bad = checkFrame(s, stressSize(s, max), img);
                                if (bad != null) {
                                    throw new AssertionError("random read: " + bad);
                                }
                                counts[2]++;
                            }
                        }
                    }
                } catch (Throwable t) {
                    error.compareAndSet(null, t);
                }
            }, "random-reader"));
            threads.add(new Thread(() -> {
                MemoryFrameBuffer fb = new MemoryFrameBuffer();
                try {
                    while (!done.get() && error.get() == null) {
                        try (RingReader r = ring.reader()) {
                            long start = r.next();
                            for (long s = start; s < start + 4; s++) {
                                Image img = r.read(s, fb);
                                if (img != null) {
                                    String bad = checkFrame(s, stressSize(s, max), img);
                                    if (bad != null) {
                                        throw new AssertionError("churn read: " + bad);
                                    }
                                    counts[3]++;
                                }
                            }
                        }
                    }
                } catch (Throwable t) {
                    error.compareAndSet(null, t);
                }
            }, "churner"));
            threads.add(new Thread(() -> {
                SplittableRandom random = new SplittableRandom(3);
                try {
                    while (!done.get() && error.get() == null) {
                        long h = ring.head();
                        long s = h - capacity * 2 + random.nextInt(capacity * 2 + 3);
                        long ts = ring.timestampOf(s);
                        if (ts != Image.NO_TIMESTAMP && ts != 1_000 + s) {
                            throw new AssertionError("timestampOf(" + s + ") = " + ts);
                        }
                        if (ts != Image.NO_TIMESTAMP) {
                            counts[4]++;
                        }
                        long before = ring.head();
                        long x = ring.firstAtOrAfter(1_000 + s);
                        if (x < s && x < before) {
                            throw new AssertionError("firstAtOrAfter(" + (1_000 + s) + ") = " + x);
                        }
                    }
                } catch (Throwable t) {
                    error.compareAndSet(null, t);
                }
            }, "timestamps"));
            threads.forEach(Thread::start);
            for (Thread t : threads) {
                t.join();
            }
            drainer.close();
            if (error.get() != null) {
                throw new AssertionError((capped ? "capped: " : "uncapped: ") + error.get(), error.get());
            }
            System.out.println((capped ? "capped" : "uncapped") + ": written " + counts[0] + ", dropped "
                    + ring.droppedFrames() + ", drained " + counts[1] + " lost " + counts[5] + ", random reads "
                    + counts[2] + ", churn reads " + counts[3] + ", timestamps " + counts[4]);
            assertTrue(counts[1] > 0 && counts[2] > 0 && counts[4] > 0);
        }
    }

    /** drainTo into a sink that keeps nothing allocates nothing once the ring has grown and the views exist. */
    @Test
    void drainingAllocatesNothingOnceTheRingHasGrown() throws Exception {
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        int max = 64 * 1024;
        RingStore ring = new RingStore(40, max, MonotonicClock.SYSTEM);
        ByteBuffer scratch = ByteBuffer.allocateDirect(max);
        Image view = Image.empty();
        CheckingIO sink = new CheckingIO(max);
        try (RingReader r = ring.reader(); RingReader other = ring.reader()) {
            long s = 0;
            for (; s < 5_000; s++) {
                ring.write(bytesFrame(s, stressSize(s, max), scratch, view));
                r.drainTo(sink);
            }
            long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
            for (; s < 8_000; s++) {
                ring.write(bytesFrame(s, stressSize(s, max), scratch, view));
                r.drainTo(sink);
                ring.timestampOf(s - 3);
            }
            long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
            assertTrue(allocated < 1_000, allocated + " bytes");
        }
    }

    /**
     * oldest is documented as "the oldest frame held", yet a dropped write stores the tentative value and then puts
     * it back: another thread can see it move backwards. drainTo (next = oldest), reader() (starts at oldest),
     * firstAtOrAfter and fill() then treat frames still held as gone.
     */
    @Test
    void oldestSeenByAnotherThreadNeverMovesBackwards() throws Exception {
        int max = 256;
        RingStore ring = new RingStore(8, max, MonotonicClock.SYSTEM);
        RingReader blocker = ring.reader();
        AtomicBoolean done = new AtomicBoolean();
        long[] backwards = new long[1];
        Thread watcher = new Thread(() -> {
            long last = 0;
            while (!done.get()) {
                long o = ring.oldest();
                if (o < last) {
                    backwards[0]++;
                }
                last = o;
            }
        }, "watcher");
        watcher.start();
        ByteBuffer scratch = ByteBuffer.allocateDirect(max);
        Image view = Image.empty();
        long deadline = System.nanoTime() + 1_000_000_000L;
        for (long s = 0; System.nanoTime() < deadline && backwards[0] == 0; ) {
            blocker.reading = s % 3 == 0 ? ring.oldest() : -1; // a reader copying the oldest frame now and then
            if (ring.write(bytesFrame(s, max, scratch, view)) >= 0) {
                s++;
            }
            blocker.reading = -1;
        }
        done.set(true);
        watcher.join();
        assertEquals(0, backwards[0], "oldest was seen moving backwards " + backwards[0] + " time(s)");
    }

    /**
     * PreTriggerRing caps rings at no less than two of the largest frames ("a ring of one cannot hand frames
     * over"), but a cap under a megabyte becomes a single block, and one block of 2 x max holds one frame once a
     * smaller frame shifts the others off its boundaries.
     */
    @Test
    void aCapOfTwoLargestFramesHoldsTwoFrames() throws Exception {
        RingStore ring = new RingStore(10, 1000, 2000, MonotonicClock.SYSTEM);
        ByteBuffer scratch = ByteBuffer.allocateDirect(1000);
        Image view = Image.empty();
        int[] sizes = {600, 1000, 1000, 1000, 400, 1000};
        for (int s = 0; s < sizes.length; s++) {
            ring.write(bytesFrame(s, sizes[s], scratch, view));
            if (s > 0) {
                assertTrue(ring.fill() >= 2, "after frame " + s + " (" + sizes[s] + " bytes): fill " + ring.fill());
            }
        }
    }

    /** Frames of 0 bytes (a driver's empty buffer) count against capacity like any other, but are not evicted early. */
    @Test
    void emptyFramesAreNotEvictedBeforeTheirTurn() throws Exception {
        RingStore ring = new RingStore(2, 64, MonotonicClock.SYSTEM);
        ByteBuffer scratch = ByteBuffer.allocateDirect(64);
        Image view = Image.empty();
        ring.write(bytesFrame(0, 8, scratch, view));
        ring.write(bytesFrame(1, 0, scratch, view)); // at offset 8
        ring.write(bytesFrame(2, 8, scratch, view)); // also at offset 8: must evict frame 0 only
        assertEquals(1, ring.oldest());
        assertEquals(2, ring.fill());
        try (RingReader r = ring.reader()) {
            assertNull(checkFrame(1, 0, r.read(1, new MemoryFrameBuffer())));
            assertNull(checkFrame(2, 8, r.read(2, new MemoryFrameBuffer())));
        }
    }
}
