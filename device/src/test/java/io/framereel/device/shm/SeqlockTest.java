package io.framereel.device.shm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framereel.storage.Image;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

// Scope: no reader ever observes a torn frame while a writer publishes as fast as it can, with two slots (the
// writer comes round to the slot being read every other frame) and with three; every byte of every copy checked.
class SeqlockTest {
    private static final long FRAMES = 20_000;
    /** At memcpy speed 20,000 frames take tens of milliseconds; keep hammering long enough for many races. */
    private static final long HAMMER_NANOS = TimeUnit.SECONDS.toNanos(2);

    @TempDir
    Path dir;

    /** What one reader thread saw. */
    private static final class Tally {
        long reads;
        long distinct;
        long torn;
        long backwards;
        long retries;
        String firstProblem;
        Throwable failure;
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void readersHammeringTwoSlotsNeverSeeATornFrame() throws Exception {
        hammer(2);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void readersHammeringThreeSlotsNeverSeeATornFrame() throws Exception {
        hammer(3);
    }

    private void hammer(int slots) throws Exception {
        Path file = dir.resolve("hammer-" + slots);
        RegionSpec spec = RegionSpec.of(RegionFormat.RGB565, PatternFrames.MAX_WIDTH, PatternFrames.MAX_HEIGHT)
                .withSlots(slots);
        try (SharedFrameWriter writer = SharedFrameWriter.create(file, spec)) {
            AtomicBoolean done = new AtomicBoolean();
            CountDownLatch ready = new CountDownLatch(2);
            List<Tally> tallies = new ArrayList<>();
            List<Thread> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                Tally tally = new Tally();
                tallies.add(tally);
                Thread t = new Thread(() -> read(file, ready, done, tally), "shm-reader-" + r);
                readers.add(t);
                t.start();
            }
            ready.await();
            ByteBuffer buffer = PatternFrames.buffer();
            Image image = Image.empty();
            long end = System.nanoTime() + HAMMER_NANOS;
            for (long n = 1; n <= FRAMES || System.nanoTime() < end; n++) {
                writer.publish(PatternFrames.fill(n, buffer, image));
            }
            done.set(true);
            for (Thread t : readers) {
                t.join();
            }
            for (Tally tally : tallies) {
                System.out.printf("slots=%d frames=%d reads=%d distinct=%d retries=%d torn=%d%n", slots,
                        writer.frames(), tally.reads, tally.distinct, tally.retries, tally.torn);
                assertEquals(null, tally.failure);
                assertEquals(0, tally.torn, "torn frames; first: " + tally.firstProblem);
                assertEquals(0, tally.backwards, "a reader went back to an older frame");
                assertTrue(tally.distinct > 1, "the reader read while the writer wrote");
            }
        }
    }

    private static void read(Path file, CountDownLatch ready, AtomicBoolean done, Tally tally) {
        try (SharedFrameReader reader = SharedFrameReader.open(file)) {
            FrameCopy copy = reader.newFrameCopy();
            ready.countDown();
            long previous = 0;
            while (!done.get()) {
                if (!reader.readLatest(copy)) {
                    continue;
                }
                tally.reads++;
                String problem = PatternFrames.problem(copy);
                if (problem != null) {
                    tally.torn++;
                    tally.firstProblem = tally.firstProblem == null ? problem : tally.firstProblem;
                }
                if (copy.frameNumber() < previous) {
                    tally.backwards++;
                } else if (copy.frameNumber() > previous) {
                    tally.distinct++;
                }
                previous = copy.frameNumber();
            }
            tally.retries = reader.retries();
        } catch (Throwable t) {
            tally.failure = t;
            ready.countDown();
        }
    }

