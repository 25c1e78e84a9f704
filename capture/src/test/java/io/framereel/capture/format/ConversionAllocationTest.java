package io.framereel.capture.format;

import static io.framereel.capture.format.CameraFrames.bytes;
import static io.framereel.capture.format.CameraFrames.camera;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.framereel.storage.PixelFormat;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

// Scope: convert() allocates nothing per frame on any path, counted with HotSpot's per-thread allocation counter.
class ConversionAllocationTest {
    private static final int WARMUP_FRAMES = 2_000;
    private static final int FRAMES = 100;
    private static final long BUDGET_BYTES = 1024;

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** Without the counter every measurement would read 0 and pass; the control proves it counts. */
    @BeforeEach
    void requireTheAllocationCounter() {
        assumeTrue(threads.isThreadAllocatedMemorySupported(), "this JVM cannot count per-thread allocation");
        threads.setThreadAllocatedMemoryEnabled(true);
    }

    @Test
    void theCounterSeesAFrameSizedAllocation() {
        long before = threads.getCurrentThreadAllocatedBytes();
        byte[] frame = new byte[64 * 48];
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated >= frame.length, "counted " + allocated + " bytes for a " + frame.length + "-byte array");
    }

    /** Every raw path with padded lines (the slower, line-by-line branch), plus the compressed formats. */
    static Stream<Arguments> paths() {
        return Stream.concat(CameraFrames.rawPaths(),
                Stream.of(Arguments.of(CameraFormat.MJPEG, Optional.empty()),
                        Arguments.of(CameraFormat.JPEG, Optional.empty())));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("paths")
    void convertAllocatesNothingPerFrameAfterWarmUp(CameraFormat f, Optional<PixelFormat> target) throws Exception {
        int width = 64;
        int height = 48;
        FrameConversion c;
        ByteBuffer src;
        if (f.family() == CameraFormat.Family.COMPRESSED) {
            c = FrameConversion.ofCompressed(f.fourcc(), width, height, 4096);
            src = camera(bytes(0xFF, 0xD8, 0x01, 0x02, 0x03, 0xFF, 0xD9, 0x00, 0x00));
        } else {
            int stride = (int) f.minBytesPerLine(width) + 8;
            c = FrameConversion.of(f.fourcc(), width, height, stride, target);
            src = camera(f, width, height, stride, CameraFrames.random(f, width, height, 3));
        }
        ByteBuffer dst = ByteBuffer.allocateDirect(c.maxOutputBytes());
        for (int i = 0; i < WARMUP_FRAMES; i++) {
            c.convert(src, dst);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < FRAMES; i++) {
            c.convert(src, dst);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < BUDGET_BYTES, c + " allocated " + allocated + " bytes over " + FRAMES + " frames");
    }
}
