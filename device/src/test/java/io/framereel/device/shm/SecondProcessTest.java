package io.framereel.device.shm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framereel.storage.Image;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

// Scope: another process maps the region read-only and reads whole frames, in order, while this one writes; the
// region lives where the daemon puts it, in /dev/shm.
class SecondProcessTest {
    private static final long FRAMES = 200;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aChildProcessReadsTwoHundredFramesWithoutATornOne() throws Exception {
        // /dev/shm is where the region lives in production; a unique name keeps parallel builds apart.
        Path file = SharedFrameRegion.inDevShm("test-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        RegionSpec spec = RegionSpec.of(RegionFormat.RGB565, PatternFrames.MAX_WIDTH, PatternFrames.MAX_HEIGHT)
                .withSlots(2);
        try (SharedFrameWriter writer = SharedFrameWriter.create(file, spec);
                ChildJvm child = ChildJvm.start(dir, RegionReaderMain.class, file.toString(), Long.toString(FRAMES),
                        "60000")) {
            assertEquals("READY", child.readLine());
            ByteBuffer buffer = PatternFrames.buffer();
            Image image = Image.empty();
            for (long n = 1; n <= FRAMES; n++) {
                writer.publish(PatternFrames.fill(n, buffer, image));
                // About a millisecond apart, like a fast camera, so the child sees many frames; two slots still make
                // the writer come round to the slot being copied whenever the child falls a frame behind.
                LockSupport.parkNanos(1_000_000);
            }
            String line = child.readLine();
            System.out.println("child reader: " + line);
            Map<String, String> report = ChildJvm.fields(line);
            assertEquals("0", report.get("torn"), line);
            assertEquals("0", report.get("outOfOrder"), line);
            assertEquals(Long.toString(FRAMES), report.get("last"), "the child saw the last frame: " + line);
            assertTrue(Long.parseLong(report.get("seen")) >= 2, "the child read while frames were written: " + line);
            assertTrue(child.process().waitFor(30, TimeUnit.SECONDS), "the child exits after its report");
            assertEquals(0, child.process().exitValue(), child.stderr());
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
