package io.framereel.capture.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Capture times and camera drops from SensorTimestamps, with arrival times standing in where metadata is late. */
class RpicamFrameTimesTest {
    private static final long P = 33_333_333L;
    private static final long T0 = 5_000_000_000L;
    /** Exposure, readout, ISP and pipe between a SensorTimestamp and the frame's arrival. */
    private static final long LATENCY = 41_000_000L;
    private static final long MISSING = RpicamMetadata.MISSING;

    @Test
    void aFrameIsTimedByItsSensorTimestamp() {
        RpicamFrameTimes times = new RpicamFrameTimes(P);
        assertEquals(T0, times.timestamp(0, T0 + LATENCY, T0));
        assertEquals(T0 + P, times.timestamp(1, T0 + P + LATENCY + 3_000_000L, T0 + P), "arrival jitter ignored");
        assertEquals(0, times.droppedFrames());
        assertEquals(0, times.untimedFrames());
    }

    @Test
    void aGapOfMoreThanOneAndAHalfPeriodsCountsTheLostFrames() {
        RpicamFrameTimes times = new RpicamFrameTimes(P);
        times.timestamp(0, T0, T0);
        times.timestamp(1, T0 + 3 * P, T0 + 3 * P); // frames at P and 2P never came
        assertEquals(2, times.droppedFrames());
        times.timestamp(2, T0 + 4 * P + P * 4 / 10, T0 + 4 * P + P * 4 / 10); // late by 0.4 period: not a loss
        assertEquals(2, times.droppedFrames());
    }

    @Test
    void aFrameWithoutMetadataIsTimedByArrivalLessTheMeasuredLatency() {
        RpicamFrameTimes times = new RpicamFrameTimes(P);
        times.timestamp(0, T0 + LATENCY, T0);
        long arrival = T0 + P + LATENCY + 1_000_000L;
        assertEquals(arrival - LATENCY, times.timestamp(1, arrival, MISSING));
        assertEquals(1, times.untimedFrames());
    }

    @Test
    void beforeAnyMetadataArrivalTimeIsAllThereIs() {
        RpicamFrameTimes times = new RpicamFrameTimes(P);
        assertEquals(T0 + 7, times.timestamp(0, T0 + 7, MISSING));
    }

    @Test
    void dropsAroundAFrameWithoutMetadataAreStillCountedOnce() {
        RpicamFrameTimes times = new RpicamFrameTimes(P);
        times.timestamp(7, T0, T0);
        times.timestamp(8, T0 + 2 * P + LATENCY, MISSING); // sensor time 2P: the frame at P was lost
        times.timestamp(9, T0 + 3 * P + LATENCY, T0 + 3 * P);
        assertEquals(1, times.droppedFrames(), "3 periods over 2 frames: one lost");
        times.timestamp(10, T0 + 4 * P + LATENCY, MISSING);
        times.timestamp(11, T0 + 5 * P + LATENCY, T0 + 5 * P);
        assertEquals(1, times.droppedFrames(), "2 periods over 2 frames: none lost");
    }
}
