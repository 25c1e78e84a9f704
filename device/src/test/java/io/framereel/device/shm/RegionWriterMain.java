package io.framereel.device.shm;

import io.framereel.storage.Image;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * A writing process that the heartbeat test kills with SIGKILL: creates the region, publishes a few pattern
 * frames, prints READY, then idles (its heartbeat thread still beating) until it is killed.
 *
 * <p>Arguments: region path, heartbeat period in milliseconds, frames to publish.
 */
public final class RegionWriterMain {
    private RegionWriterMain() {
    }

    public static void main(String[] args) throws Exception {
        RegionSpec spec = RegionSpec.of(RegionFormat.RGB565, PatternFrames.MAX_WIDTH, PatternFrames.MAX_HEIGHT)
                .withHeartbeatPeriod(Duration.ofMillis(Long.parseLong(args[1])));
        SharedFrameWriter writer = SharedFrameWriter.create(Path.of(args[0]), spec);
        ByteBuffer buffer = PatternFrames.buffer();
        Image image = Image.empty();
        for (long n = 1; n <= Long.parseLong(args[2]); n++) {
            writer.publish(PatternFrames.fill(n, buffer, image));
        }
        System.out.println("READY " + ProcessHandle.current().pid());
        System.out.flush();
        while (true) {
            LockSupport.parkNanos(1_000_000_000L);
        }
    }
}
