package io.framereel.capture.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framereel.capture.source.CapturedFrame;
import io.framereel.capture.source.FrameSource;
import io.framereel.capture.source.PatternSource;
import io.framereel.capture.source.StreamShape;
import io.framereel.capture.synth.TestPatternSource;
import io.framereel.storage.Image;
import io.framereel.storage.ImageIO;
import io.framereel.storage.PixelFormat;
import io.framereel.storage.SyncPolicy;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecorderTest {
    private static final int W = 64;
    private static final int H = 48;

    @TempDir
    Path dir;

    /** A camera that numbers its frames in the first 8 bytes and fails or stalls on request. */
    static final class CountingSource implements FrameSource {
        final int frameBytes = W * H;
        final long failAfter;
        final long periodNanos;
        long sequence;
        long start;
        boolean closed;

        CountingSource(long failAfter, double fps) {
            this.failAfter = failAfter;
            this.periodNanos = (long) (1e9 / fps);
        }

        @Override
        public StreamShape start() {
            start = System.nanoTime();
            return new StreamShape(W, H, PixelFormat.GRAYSCALE, frameBytes, 1e9 / periodNanos, "counting camera");
        }

        @Override
        public boolean next(ByteBuffer dst, CapturedFrame frame, long timeoutMs) throws IOException {
            if (sequence == failAfter) {
                throw new IOException("/dev/video9: VIDIOC_DQBUF failed: ENODEV (device disconnected)");
            }
            long due = start + sequence * periodNanos;
            while (System.nanoTime() < due) {
                Thread.onSpinWait();
            }
            if (dst != null) {
                for (int i = 0; i < frameBytes; i += 8) {
                    dst.putLong(i, sequence);
                }
            }
            frame.set(dst == null ? 0 : frameBytes, sequence, due);
            sequence++;
            return true;
        }

        @Override
        public long droppedFrames() {
            return 0;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /**
     * A camera with its own buffers, like V4L2's mmap'd ones, that lends them out. It checks what the kernel would
     * enforce or suffer from: never every buffer out (the driver would have none to fill), loans given back
     * only once and on the lending thread, and nothing read from a buffer after the camera is closed (the
     * buffers are "unmapped": overwritten with a value no frame has).
     */
    static final class LendingSource implements FrameSource {
        final ByteBuffer[] buffers;
        final ByteBuffer[] views;
        final boolean[] out;
        final CountingSource clock;
        Thread lender;
        /** Whether {@link #next} may serve copies (a camera whose frames are stored as is can do both). */
        boolean copies;
        int outNow;
        int mostOut;
        volatile boolean closed;
        String violation;

        LendingSource(int bufferCount, long failAfter, double fps) {
            clock = new CountingSource(failAfter, fps);
            buffers = new ByteBuffer[bufferCount];
            views = new ByteBuffer[bufferCount];
            out = new boolean[bufferCount];
            for (int i = 0; i < bufferCount; i++) {
                buffers[i] = ByteBuffer.allocateDirect(clock.frameBytes).order(ByteOrder.LITTLE_ENDIAN);
                views[i] = buffers[i].asReadOnlyBuffer(); // made once, as V4L2's Frame views are
            }
        }

        @Override
        public StreamShape start() {
            return clock.start();
        }

        @Override
        public int lendableFrames() {
            return buffers.length - 2;
        }

        @Override
        public boolean lend(CapturedFrame frame, long timeoutMs) throws IOException {
            lender = Thread.currentThread();
            int free = 0;
            while (free < buffers.length && out[free]) {
                free++;
            }
            if (free == buffers.length) {
                violation = "every buffer was lent out: the driver has none to fill";
                throw new IOException(violation);
            }
            ByteBuffer mine = buffers[free];
            if (!clock.next(mine, frame, timeoutMs)) {
                return false;
            }
            out[free] = true;
            mostOut = Math.max(mostOut, ++outNow);
            frame.lent = views[free].clear().limit(frame.bytes);
            frame.loan = free;
            return true;
        }

        @Override
        public boolean next(ByteBuffer dst, CapturedFrame frame, long timeoutMs) throws IOException {
            if (!copies) {
                throw new AssertionError("a zero-copy recording asked for a copy");
            }
            return clock.next(dst, frame, timeoutMs);
        }

        @Override
        public void giveBack(int loan) {
            if (Thread.currentThread() != lender) {
                violation = "buffer " + loan + " given back on " + Thread.currentThread().getName();
            } else if (!out[loan]) {
                violation = "buffer " + loan + " given back twice";
            }
            out[loan] = false;
            outNow--;
        }

        @Override
        public long droppedFrames() {
            return 0;
        }

        @Override
        public void close() {
            for (ByteBuffer b : buffers) {
                for (int i = 0; i < b.capacity(); i += 8) {
                    b.putLong(i, -1L);
                }
            }
            closed = true;
        }
    }

    /** A store that takes its time, like an SD card in the middle of an erase block. */
    static class SlowStore implements FrameStore {
        final FileFrameStore file;
        final long delayMs;
        final long failAfter;
        long writes;

        SlowStore(FileFrameStore file, long delayMs, long failAfter) {
            this.file = file;
            this.delayMs = delayMs;
            this.failAfter = failAfter;
        }

        @Override
        public void write(Image frame) throws IOException {
            if (writes == failAfter) {
                throw new IOException("No space left on device");
            }
            try {
                Thread.sleep(delayMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            file.write(frame);
            writes++;
        }

        @Override
        public long syncCount() {
            return file.syncCount();
        }

        @Override
        public String describe() {
            return "slow " + file.describe();
        }

        @Override
        public void close() throws IOException {
            file.close();
        }
    }

    private static List<Long> frameNumbers(Path file) throws IOException {
        List<Long> numbers = new ArrayList<>();
        try (ImageIO in = ImageIO.open(file, "r")) {
            for (int i = 0; i < in.count(); i++) {
                Image frame = in.read(false, false, false);
                ByteBuffer p = frame.payload();
                long n = p.getLong(p.position());
                for (int b = 0; b < W * H; b += 8) {
                    assertEquals(n, p.getLong(p.position() + b), "frame " + i + " is torn at byte " + b);
                }
                numbers.add(n);
            }
        }
        return numbers;
    }

    @Test
    void recordsTheTestPatternFrameForFrameAtItsRate() throws IOException {
        Path file = dir.resolve("pattern.bin");
        PatternSource source = new PatternSource(W, H, PixelFormat.RGB565, 100);
        Recorder recorder = new Recorder(source, new FileFrameStore(file, SyncPolicy.NEVER), 8,
                Recorder.Limits.frames(40));
        RecordingSummary summary = recorder.record(null, 50);
        assertTrue(summary.error().isEmpty(), () -> summary.error().get().toString());
        assertEquals(40, summary.stored());
        TestPatternSource reference = new TestPatternSource(W, H, PixelFormat.RGB565, 100);
        try (ImageIO in = ImageIO.open(file, "r")) {
            assertEquals(40, in.count());
            long previous = -1;
            int matched = 0;
            for (int i = 0; i < 40; i++) {
                Image stored = in.read(false, false, false);
                // the pattern may have skipped frames on a busy machine (counted as dropped by the camera)
                for (long k = previous + 1; k <= previous + 1 + summary.droppedByCamera(); k++) {
                    reference.seek(k);
                    if (reference.next().samePixels(stored)) {
                        previous = k;
                        matched++;
                        break;
                    }
                }
            }
            assertEquals(40, matched, "every stored frame is a pattern frame, in order");
        }
        // On a loaded machine the pattern skips frames it was too late for (counted as dropped by the camera);
        // stored and dropped frames together fill the span at 100 fps exactly.
        assertEquals(Math.round(summary.spanNanos() / 1e7) + 1, summary.stored() + summary.droppedByCamera(),
                "every 10 ms slot of the span is a stored or a counted frame: " + summary);
    }

    @Test
    void aCompressedFrameLargerThanTheLastOneInItsSlotStillFits() throws IOException {
        // as an MJPEG camera: sizes vary frame by frame; the copy into a slot is bounded by the slot's limit, as
        // the V4L2 source's JPEG pass-through is, so a slot must come back whole, not cut to its last frame
        int announced = 4096;
        FrameSource growing = new FrameSource() {
            long sequence;

            @Override
            public StreamShape start() {
                return new StreamShape(W, H, PixelFormat.JPEG, announced, 100, "MJPEG-like camera");
            }

            @Override
            public boolean next(ByteBuffer dst, CapturedFrame frame, long timeoutMs) throws IOException {
                int bytes = 8 * (16 + (int) (sequence % 5) * 100);
                if (dst == null) { // every slot waits for the writer: the frame is dropped
                    frame.set(0, sequence++, System.nanoTime());
                    return true;
                }
                if (bytes > dst.limit()) {
                    throw new IOException("frame " + sequence + " of " + bytes + " bytes, slot limit " + dst.limit());
                }
                for (int i = 0; i < bytes; i += 8) {
                    dst.putLong(i, sequence);
                }
                frame.set(bytes, sequence++, System.nanoTime());
                return true;
            }

            @Override
            public long droppedFrames() {
                return 0;
            }

            @Override
            public void close() {
            }
        };
        Path file = dir.resolve("mjpeg.bin");
        RecordingSummary summary = new Recorder(growing, new FileFrameStore(file, SyncPolicy.NEVER), 2,
                Recorder.Limits.frames(30)).record(null, 50);
        assertTrue(summary.error().isEmpty(), () -> summary.error().get().toString());
        try (ImageIO in = ImageIO.open(file, "r")) {
            assertEquals(30, in.count());
            for (int i = 0; i < 30; i++) {
                Image stored = in.read(false, false, false);
                long n = stored.payload().getLong(stored.payload().position());
                assertEquals(8 * (16 + (int) (n % 5) * 100), stored.payload().remaining(), "frame " + n + "'s size");
            }
        }
    }

    @Test
    void dropsAndCountsFramesWhenStorageFallsBehindAndNeverStoresATornOne() throws IOException {
        Path file = dir.resolve("slow.bin");
        CountingSource source = new CountingSource(Long.MAX_VALUE, 200);
        Recorder recorder = new Recorder(source, new SlowStore(new FileFrameStore(file, SyncPolicy.NEVER), 20,
                Long.MAX_VALUE), 3, Recorder.Limits.seconds(0.5));
        RecordingSummary summary = recorder.record(null, 50);
        assertTrue(summary.error().isEmpty(), () -> summary.error().get().toString());
        assertTrue(summary.droppedByStorage() > 0, "a 20 ms store cannot keep up with 200 fps: " + summary);
        List<Long> numbers = frameNumbers(file);
        assertEquals(summary.stored(), numbers.size());
        for (int i = 1; i < numbers.size(); i++) {
            assertTrue(numbers.get(i) > numbers.get(i - 1), "frames in capture order: " + numbers);
        }
        assertEquals(source.sequence - 1, summary.stored() + summary.droppedByStorage(),
                "every frame dequeued inside the limit was stored or counted as dropped");
    }

    @Test
    void aLostCameraEndsTheRecordingWithItsErrorAndAReadableFile() throws IOException {
        Path file = dir.resolve("lost.bin");
        CountingSource source = new CountingSource(25, 100);
        Recorder recorder = new Recorder(source, new FileFrameStore(file, SyncPolicy.NEVER), 8, Recorder.Limits.NONE);
        RecordingSummary summary = recorder.record(null, 50);
        assertTrue(summary.error().orElseThrow().getMessage().contains("ENODEV"), summary.toString());
        assertTrue(source.closed, "the camera is released");
        assertEquals(25, summary.stored() + summary.droppedByStorage(), "every frame before the loss is accounted for");
        assertTrue(summary.stored() > 0, summary.toString());
        List<Long> numbers = frameNumbers(file);
        assertEquals(summary.stored(), numbers.size(), "every stored frame is readable");
    }

    @Test
    void aFullDiskStopsCaptureAndKeepsEveryFrameWrittenBeforeIt() throws IOException {
        Path file = dir.resolve("full.bin");
        CountingSource source = new CountingSource(Long.MAX_VALUE, 500);
        Recorder recorder = new Recorder(source, new SlowStore(new FileFrameStore(file, SyncPolicy.NEVER), 0, 10),
                8, Recorder.Limits.NONE);
        RecordingSummary summary = recorder.record(null, 50);
        assertTrue(summary.error().orElseThrow().getMessage().contains("No space"), summary.toString());
        assertTrue(source.closed, "capture stops when storage fails");
        assertEquals(10, summary.stored());
        List<Long> numbers = frameNumbers(file);
        assertEquals(10, numbers.size(), "the ten frames written before the disk filled up: " + numbers);
        for (int i = 1; i < numbers.size(); i++) {
            assertTrue(numbers.get(i) > numbers.get(i - 1), "in capture order: " + numbers);
        }
    }

    /** A counting camera that notes, with the store below, the order in which the recorder drives them. */
    private static class HeldBackSource implements FrameSource {
        final CountingSource camera = new CountingSource(Long.MAX_VALUE, 500);
        final List<String> events;
        final IOException refusal;

        HeldBackSource(List<String> events, IOException refusal) {
            this.events = events;
            this.refusal = refusal;
        }

        @Override
        public StreamShape start() {
            events.add("start");
            return camera.start();
        }

        @Override
        public void startStreaming() throws IOException {
            events.add("startStreaming");
            if (refusal != null) {
                throw refusal;
            }
        }

        @Override
        public boolean next(ByteBuffer dst, CapturedFrame frame, long timeoutMs) throws IOException {
            if (!events.contains("startStreaming")) {
                throw new IOException("a frame was asked for before the stream was started");
            }
            if (camera.sequence == 0) {
                events.add("first frame");
            }
            return camera.next(dst, frame, timeoutMs);
        }

        @Override
        public long droppedFrames() {
            return 0;
        }

        @Override
        public void close() {
            events.add("close source");
        }
    }

    private static FrameStore notingStore(FileFrameStore file, List<String> events) {
        return new SlowStore(file, 0, Long.MAX_VALUE) {
            @Override
            public void prepare(StreamShape shape) {
                events.add("prepare store");
            }

            @Override
            public void close() throws IOException {
                events.add("close store");
                super.close();
            }
        };
    }

    @Test
    void theCameraStreamsOnlyOnceTheStoreIsReadySoNoFrameIsLostWhileTheFileOpens() throws IOException {
        List<String> events = java.util.Collections.synchronizedList(new ArrayList<>());
        Path file = dir.resolve("held-back.bin");
        Recorder recorder = new Recorder(new HeldBackSource(events, null),
                notingStore(new FileFrameStore(file, SyncPolicy.NEVER), events), 4, Recorder.Limits.frames(5));
        RecordingSummary summary = recorder.record(null, 50);
        assertFalse(summary.error().isPresent(), summary.toString());
        assertEquals(List.of("start", "prepare store", "startStreaming", "first frame"), events.subList(0, 4));
        assertEquals(5, frameNumbers(file).size());
    }

    @Test
    void aCameraThatRefusesToStreamFailsTheRecordingAndClosesCameraAndFile() throws IOException {
        List<String> events = java.util.Collections.synchronizedList(new ArrayList<>());
        Path file = dir.resolve("refused.bin");
        IOException refusal = new IOException("/dev/video9: VIDIOC_STREAMON failed: ENOSPC (MJPG 1920x1080)");
        Recorder recorder = new Recorder(new HeldBackSource(events, refusal),
                notingStore(new FileFrameStore(file, SyncPolicy.NEVER), events), 4, Recorder.Limits.frames(5));
        IOException thrown = assertThrows(IOException.class, () -> recorder.record(null, 50));
        assertEquals(refusal.getMessage(), thrown.getMessage());
        assertEquals(List.of("start", "prepare store", "startStreaming", "close source", "close store"), events);
        assertEquals(0, frameNumbers(file).size(), "an empty stream, closed and readable");
    }

    @Test
    void aCameraThatFailsToCloseIsReportedAndTheRecordingStillEnds() throws IOException {
        Path file = dir.resolve("close-fails.bin");
        FrameSource failingClose = new HeldBackSource(new ArrayList<>(), null) {
            @Override
            public void close() {
                throw new IllegalStateException("/dev/video9: munmap failed: EINVAL");
            }
        };
        RecordingSummary summary = new Recorder(failingClose, new FileFrameStore(file, SyncPolicy.NEVER), 4,
                Recorder.Limits.frames(5)).record(null, 50);
        assertEquals("/dev/video9: munmap failed: EINVAL", summary.error().map(Throwable::getMessage).orElse(null),
                summary.toString());
        assertEquals(5, frameNumbers(file).size(), "the frames stored before are kept");
    }

    @Test
    void anErrorWhilePreparingReleasesTheCameraAndTheStore() throws IOException {
        List<String> events = java.util.Collections.synchronizedList(new ArrayList<>());
        FrameStore noMemory = new SlowStore(new FileFrameStore(dir.resolve("oom.bin"), SyncPolicy.NEVER), 0,
                Long.MAX_VALUE) {
            @Override
            public void prepare(StreamShape shape) {
                throw new OutOfMemoryError("Cannot reserve 29491200 bytes of direct buffer memory");
            }

            @Override
            public void close() throws IOException {
                events.add("close store");
                super.close();
            }
        };
        OutOfMemoryError e = assertThrows(OutOfMemoryError.class,
                () -> new Recorder(new HeldBackSource(events, null), noMemory, 16, Recorder.Limits.frames(5))
                        .record(null, 50));
        assertTrue(e.getMessage().contains("direct buffer memory"), e.getMessage());
        assertEquals(List.of("start", "close source", "close store"), events);
    }

    @Test
    void stopFromAnotherThreadEndsCleanly() throws IOException, InterruptedException {
        Path file = dir.resolve("stopped.bin");
        Recorder recorder = new Recorder(new CountingSource(Long.MAX_VALUE, 100),
                new FileFrameStore(file, SyncPolicy.everyFrames(5)), 8, Recorder.Limits.NONE);
        AtomicLong progressCalls = new AtomicLong();
        Thread stopper = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            recorder.stop();
        });
        stopper.start();
        RecordingSummary summary = recorder.record((stored, dropped, nanos) -> progressCalls.incrementAndGet(), 50);
        stopper.join();
        assertFalse(summary.error().isPresent());
        assertTrue(summary.stored() > 5, summary.toString());
        assertTrue(progressCalls.get() > 0);
        assertTrue(summary.syncs() >= summary.stored() / 5, "sync every 5 frames: " + summary);
        assertEquals(summary.stored(), frameNumbers(file).size());
    }

    @Test
    void captureAndWriterThreadsAllocateNothingPerFrameAfterWarmUp() throws IOException {
        assertRecorderThreadsAllocateNothingPerFrame(new Recorder(new CountingSource(Long.MAX_VALUE, 400),
                new FileFrameStore(dir.resolve("alloc.bin"), SyncPolicy.NEVER), 8, Recorder.Limits.frames(800)));
    }

    /** Measures both threads over at least 200 frames after 200 warm-up frames (HotSpot's per-thread counter). */
    private static void assertRecorderThreadsAllocateNothingPerFrame(Recorder recorder) throws IOException {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] first = new long[2];
        long[] last = new long[2];
        long[] storedAt = new long[2];
        recorder.record((stored, dropped, nanos) -> {
            long[] now = allocatedByRecorderThreads(threads);
            if (stored >= 200 && storedAt[0] == 0) {
                first[0] = now[0];
                first[1] = now[1];
                storedAt[0] = stored;
            } else if (storedAt[0] != 0 && now[0] >= 0) {
                last[0] = now[0];
                last[1] = now[1];
                storedAt[1] = stored;
            }
        }, 100);
        assertTrue(storedAt[1] - storedAt[0] >= 200, "measured over " + (storedAt[1] - storedAt[0]) + " frames");
        assertTrue(last[0] - first[0] < 4096, "capture thread allocated " + (last[0] - first[0]) + " bytes over "
                + (storedAt[1] - storedAt[0]) + " frames");
        assertTrue(last[1] - first[1] < 4096, "writer thread allocated " + (last[1] - first[1]) + " bytes over "
                + (storedAt[1] - storedAt[0]) + " frames");
    }

    @Test
    void zeroCopyStoresEveryFrameFromTheCameraBuffersAndGivesEachBackBeforeClosing() throws IOException {
        Path file = dir.resolve("lent.bin");
        LendingSource source = new LendingSource(6, Long.MAX_VALUE, 200);
        Recorder recorder = new Recorder(source, new FileFrameStore(file, SyncPolicy.NEVER), 2,
                Recorder.Limits.frames(120), Recorder.Handoff.LEND);
        RecordingSummary summary = recorder.record(null, 50);
        assertTrue(summary.error().isEmpty(), () -> summary.error().get().toString());
        assertEquals(null, source.violation);
        assertTrue(source.closed);
        assertEquals(0, source.outNow, "every buffer is back with the camera before it is closed");
        List<Long> numbers = frameNumbers(file);
        assertEquals(120, summary.stored(), summary.toString());
        assertEquals(120, numbers.size());
        assertEquals(numbers.get(119) + 1, summary.stored() + summary.droppedByStorage(),
                "every frame up to the last one stored was stored or counted as dropped: " + summary);
        for (int i = 1; i < numbers.size(); i++) {
            assertTrue(numbers.get(i) > numbers.get(i - 1), "frames in capture order: " + numbers);
        }
    }

    @Test
    void zeroCopyDropsAndCountsWhileTheWriterHoldsEverySpareBufferAndNeverStarvesTheCamera() throws IOException {
        Path file = dir.resolve("lent-slow.bin");
        LendingSource source = new LendingSource(5, Long.MAX_VALUE, 200);
        Recorder recorder = new Recorder(source, new SlowStore(new FileFrameStore(file, SyncPolicy.NEVER), 20,
                Long.MAX_VALUE), 16, Recorder.Limits.seconds(0.5), Recorder.Handoff.LEND);
        RecordingSummary summary = recorder.record(null, 50);
        assertTrue(summary.error().isEmpty(), () -> summary.error().get().toString());
        assertEquals(null, source.violation);
        assertTrue(summary.droppedByStorage() > 0, "a 20 ms store cannot keep up with 200 fps: " + summary);
        assertEquals(4, source.mostOut, "3 lent to the writer plus the one just dequeued, never all 5");
        List<Long> numbers = frameNumbers(file); // a buffer refilled while being written would show up torn
        assertEquals(summary.stored(), numbers.size());
        for (int i = 1; i < numbers.size(); i++) {
            assertTrue(numbers.get(i) > numbers.get(i - 1), "frames in capture order: " + numbers);
        }
        assertEquals(source.clock.sequence - 1, summary.stored() + summary.droppedByStorage(),
                "every frame dequeued inside the limit was stored or counted as dropped");
    }

    @Test
    void zeroCopyClosesALostCameraOnlyAfterTheWriterHasStoredWhatItHeld() throws IOException {
        Path file = dir.resolve("lent-lost.bin");
        LendingSource source = new LendingSource(8, 25, 400);
        List<String> writesAfterClose = new ArrayList<>();
        FileFrameStore fileStore = new FileFrameStore(file, SyncPolicy.NEVER);
        FrameStore watching = new SlowStore(fileStore, 5, Long.MAX_VALUE) {
            @Override
            public void write(Image frame) throws IOException {
                if (source.closed) {
                    writesAfterClose.add("write " + writes + " after the camera was closed");
                }
                super.write(frame);
            }
        };
        RecordingSummary summary = new Recorder(source, watching, 2, Recorder.Limits.NONE, Recorder.Handoff.LEND)
                .record(null, 50);
        assertTrue(summary.error().orElseThrow().getMessage().contains("ENODEV"), summary.toString());
        assertEquals(List.of(), writesAfterClose);
        assertEquals(25, summary.stored() + summary.droppedByStorage(), summary.toString());
        assertEquals(summary.stored(), frameNumbers(file).size(), "every stored frame is whole and readable");
    }

    @Test
    void zeroCopyRefusesASourceThatCanOnlyCopyAndReleasesEverything() throws IOException {
        Path file = dir.resolve("refused.bin");
        CountingSource source = new CountingSource(Long.MAX_VALUE, 100);
        FileFrameStore store = new FileFrameStore(file, SyncPolicy.NEVER);
        IOException e = assertThrows(IOException.class,
                () -> new Recorder(source, store, 8, Recorder.Limits.frames(5), Recorder.Handoff.LEND).record(null, 50));
        assertTrue(e.getMessage().contains("counting camera") && e.getMessage().contains("without a copy"),
                e.getMessage());
        assertTrue(source.closed, "the camera is released");
        assertEquals(0, frameNumbers(file).size(), "the store is closed and valid");
    }

    @Test
    void lendWithSlackLendsOnlyWhenTheCameraCanSpareHalfAsManyFramesAsTheSlotsHold() throws IOException {
        LendingSource eightSpare = new LendingSource(10, Long.MAX_VALUE, 200);
        eightSpare.copies = true;
        RecordingSummary lent = new Recorder(eightSpare, new FileFrameStore(dir.resolve("a.bin"), SyncPolicy.NEVER),
                16, Recorder.Limits.frames(20), Recorder.Handoff.LEND_WITH_SLACK).record(null, 50);
        assertTrue(lent.error().isEmpty(), () -> lent.error().get().toString());
        assertTrue(lent.zeroCopy(), lent.toString());
        assertTrue(eightSpare.lender != null, "frames were lent");
        assertEquals(20, frameNumbers(dir.resolve("a.bin")).size());

        LendingSource sevenSpare = new LendingSource(9, Long.MAX_VALUE, 200);
        sevenSpare.copies = true;
        RecordingSummary copied = new Recorder(sevenSpare, new FileFrameStore(dir.resolve("b.bin"), SyncPolicy.NEVER),
                16, Recorder.Limits.frames(20), Recorder.Handoff.LEND_WITH_SLACK).record(null, 50);
        assertTrue(copied.error().isEmpty(), () -> copied.error().get().toString());
        assertFalse(copied.zeroCopy(), copied.toString());
        assertEquals(null, sevenSpare.lender, "7 spare buffers absorb less than 16 slots: copied instead");
        assertEquals(20, frameNumbers(dir.resolve("b.bin")).size());
    }

    @Test
    void lendWhenPossibleLendsWhatCanBeLentAndCopiesTheRest() throws IOException {
        LendingSource lending = new LendingSource(6, Long.MAX_VALUE, 200);
        RecordingSummary lent = new Recorder(lending, new FileFrameStore(dir.resolve("a.bin"), SyncPolicy.NEVER), 2,
                Recorder.Limits.frames(20), Recorder.Handoff.LEND_WHEN_POSSIBLE).record(null, 50);
        assertTrue(lent.error().isEmpty(), () -> "never asked to copy: " + lent.error().get());
        assertEquals(20, lent.stored());
        CountingSource copying = new CountingSource(Long.MAX_VALUE, 200);
        RecordingSummary copied = new Recorder(copying, new FileFrameStore(dir.resolve("b.bin"), SyncPolicy.NEVER), 8,
                Recorder.Limits.frames(20), Recorder.Handoff.LEND_WHEN_POSSIBLE).record(null, 50);
        assertTrue(copied.error().isEmpty(), () -> copied.error().get().toString());
        assertEquals(20, copied.stored());
        assertEquals(20, frameNumbers(dir.resolve("b.bin")).size());
    }

    @Test
    void zeroCopyThreadsAllocateNothingPerFrameAfterWarmUp() throws IOException {
        assertRecorderThreadsAllocateNothingPerFrame(new Recorder(new LendingSource(8, Long.MAX_VALUE, 400),
                new FileFrameStore(dir.resolve("lent-alloc.bin"), SyncPolicy.NEVER), 2, Recorder.Limits.frames(800),
                Recorder.Handoff.LEND));
    }

    private static long[] allocatedByRecorderThreads(com.sun.management.ThreadMXBean threads) {
        long[] bytes = {-1, -1};
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals("framereel-capture")) {
                bytes[0] = threads.getThreadAllocatedBytes(t.getId());
            } else if (t.getName().equals("framereel-writer")) {
                bytes[1] = threads.getThreadAllocatedBytes(t.getId());
            }
        }
        return bytes;
    }
}
