package io.framereel.capture.daemon;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;

// Scope: every DaemonTest again, with a camera that lends its own buffers (as V4L2 does for formats stored as
// is), so the daemon's pre-trigger ring is written straight from them: no gap, no repeat, no torn frame either way.
class LendingDaemonTest extends DaemonTest {
    @Override
    NumberedCamera camera(double fps) {
        return new NumberedCamera(fps, true);
    }

    @AfterEach
    void theDaemonTookTheLentFrames() {
        assertTrue(camera.lentFrames.get() > 0, "the daemon recorded from the camera's buffers, not copies");
    }
}
