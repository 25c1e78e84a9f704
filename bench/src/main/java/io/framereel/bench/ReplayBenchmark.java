package io.framereel.bench;

import io.framereel.capture.synth.TestPatternSource;
import io.framereel.device.fb.FramebufferDisplay;
import io.framereel.device.fb.PixelLayout;
import io.framereel.storage.ImageIO;
import io.framereel.storage.PixelFormat;
import io.framereel.storage.StreamOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Replay without the schedule: frames read from a stream file with {@code read(copyToFb=true, loop=true,
 * pause=false)} into a {@link FramebufferDisplay} on an 800x480 screen (a Pi touch display's size) in memory, so
 * the figure is the frames per second replay can sustain: file read, conversion of the format, scaling and
 * packing. The screen is memory, not /dev/fb0, which has no device here; on a Pi the stores go to the
 * framebuffer's memory instead.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class ReplayBenchmark {
    private static final int FRAMES = 30;

    @Param({"640x480", "1280x720"})
    String size;

    @Param({"GRAYSCALE", "RGB565", "YUV422", "BAYER_BGGR", "JPEG"})
    String format;

    @Param({"RGB565", "XRGB8888"})
    String display;

    private Path file;
    private ImageIO in;

    @Setup(Level.Trial)
    public void record() throws IOException {
        String[] wh = size.split("x");
        int width = Integer.parseInt(wh[0]);
        int height = Integer.parseInt(wh[1]);
        file = Files.createTempFile("replay-bench", ".bin");
        TestPatternSource pattern = new TestPatternSource(width, height, PixelFormat.valueOf(format), 30);
        try (ImageIO out = ImageIO.open(file, "w")) {
            for (int i = 0; i < FRAMES; i++) {
                out.write(pattern.next());
            }
        }
        PixelLayout layout = display.equals("RGB565") ? PixelLayout.RGB565 : PixelLayout.XRGB8888;
        FramebufferDisplay screen = new FramebufferDisplay(new HeapScreen(800, 480, layout));
        in = ImageIO.open(file, ImageIO.Mode.READ, StreamOptions.DEFAULTS.withFrameBuffer(screen));
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        in.close();
        Files.deleteIfExists(file);
    }

    @Benchmark
    public Object replayOneFrame() throws IOException {
        return in.read(true, true, false);
    }
}