    /**
     * The control: the same hammer, read the way a reader that ignores the sequence would, does produce torn
     * frames, and the pattern check sees them. Without this, "no torn frame" could mean the test never raced.
     */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void withoutTheSeqlockTheSameHammerShowsTornFrames() throws Exception {
        Path file = dir.resolve("naive");
        RegionSpec spec = RegionSpec.of(RegionFormat.RGB565, PatternFrames.MAX_WIDTH, PatternFrames.MAX_HEIGHT)
                .withSlots(2);
        try (SharedFrameWriter writer = SharedFrameWriter.create(file, spec);
                SharedFrameReader reader = SharedFrameReader.open(file)) {
            AtomicBoolean done = new AtomicBoolean();
            Thread publisher = new Thread(() -> {
                ByteBuffer buffer = PatternFrames.buffer();
                Image image = Image.empty();
                try {
                    for (long n = 1; !done.get(); n++) {
                        writer.publish(PatternFrames.fill(n, buffer, image));
                    }
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }, "shm-publisher");
            publisher.start();
            ByteBuffer memory = reader.region().memory();
            SharedFrameLayout layout = reader.layout();
            ByteBuffer copy = ByteBuffer.allocate(layout.slotSize()).order(ByteOrder.LITTLE_ENDIAN);
            long torn = 0;
            long reads = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (torn == 0 && System.nanoTime() < deadline) {
                long latest = memory.getLong(SharedFrameLayout.LATEST_SLOT_OFFSET);
                if (latest < 0) {
                    continue;
                }
                int d = layout.descriptorOffset((int) latest);
                long n = memory.getLong(d + SharedFrameLayout.FRAME_NUMBER);
                int width = memory.getInt(d + SharedFrameLayout.WIDTH);
                int height = memory.getInt(d + SharedFrameLayout.HEIGHT);
                int stride = memory.getInt(d + SharedFrameLayout.STRIDE);
                int bytes = memory.getInt(d + SharedFrameLayout.PAYLOAD_BYTES);
                copy.clear().put(0, memory, layout.slotOffset((int) latest), bytes).limit(bytes);
                reads++;
                if (PatternFrames.problem(n, width, height, stride, copy) != null) {
                    torn++;
                }
            }
            done.set(true);
            publisher.join();
            System.out.printf("naive reader: %d reads until the first torn frame%n", reads);
            assertTrue(torn > 0, "a reader ignoring the sequence read " + reads + " frames without a torn one: the "
                    + "hammer does not race");
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aReaderWaitsWhileTheLatestSlotIsOddAndTakesTheFrameWhenItIsEvenAgain() throws Exception {
        Path file = dir.resolve("odd");
        RegionSpec spec = RegionSpec.of(RegionFormat.RGB565, PatternFrames.MAX_WIDTH, PatternFrames.MAX_HEIGHT);
        try (SharedFrameWriter writer = SharedFrameWriter.create(file, spec);
                SharedFrameReader reader = SharedFrameReader.open(file)) {
            writer.publish(PatternFrames.frame(1));
            int seq = SharedFrameLayout.DESCRIPTORS_OFFSET + SharedFrameLayout.SEQ;
            ByteBuffer memory = writer.region().memory();
            memory.putLong(seq, 3); // as if the writer were filling slot 0 again

            FrameCopy copy = reader.newFrameCopy();
            Tally tally = new Tally();
            Thread waiting = new Thread(() -> {
                try {
                    tally.reads = reader.readLatest(copy) ? 1 : 0;
                } catch (Throwable t) {
                    tally.failure = t;
                }
            });
            waiting.start();
            waiting.join(200);
            assertTrue(waiting.isAlive(), "the reader does not take a frame from a slot whose sequence is odd");
            memory.putLong(seq, 4);
            waiting.join();
            assertEquals(null, tally.failure);
            assertEquals(1, tally.reads);
            assertEquals(1, copy.frameNumber());
            assertTrue(reader.retries() > 0);
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void awaitNextHandsOutEveryFrameItReturnsWholeAndInOrder() throws Exception {
        Path file = dir.resolve("await");
        RegionSpec spec = RegionSpec.of(RegionFormat.RGB565, PatternFrames.MAX_WIDTH, PatternFrames.MAX_HEIGHT);
        try (SharedFrameWriter writer = SharedFrameWriter.create(file, spec);
                SharedFrameReader reader = SharedFrameReader.open(file)) {
            Tally tally = new Tally();
            Thread consumer = new Thread(() -> {
                FrameCopy copy = reader.newFrameCopy();
                try {
                    while (copy.frameNumber() < 500 && reader.awaitNext(copy, 10, TimeUnit.SECONDS)) {
                        tally.distinct++;
                        if (PatternFrames.problem(copy) != null) {
                            tally.torn++;
                        }
                    }
                    tally.reads = copy.frameNumber();
                } catch (Throwable t) {
                    tally.failure = t;
                }
            });
            consumer.start();
            ByteBuffer buffer = PatternFrames.buffer();
            Image image = Image.empty();
            for (long n = 1; n <= 500; n++) {
                writer.publish(PatternFrames.fill(n, buffer, image));
                if (n % 50 == 0) {
                    Thread.sleep(1);
                }
            }
            consumer.join();
            assertEquals(null, tally.failure);
            assertEquals(0, tally.torn);
            assertEquals(500, tally.reads, "the consumer reached the last frame");
            assertTrue(tally.distinct >= 1);
        }
    }
}
