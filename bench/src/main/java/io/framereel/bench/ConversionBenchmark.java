package io.framereel.bench;

import io.framereel.capture.format.FrameConversion;
import io.framereel.capture.format.FrameFormatException;
import io.framereel.device.v4l2.FourCc;
import io.framereel.storage.PixelFormat;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Converting one camera frame as the capture loop will: {@link FrameConversion#convert} from a direct buffer
 * (standing in for the kernel's mmap'd V4L2 buffer, unpadded lines) into a preallocated direct destination.
 * One operation is one frame, so the score is frames per second on one thread.
 *
 * <p>{@code path} is {@code FOURCC>STORED}: YUYV to RGB565 (BT.601 per pixel), YUYV to GRAYSCALE (the luma),
 * BA81 to RGB565 (bilinear demosaic straight to RGB565, line by line), and YUYV stored as YUV422 (a plain copy,
 * the floor every conversion is measured against). Frames hold pseudo-random bytes, so the YUV math saturates
 * as often as it would on a busy scene.
 *
 * <p>One JMH thread per state; not thread-safe.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class ConversionBenchmark {
    @Param({"YUYV>RGB565", "YUYV>GRAYSCALE", "BA81>RGB565", "YUYV>YUV422"})
    String path;

    @Param({"640x480", "1280x720"})
    String size;

    private FrameConversion conversion;
    private ByteBuffer camera;
    private ByteBuffer stored;

    @Setup(Level.Trial)
    public void allocate() {
        String[] fromTo = path.split(">");
        String[] wh = size.split("x");
        int width = Integer.parseInt(wh[0]);
        int height = Integer.parseInt(wh[1]);
        int bytesPerLine = width * cameraBytesPerPixel(fromTo[0]);
        PixelFormat target = PixelFormat.parse(fromTo[1]);
        conversion = FrameConversion.of(FourCc.of(fromTo[0]), width, height, bytesPerLine, Optional.of(target));
        camera = ByteBuffer.allocateDirect(bytesPerLine * height);
        BenchFrames.fillRandom(camera);
        stored = ByteBuffer.allocateDirect(conversion.maxOutputBytes());
    }

    private static int cameraBytesPerPixel(String fourcc) {
        switch (fourcc) {
            case "YUYV":
                return 2;
            case "BA81":
                return 1;
            default:
                throw new IllegalArgumentException("no camera frame size known for " + fourcc);
        }
    }

    @Benchmark
    public int convert() throws FrameFormatException {
        return conversion.convert(camera, stored);
    }
}
