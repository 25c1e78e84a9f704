package io.framereel.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
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
}
