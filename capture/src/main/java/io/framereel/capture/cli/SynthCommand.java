package io.framereel.capture.cli;

import io.framereel.capture.synth.TestPatternSource;
import io.framereel.storage.PixelFormat;
import io.framereel.storage.SyncPolicy;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code framereel synth OUT --format F --size WxH --frames N --fps R [--sync P]}: records a moving test
 * pattern (see {@link TestPatternSource}) into a V2.0 stream file as fast as possible; the frame rate lives in
 * the recorded elapsed times. The same arguments always give the same bytes. Not thread-safe.
 */
@Command(name = "synth",
        footer = {"", "Example:", "  framereel synth bars.bin --format YUV422 --size 640x480 --frames 300 --fps 60"},
        description = {
            "Write a moving test pattern (colour bars, a bouncing box, a scrolling grey ramp and the frame number "
                    + "in binary) to a V2.0 stream file, in any uncompressed pixel format or JPEG.",
            "Frames are made as fast as possible; their recorded elapsed times follow --fps exactly "
                    + "(30 fps: 33, 33, 34, ... ms, 1000 ms per 30 frames). Same arguments, same bytes."})
final class SynthCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "OUT", description = "The stream file to write (replaced if it exists).")
    Path out;

    @Option(names = "--format", paramLabel = "F", defaultValue = "RGB565", converter = Converters.Format.class,
            description = "GRAYSCALE, RGB565, BINARY, BAYER_BGGR, BAYER_GBRG, BAYER_GRBG, BAYER_RGGB, YUV422, "
                    + "YVU422 or JPEG (default: ${DEFAULT-VALUE}).")
    PixelFormat format;

    @Option(names = "--size", paramLabel = "WxH", defaultValue = "320x240", converter = Geometry.Converter.class,
            description = "Frame size (default: ${DEFAULT-VALUE}).")
    Geometry size;

    @Option(names = "--frames", paramLabel = "N", defaultValue = "90", description = "Number of frames (default: ${DEFAULT-VALUE}).")
    int frames;

    @Option(names = "--fps", paramLabel = "R", defaultValue = "30", description = "Frame rate, "
            + "0.001..1000, fractions allowed (default: ${DEFAULT-VALUE}).")
    double fps;

    @Option(names = "--sync", paramLabel = "P", defaultValue = "never", converter = Converters.Sync.class,
            description = "When to force frames to disk while writing: never, always, frames:N or ms:T "
                    + "(default: ${DEFAULT-VALUE}; the file is always synced when complete).")
    SyncPolicy sync;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        TestPatternSource source = SynthOptions.source(spec.commandLine(), size, format, frames, fps);
        AtomicOutput.checkWritable(out);
        PrintWriter err = spec.commandLine().getErr();
        PatternRecorder.Result r = PatternRecorder.record(source, frames, out, sync, err);
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf(Locale.ROOT, "wrote %s: %d frames of %s %s, %d bytes, %d ms recorded at %s fps, in %.0f ms "
                        + "(%.1f MB/s written)%n",
                out, r.frames, size, format, r.bytes, r.recordedMs, formatFps(fps), r.totalNanos / 1e6,
                r.writeMegabytesPerSecond());
        stdout.flush();
        return 0;
    }

    static String formatFps(double fps) {
        return fps == Math.rint(fps) ? Long.toString((long) fps) : Double.toString(fps);
    }
}
