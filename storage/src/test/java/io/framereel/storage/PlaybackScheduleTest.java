package io.framereel.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Paused reads follow an absolute schedule: no drift, no catch-up bursts, re-anchored after seeks. */
class PlaybackScheduleTest {
    @TempDir
    Path dir;

    @Test
    void thousandPausedFramesDoNotDriftEvenWhenEachWakeUpIsLate() throws Exception {
        ManualClock clock = new ManualClock(0);
        PlaybackSchedule s = new PlaybackSchedule(clock);
        for (int i = 0; i < 1000; i++) {
            s.await(33, true);
            clock.advanceNanos(2_700_000); // the reader spends 2.7 ms per frame after waking
        }
        // due time of frame 999 is 1000 * 33 ms after the anchor; only the last frame's work comes after it
        assertEquals(1000 * 33_000_000L + 2_700_000L, clock.nanos());
    }

    @Test
    void unpausedReadsDoNotWait() throws Exception {
        ManualClock clock = new ManualClock(0);
        PlaybackSchedule s = new PlaybackSchedule(clock);
        for (int i = 0; i < 10; i++) {
            s.await(100, false);
        }
        assertEquals(0, clock.sleeps());
    }

    @Test
    void aReaderFarBehindReanchorsInsteadOfBursting() throws Exception {
        ManualClock clock = new ManualClock(0);
        PlaybackSchedule s = new PlaybackSchedule(clock);
        s.await(10, true);
        clock.advanceMillis(2_000); // stalled for 2 s
        s.await(10, true); // shown at once, anchors here
        long anchor = clock.nanos();
        s.await(10, true);
        assertEquals(anchor + 10_000_000L, clock.nanos());
    }

    @Test
    void afterAnUnpausedReadTheNextPausedFrameIsShownAtOnce() throws Exception {
        ManualClock clock = new ManualClock(0);
        PlaybackSchedule s = new PlaybackSchedule(clock);
        s.await(1000, false);
        s.await(1000, true);
        assertEquals(0, clock.nanos());
        s.await(40, true);
        assertEquals(40_000_000L, clock.nanos());
    }

    @Test
    void speedScalesIntervals() throws Exception {
        ManualClock clock = new ManualClock(0);
        PlaybackSchedule s = new PlaybackSchedule(clock);
        s.speed(2.0);
        s.await(100, true);
        assertEquals(50_000_000L, clock.nanos());
        assertThrows(IllegalArgumentException.class, () -> s.speed(0));
        assertThrows(IllegalArgumentException.class, () -> s.speed(Double.NaN));
    }

    @Test
    void fileStreamReadsPauseForTheRecordedIntervalsFromOpen() throws Exception {
        Path file = dir.resolve("p.bin");
        try (ImageIO io = ImageIO.open(file, "w")) {
            for (int ms : new int[] {20, 33, 34, 33}) {
                io.write(TestImages.random(ms, 2, 2, PixelFormat.GRAYSCALE, 0, false).elapsedMs(ms));
            }
        }
        ManualClock clock = new ManualClock(7);
        try (ImageIO io = ImageIO.open(file, ImageIO.Mode.READ, StreamOptions.DEFAULTS.withClock(clock))) {
            io.read();
            assertEquals(7 + 20_000_000L, clock.nanos());
            io.read();
            io.read();
            io.read();
            assertEquals(7 + 120_000_000L, clock.nanos());
            io.read(); // loops: frame 0's 20 ms again
            assertEquals(7 + 140_000_000L, clock.nanos());
        }
    }

    /** A display whose drawing takes 15 ms, like decoding a 1280x720 JPEG; it notes when each step happens. */
    private static final class SlowDisplay implements FrameBuffer {
        final ManualClock clock;
        final List<String> steps = new ArrayList<>();
        private final MemoryFrameBuffer memory = new MemoryFrameBuffer();

        SlowDisplay(ManualClock clock) {
            this.clock = clock;
        }

        @Override
        public ByteBuffer begin(int width, int height, PixelFormat format, int payloadBytes)
                throws IOException {
            return memory.begin(width, height, format, payloadBytes);
        }

        @Override
        public void stage() {
            steps.add("draw@" + clock.nanos() / 1_000_000);
            clock.advanceMillis(15);
        }

        @Override
        public Image commit(int elapsedMs, long timestampNanos) throws IOException {
            steps.add("show@" + clock.nanos() / 1_000_000);
            return memory.commit(elapsedMs, timestampNanos);
        }
    }

    @Test
    void pausedReadsPrepareEachFrameBeforeItIsDueAndShowItOnTime() throws Exception {
        Path file = dir.resolve("slow.bin");
        try (ImageIO io = ImageIO.open(file, "w")) {
            for (int ms : new int[] {20, 33, 33}) {
                io.write(TestImages.random(ms, 2, 2, PixelFormat.GRAYSCALE, 0, false).elapsedMs(ms));
            }
        }
        ManualClock clock = new ManualClock(0);
        SlowDisplay display = new SlowDisplay(clock);
        try (ImageIO io = ImageIO.open(file, ImageIO.Mode.READ,
                StreamOptions.DEFAULTS.withClock(clock).withFrameBuffer(display))) {
            for (int i = 0; i < 3; i++) {
                io.read(true, false, true);
            }
        }
        // Each frame is drawn while the previous one is on screen and shown exactly when due (20, 53, 86 ms);
        // drawn after the wait, every frame would be 15 ms late.
        assertEquals(List.of("draw@0", "show@20", "draw@20", "show@53", "draw@53", "show@86"),
                display.steps);
    }
}
