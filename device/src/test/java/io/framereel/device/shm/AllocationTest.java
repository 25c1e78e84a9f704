package io.framereel.device.shm;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framereel.storage.Image;
import io.framereel.storage.ImageIO;
import io.framereel.storage.PixelFormat;
import io.framereel.storage.StreamOptions;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

// Scope: after warm-up, publishing (live and through the FrameBuffer path, for each kind of conversion) and reading
// allocate nothing per frame, counted with HotSpot's per-thread allocation counter.
class AllocationTest {
    private static final int WARMUP_FRAMES = 3_000;
    private static final int FRAMES = 500;
    /** The counter's own bookkeeping can show a few hundred bytes; one allocation per frame would be >= 8000. */
    private static final long BUDGET_BYTES = 1024;

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @TempDir
    Path dir;

    /** A result of 0 means nothing if the counter is off; our JDKs (HotSpot 17, 21, 25) all have it. */
    @BeforeEach
    void theAllocationCounterWorks() {
        assertTrue(threads.isThreadAllocatedMemorySupported(), "this JVM cannot count per-thread allocation");
        threads.setThreadAllocatedMemoryEnabled(true);
        long before = threads.getCurrentThreadAllocatedBytes();
        byte[] control = new byte[4096];
        long counted = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(counted >= control.length, "the counter saw " + counted + " bytes for a 4096-byte array");
    }

    /** Runs {@code frame} for warm-up, then measures it; frame i is passed so the work varies like real frames. */
    private interface Frame {
        void run(long i) throws Exception;
    }

    private void assertNoAllocation(String what, Frame frame) throws Exception {
        for (long i = 1; i <= WARMUP_FRAMES; i++) {
            frame.run(i);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (long i = WARMUP_FRAMES + 1; i <= WARMUP_FRAMES + FRAMES; i++) {
            frame.run(i);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < BUDGET_BYTES, what + " allocated " + allocated + " bytes over " + FRAMES + " frames");
    }

    private static Image randomFrame(int width, int height, PixelFormat format) {
        Image image = Image.allocate(width, height, format, true);
        ByteBuffer payload = image.payload();
        for (int i = 0; i < payload.limit(); i++) {
            payload.put(i, (byte) (i * 31 + (i >>> 7)));
        }
        return image;
    }

    @ParameterizedTest(name = "{2} into {0}")
    @CsvSource({"RGB565, 2, RGB565", "RGB565, 2, YUV422", "XRGB8888, 3, RGB565", "XRGB8888, 3, BAYER_BGGR",
        "XRGB8888, 2, GRAYSCALE", "RAW, 3, YUV422"})
    void publishAllocatesNothingPerFrame(RegionFormat region, int slots, PixelFormat format) throws Exception {
        Path file = dir.resolve("publish");
        try (SharedFrameWriter writer = SharedFrameWriter.create(file, RegionSpec.of(region, 80, 60).withSlots(slots))) {
            Image frame = randomFrame(80, 60, format);
            assertNoAllocation("publish " + format + " into " + region, i -> writer.publish(frame.timestampNanos(i)));
        }
    }

    @Test
    void theFrameBufferPathAllocatesNothingPerFrame() throws Exception {
        Path file = dir.resolve("framebuffer");
        try (SharedFrameWriter writer = SharedFrameWriter.create(file, RegionSpec.of(RegionFormat.XRGB8888, 80, 60))) {
            ByteBuffer source = randomFrame(80, 60, PixelFormat.YUV422).payload();
            assertNoAllocation("begin/commit", i -> {
                ByteBuffer dst = writer.begin(80, 60, PixelFormat.YUV422, source.limit());
                dst.put(0, source, 0, source.limit());
                writer.commit(33, Image.NO_TIMESTAMP);
            });
        }
    }

    @Test
    void replayThroughImageIoIntoTheRegionAllocatesNothingPerFrame() throws Exception {
        Path stream = dir.resolve("stream.bin");
        try (ImageIO out = ImageIO.open(stream, "w")) {
            for (int i = 0; i < 8; i++) {
                out.write(randomFrame(80, 60, i % 2 == 0 ? PixelFormat.RGB565 : PixelFormat.GRAYSCALE).elapsedMs(33));
            }
        }
        Path file = dir.resolve("replay");
        try (SharedFrameWriter writer = SharedFrameWriter.create(file, RegionSpec.of(RegionFormat.RGB565, 80, 60));
                ImageIO in = ImageIO.open(stream, ImageIO.Mode.READ, StreamOptions.DEFAULTS.withFrameBuffer(writer))) {
            assertNoAllocation("ImageIO.read(copyToFb=true) into the region",
                    i -> assertNotNull(in.read(true, true, false)));
        }
    }

    @Test
    void readingAllocatesNothingPerFrame() throws Exception {
        Path file = dir.resolve("read");
        RegionSpec spec = RegionSpec.of(RegionFormat.RGB565, PatternFrames.MAX_WIDTH, PatternFrames.MAX_HEIGHT);
        try (SharedFrameWriter writer = SharedFrameWriter.create(file, spec);
                SharedFrameReader reader = SharedFrameReader.open(file)) {
            ByteBuffer buffer = PatternFrames.buffer();
            Image image = Image.empty();
            FrameCopy copy = reader.newFrameCopy();
            writer.publish(PatternFrames.fill(1, buffer, image));
            assertNoAllocation("readLatest", i -> assertTrue(reader.readLatest(copy)));
            assertNoAllocation("publish + awaitNext", i -> {
                writer.publish(PatternFrames.fill(i, buffer, image));
                assertTrue(reader.awaitNext(copy, 1, TimeUnit.SECONDS));
            });
            assertNoAllocation("writerStatus", i -> assertNotNull(reader.writerStatus()));
        }
    }
}
