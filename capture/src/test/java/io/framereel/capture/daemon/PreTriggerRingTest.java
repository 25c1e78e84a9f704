package io.framereel.capture.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framereel.capture.source.StreamShape;
import io.framereel.storage.Image;
import io.framereel.storage.PixelFormat;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The daemon's ring as the status and the log describe it: what it holds, and what the cap costs. */
class PreTriggerRingTest {
    private static final long FRAME_NANOS = 33_333_333L;

    /** Writes {@code frames} frames of {@code bytes} bytes at 30 fps; returns what was logged. */
    private static String fill(PreTriggerRing ring, PixelFormat format, int bytes, int frames) throws Exception {
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            ByteBuffer payload = ByteBuffer.allocate(bytes);
            for (int i = 0; i < frames; i++) {
                ring.write(Image.of(100, 100, format, payload.clear()).timestampNanos(1_000_000_000L + i * FRAME_NANOS));
            }
        } finally {
            System.setErr(saved);
        }
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aRawCameraOverTheCapIsToldOnceAndItsCapacityIsWhatTheCapHolds() throws Exception {
        StreamShape shape = new StreamShape(100, 100, PixelFormat.GRAYSCALE, 10_000, 30, "raw camera");
        StatusBoard board = new StatusBoard();
        PreTriggerRing ring = new PreTriggerRing(() -> shape, Duration.ofSeconds(3), 200_000, 16, board, s -> null);
        String log = fill(ring, PixelFormat.GRAYSCALE, 10_000, 300);
        assertEquals(1, log.lines().filter(l -> l.contains("trigger.pre-max-bytes")).count(), log);
        assertTrue(log.contains("holds 20 frames of 10000 bytes: 0.67 s before a trigger instead of 3.00 s"), log);
        assertEquals(20, board.ringCapacity, "what 200 KB hold, not the 106 frames wanted");
        assertEquals(20, board.ringFill);
        assertEquals(20 / 30.0, board.ringSeconds, 0.01);
        assertEquals(200_000, board.ringBytes);
        ring.close();
    }

    @Test
    void compressedFramesThatFillTheCapBeforeThePreTriggerSecondsAreToldOnceWithTheSecondsHeld() throws Exception {
        // announces 10 KB frames, sends 5 KB ones: 200 KB hold 40 of the 106 wanted, which only the frames show
        StreamShape shape = new StreamShape(100, 100, PixelFormat.JPEG, 10_000, 30, "MJPEG camera");
        StatusBoard board = new StatusBoard();
        PreTriggerRing ring = new PreTriggerRing(() -> shape, Duration.ofSeconds(3), 200_000, 16, board, s -> null);
        String log = fill(ring, PixelFormat.JPEG, 5_000, 300);
        assertEquals(1, log.lines().filter(l -> l.contains("trigger.pre-max-bytes")).count(), log);
        assertTrue(log.contains("is full with 40 frames: 1.33 s before a trigger instead of 3.00 s"), log);
        assertEquals(106, board.ringCapacity, "up to 106 frames if they were smaller");
        assertEquals(40, board.ringFill);
        assertEquals(40 / 30.0, board.ringSeconds, 0.01);
        ring.close();
    }
}
