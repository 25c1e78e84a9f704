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
import java.util.Arrays;
import java.util.Locale;

/**
 * How closely replay keeps the recorded schedule: a 30 fps recording (elapsed 33, 33, 34, ... ms) replayed with
 * {@code pause=true} into an 800x480 screen in memory, measuring for every frame when {@code read} returned
 * against when the recording says it is due (first frame's return + the sum of elapsed times). Jitter is that
 * difference; an absolute schedule keeps it from accumulating. Run:
 * {@code java -cp bench/target/benchmarks.jar io.framereel.bench.ReplayJitterProbe [frames] [format] [WxH]}.
 */
public final class ReplayJitterProbe {
    private ReplayJitterProbe() {
    }

    public static void main(String[] args) throws IOException {
        int frames = args.length > 0 ? Integer.parseInt(args[0]) : 600;
        PixelFormat format = args.length > 1 ? PixelFormat.parse(args[1]) : PixelFormat.YUV422;
        String[] wh = (args.length > 2 ? args[2] : "640x480").split("x");
        int width = Integer.parseInt(wh[0]);
        int height = Integer.parseInt(wh[1]);
        Path file = Files.createTempFile("jitter", ".bin");
        try {
            TestPatternSource pattern = new TestPatternSource(width, height, format, 30);
            try (ImageIO out = ImageIO.open(file, "w")) {
                for (int i = 0; i < frames; i++) {
                    out.write(pattern.next());
                }
            }
            FramebufferDisplay display = new FramebufferDisplay(new HeapScreen(800, 480, PixelLayout.RGB565, 2));
            long[] lateNanos = new long[frames - 1];
            try (ImageIO in = ImageIO.open(file, ImageIO.Mode.READ, StreamOptions.DEFAULTS.withFrameBuffer(display))) {
                for (int i = 0; i < frames; i++) {
                    in.read(true, false, false); // warm-up: compile the replay path before timing it
                }
                in.seek(0); // re-anchors the schedule
                in.read(true, false, true);
                long start = System.nanoTime();
                long dueMs = 0;
                for (int i = 1; i < frames; i++) {
                    int elapsed = in.read(true, false, true).elapsedMs();
                    dueMs += elapsed;
                    lateNanos[i - 1] = System.nanoTime() - start - dueMs * 1_000_000L;
                }
            }
            // A read never returns before its frame is due, so the earliest return marks the schedule's anchor:
            // jitter is how much later than that each frame came.
            long earliest = Arrays.stream(lateNanos).min().orElse(0);
            for (int i = 0; i < lateNanos.length; i++) {
                lateNanos[i] -= earliest;
            }
            long[] sorted = lateNanos.clone();
            Arrays.sort(sorted);
            System.out.printf(Locale.ROOT, "replay jitter, %d frames of %dx%d %s at 30 fps onto 800x480 RGB565 in memory, 2 pages:"
                            + " jitter p50 %.3f ms, p99 %.3f ms, max %.3f ms, min %.3f ms, last frame %.3f ms (no drift)%n",
                    frames, width, height, format, sorted[sorted.length / 2] / 1e6, sorted[sorted.length * 99 / 100] / 1e6,
                    sorted[sorted.length - 1] / 1e6, sorted[0] / 1e6, lateNanos[lateNanos.length - 1] / 1e6);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
