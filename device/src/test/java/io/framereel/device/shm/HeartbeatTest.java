package io.framereel.device.shm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framereel.storage.MonotonicClock;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

// Scope: readers tell a live writer (even one publishing nothing), a closed one and a dead one apart by the
// heartbeat, including a writer process killed with SIGKILL.
class HeartbeatTest {
    private static final Duration PERIOD = Duration.ofMillis(200);

    @TempDir
    Path dir;

    private static RegionSpec spec(Duration period) {
        return RegionSpec.of(RegionFormat.RGB565, PatternFrames.MAX_WIDTH, PatternFrames.MAX_HEIGHT)
                .withHeartbeatPeriod(period);
    }

    private static RegionSpec spec() {
        return spec(PERIOD);
    }

    /** The system clock moved by {@code skewNanos}: a reader looking at the region from the future. */
    private static MonotonicClock skewed(long skewNanos) {
        return new MonotonicClock() {
            @Override
            public long nanos() {
                return System.nanoTime() + skewNanos;
            }

            @Override
            public void sleepUntil(long deadlineNanos) throws InterruptedIOException {
                MonotonicClock.SYSTEM.sleepUntil(deadlineNanos - skewNanos);
            }
        };
    }

    @Test
    void aWriterThatPublishesNothingIsStillAlive() throws Exception {
        Path file = dir.resolve("idle");
        try (SharedFrameWriter writer = SharedFrameWriter.create(file, spec());
                SharedFrameReader reader = SharedFrameReader.open(file)) {
            long firstAge = reader.heartbeatAgeNanos();
            Thread.sleep(PERIOD.toMillis() * 5);
            assertEquals(WriterStatus.ALIVE, reader.writerStatus(), "five periods without a frame");
            assertTrue(reader.heartbeatAgeNanos() < PERIOD.toNanos() * WriterStatus.STALE_AFTER_PERIODS,
                    "the heartbeat kept beating: age " + reader.heartbeatAgeNanos() + " ns (first " + firstAge + ")");
            assertEquals(0, writer.frames());
            assertEquals(0, reader.framesPublished());
        }
    }

    @Test
    void aHeartbeatOlderThanThreePeriodsIsStale() throws Exception {
        Path file = dir.resolve("stale");
        // A one-second period, so the quarter-second beat interval and a busy machine stay well inside the margins.
        Duration period = Duration.ofSeconds(1);
        try (SharedFrameWriter writer = SharedFrameWriter.create(file, spec(period));
                SharedFrameReader soon = SharedFrameReader.open(file, skewed(period.toNanos()));
                SharedFrameReader late = SharedFrameReader.open(file, skewed(period.toNanos() * 7 / 2))) {
            assertEquals(WriterStatus.ALIVE, soon.writerStatus(), "a heartbeat one period old is alive");
            assertEquals(WriterStatus.STALE, late.writerStatus(), "a heartbeat three and a half periods old is stale");
            assertEquals(ProcessHandle.current().pid(), late.writerPid(), "a stale writer is still named");
            assertEquals(0, writer.frames());
        }
    }

    @Test
    void aClosedWriterIsClosedAndItsLastFrameStays() throws Exception {
        Path file = dir.resolve("closed");
        try (SharedFrameReader reader = openAfterOneFrame(file)) {
            assertEquals(WriterStatus.CLOSED, reader.writerStatus());
            FrameCopy copy = reader.newFrameCopy();
            assertTrue(reader.readLatest(copy));
            assertEquals(1, copy.frameNumber());
        }
    }

    private SharedFrameReader openAfterOneFrame(Path file) throws Exception {
        try (SharedFrameWriter writer = SharedFrameWriter.create(file, spec())) {
            writer.publish(PatternFrames.frame(1));
            return SharedFrameReader.open(file);
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aWriterProcessKilledWithSigkillGoesStale() throws Exception {
        Path file = dir.resolve("killed");
        try (ChildJvm child = ChildJvm.start(dir, RegionWriterMain.class, file.toString(),
                Long.toString(PERIOD.toMillis()), "5")) {
            String ready = child.readLine();
            assertTrue(ready.startsWith("READY "), ready);
            try (SharedFrameReader reader = SharedFrameReader.open(file)) {
                assertEquals(child.process().pid(), reader.writerPid());
                assertEquals(WriterStatus.ALIVE, reader.writerStatus());

                child.process().destroyForcibly(); // SIGKILL: no shutdown hook, no close
                assertTrue(child.process().waitFor(30, TimeUnit.SECONDS));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (reader.writerStatus() == WriterStatus.ALIVE && System.nanoTime() < deadline) {
                    Thread.sleep(PERIOD.toMillis());
                }
                assertEquals(WriterStatus.STALE, reader.writerStatus(), "a killed writer never marks itself closed");

                FrameCopy copy = reader.newFrameCopy();
                assertTrue(reader.readLatest(copy), "the last frame outlives its writer");
                assertEquals(5, copy.frameNumber());
                assertEquals(null, PatternFrames.problem(copy));
            }
        }
    }
}
