package io.framereel.capture.cli;

import io.framereel.capture.synth.TestPatternSource;
import io.framereel.storage.Image;
import io.framereel.storage.ImageIO;
import io.framereel.storage.PixelFormat;
import io.framereel.storage.SyncPolicy;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code framereel demo}: the first thing to run. Records a moving RGB565 test pattern to an ImageIO file,
 * replays it at the recorded rate while measuring how well the replay keeps to the schedule, writes a
 * contact sheet, and prints where everything is. Not thread-safe.
 */
@Command(name = "demo",
        footer = {"", "Example:", "  framereel demo --dir /tmp/demo --frames 30 --size 320x240"},
        description = {
            "Record a moving RGB565 test pattern to an ImageIO stream file, read it back at the recorded frame "
                    + "rate (measuring replay time and schedule lag), write a PNG contact sheet, and print a summary.",
            "Files go to a new temporary directory unless --dir is given: demo.bin and demo-contact.png."})
final class DemoCommand implements Callable<Integer> {
    static final String STREAM_NAME = "demo.bin";
    static final String SHEET_NAME = "demo-contact.png";

    @Option(names = "--dir", paramLabel = "DIR", description = "Directory for the files (created if missing; "
            + "default: a new temporary directory).")
    Path dir;

    @Option(names = "--frames", paramLabel = "N", defaultValue = "90", description = "Number of frames (default: ${DEFAULT-VALUE}).")
    int frames;

    @Option(names = "--size", paramLabel = "WxH", defaultValue = "640x480", converter = Geometry.Converter.class,
            description = "Frame size (default: ${DEFAULT-VALUE}).")
    Geometry size;

    @Option(names = "--fps", paramLabel = "R", defaultValue = "30", description = "Frame rate (default: ${DEFAULT-VALUE}).")
    double fps;

    @Spec
    CommandSpec spec;

    /** How a paced replay went. Immutable. */
    static final class Replay {
        final int frames;
        final long nanos;
        final long maxLagNanos;

        Replay(int frames, long nanos, long maxLagNanos) {
            this.frames = frames;
            this.nanos = nanos;
            this.maxLagNanos = maxLagNanos;
        }
    }

    @Override
    public Integer call() throws IOException {
        TestPatternSource source = SynthOptions.source(spec.commandLine(), size, PixelFormat.RGB565, frames, fps);
        if (dir != null && Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new ParameterException(spec.commandLine(), "--dir " + dir + ": exists and is not a directory");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path where = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("framereel-demo-");
        Path stream = where.resolve(STREAM_NAME);
        Path sheet = where.resolve(SHEET_NAME);

        log(err, "recording " + frames + " frames of " + size + " RGB565 to " + stream);
        PatternRecorder.Result recording = PatternRecorder.record(source, frames, stream, SyncPolicy.NEVER, err);
        log(err, String.format(Locale.ROOT, "replaying at the recorded rate (%.1f s)", recording.recordedMs / 1e3));
        Replay replay = replay(stream, err);
        try (ImageIO in = ImageIO.open(stream, "r")) {
            ContactSheetWriter.write(in, 0, in.count() - 1, sheet);
        }

        out.println("framereel demo: a moving test pattern, recorded and read back");
        out.println();
        out.printf(Locale.ROOT, "  file           %s%n", stream);
        out.printf(Locale.ROOT, "  frames         %d x %s RGB565 at %s fps%n", recording.frames, size,
                SynthCommand.formatFps(fps));
        out.printf(Locale.ROOT, "  bytes          %,d (written at %.1f MB/s)%n", recording.bytes,
                recording.writeMegabytesPerSecond());
        out.printf(Locale.ROOT, "  recorded       %d ms%n", recording.recordedMs);
        out.printf(Locale.ROOT, "  replay         %.1f ms for %d frames at the recorded rate (%+.1f ms; at most "
                        + "%.2f ms behind schedule)%n", replay.nanos / 1e6, replay.frames,
                replay.nanos / 1e6 - recording.recordedMs, replay.maxLagNanos / 1e6);
        out.printf(Locale.ROOT, "  contact sheet  %s%n", sheet);
        out.println();
        out.println("Look at it:");
        out.println("  framereel info " + stream);
        out.println("  framereel export " + stream + " --to " + where.resolve("frames") + " --as png");
        out.flush();
        return 0;
    }

    /**
     * Reads every frame as a player would, paced at the recorded rate, and measures the total time and how
     * far any frame arrived behind its scheduled time (the schedule starts when the stream is opened).
     */
    static Replay replay(Path file, PrintWriter err) throws IOException {
        try (ImageIO stream = ImageIO.open(file, "r");
             Progress progress = Progress.start(err, "replay", stream.count())) {
            long start = System.nanoTime();
            long scheduled = 0;
            long maxLag = 0;
            int frames = 0;
            for (Image frame = stream.read(true, false, true); frame != null; frame = stream.read(true, false, true)) {
                long now = System.nanoTime() - start;
                scheduled += frame.elapsedMs() * 1_000_000L;
                maxLag = Math.max(maxLag, now - scheduled);
                progress.update(++frames);
            }
            return new Replay(frames, System.nanoTime() - start, maxLag);
        }
    }

    private static void log(PrintWriter err, String message) {
        err.println("framereel demo: " + message);
        err.flush();
    }
}
