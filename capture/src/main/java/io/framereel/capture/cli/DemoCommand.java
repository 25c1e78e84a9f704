package io.framereel.capture.cli;

import io.framereel.capture.daemon.ConfigException;
import io.framereel.capture.daemon.Daemon;
import io.framereel.capture.daemon.DaemonConfig;
import io.framereel.capture.daemon.RecordingFiles;
import io.framereel.capture.daemon.ServiceNotifier;
import io.framereel.capture.source.CameraSpec;
import io.framereel.device.shm.SharedFrameReader;
import io.framereel.storage.file.FileStream;
import io.framereel.storage.file.FrameIndex;
import io.framereel.storage.Image;
import io.framereel.storage.ImageIO;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code framereel demo}: the first thing to run, and the daemon on its embedded default. A synthetic camera
 * streams into the daemon's pre-trigger ring and into a shared-memory frame region; a timer stands in for the
 * buttons and starts and stops recordings, which begin with the second before each trigger. Afterwards the demo
 * reads the shared region as another process would, replays the first recording at its recorded rate
 * (measuring how well the replay keeps to the schedule), writes a contact sheet, and prints where everything is.
 * Not thread-safe.
 */
@Command(name = "demo",
        footer = {"", "Example:", "  framereel demo --dir /tmp/demo --seconds 10 --size 320x240"},
        description = {
            "Run the recorder daemon for a few seconds on its embedded default: a synthetic camera (a moving RGB565 "
                    + "test pattern), recordings in a directory, live frames in a shared-memory frame region, and a "
                    + "timer in place of buttons that starts and stops recordings (each begins with the second "
                    + "before its trigger). Then replay the first recording at its recorded rate, write a PNG "
                    + "contact sheet, and print a summary.",
            "Files go to a new temporary directory unless --dir is given: recordings/ and demo-contact.png; the "
                    + "shared region is /dev/shm/framereel-demo-PID."})
final class DemoCommand implements Callable<Integer> {
    static final String RECORDINGS = "recordings";
    static final String SHEET_NAME = "demo-contact.png";

    @Option(names = "--dir", paramLabel = "DIR", description = "Directory for the files (created if missing; "
            + "default: a new temporary directory).")
    Path dir;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "8", description = "How long the daemon runs; "
            + "a recording starts every S/3 seconds and lasts half of that (default: ${DEFAULT-VALUE}).")
    double seconds;

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
    public Integer call() throws IOException, InterruptedException {
        if (!(seconds >= 1.5 && seconds <= 3600)) {
            throw new ParameterException(spec.commandLine(), "--seconds must be 1.5..3600 (was " + seconds + ")");
        }
        if (!(fps > 0 && fps <= 240)) {
            throw new ParameterException(spec.commandLine(), "--fps must be in (0, 240] (was " + fps + ")");
        }
        if (dir != null && Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new ParameterException(spec.commandLine(), "--dir " + dir + ": exists and is not a directory");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path where = (dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("framereel-demo-"))
                .toAbsolutePath();
        Path recordings = where.resolve(RECORDINGS);
        Path shm = Path.of("/dev/shm");
        Path region = Files.isDirectory(shm) && Files.isWritable(shm)
                ? shm.resolve("framereel-demo-" + ProcessHandle.current().pid()) : where.resolve("frames");
        long periodMs = Math.round(seconds * 1000 / 3);
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("camera.device", CameraSpec.TEST_PATTERN);
        settings.put("camera.format", "RGB565");
        settings.put("camera.size", size.toString());
        settings.put("camera.fps", String.valueOf(fps));
        settings.put("store.directory", recordings.toString());
        settings.put("store.min-free", "16M");
        settings.put("trigger.pre", "1s");
        settings.put("trigger.post", "200ms");
        settings.put("trigger.timer-period", periodMs + "ms");
        settings.put("trigger.timer-record", periodMs / 2 + "ms");
        settings.put("display.target", "shm:" + region);
        settings.put("display.fps", "0");
        settings.put("control.socket", where.resolve("control.sock").toString());
        DaemonConfig config;
        try {
            config = DaemonConfig.defaults(Path.of("(demo settings)"), settings);
        } catch (ConfigException e) {
            throw new CliException(e.getMessage());
        }

        log(err, "running the daemon for " + seconds + " s: test pattern " + size + " RGB565 at "
                + SynthCommand.formatFps(fps) + " fps, a recording every " + periodMs + " ms; recordings in "
                + recordings + ", live frames in " + region);
        Daemon daemon = new Daemon(config, ServiceNotifier.NONE);
        runFor(daemon, (long) (seconds * 1000), err);

        List<Path> files;
        try (Stream<Path> list = Files.list(recordings)) {
            files = list.filter(p -> p.toString().endsWith(RecordingFiles.SUFFIX)).sorted().collect(Collectors.toList());
        }
        if (files.isEmpty()) {
            throw new CliException("the daemon made no recording in " + seconds + " s (" + daemon.board().summary()
                    + (daemon.board().lastError() == null ? "" : "; " + daemon.board().lastError()) + ")");
        }
        long published;
        try (SharedFrameReader reader = SharedFrameReader.open(region)) {
            published = reader.framesPublished();
        }
        Path first = files.get(0);
        log(err, "replaying " + first.getFileName() + " at the recorded rate");
        Replay replay = replay(first, err);
        Path sheet = where.resolve(SHEET_NAME);
        try (ImageIO in = ImageIO.open(first, "r")) {
            ContactSheetWriter.write(in, 0, in.count() - 1, sheet);
        }

        out.println("framereel demo: the recorder daemon on a synthetic camera, triggered by a timer");
        out.println();
        out.printf(Locale.ROOT, "  recordings     %s%n", recordings);
        for (Path f : files) {
            try (ImageIO in = ImageIO.open(f, "r")) {
                out.printf(Locale.ROOT, "    %-30s %4d frames, %.2f s, %,d bytes%n", f.getFileName(), in.count(),
                        durationMs(f) / 1e3, Files.size(f));
            }
        }
        out.printf(Locale.ROOT, "  camera         %d frames of %s RGB565 at %s fps, %d dropped%n",
                daemon.board().cameraFrames(), size, SynthCommand.formatFps(fps), daemon.board().dropped());
        out.printf(Locale.ROOT, "  live frames    %s: %d frames published for other processes%n", region, published);
        out.printf(Locale.ROOT, "  replay         %s: %d frames in %.1f ms (at most %.2f ms behind schedule)%n",
                first.getFileName(), replay.frames, replay.nanos / 1e6, replay.maxLagNanos / 1e6);
        out.printf(Locale.ROOT, "  contact sheet  %s%n", sheet);
        out.println();
        out.println("Look at it:");
        out.println("  framereel info " + first);
        out.println("  framereel export " + first + " --to " + where.resolve("frames-png") + " --as png");
        out.println("  framereel replay " + recordings + " --to shm:" + region + "   # the newest, into the region");
        out.println("  (docs/shared-frames.md reads the region from C or Python; rm " + region + " when done)");
        out.flush();
        return 0;
    }

    /** Runs the daemon on a thread of its own for {@code millis}, with a progress line, then stops it cleanly. */
    private static void runFor(Daemon daemon, long millis, PrintWriter err) throws IOException, InterruptedException {
        IOException[] failure = new IOException[1];
        Thread runner = new Thread(() -> {
            try {
                daemon.run();
            } catch (IOException e) {
                failure[0] = e;
            }
        }, "framereel-demo-daemon");
        Thread hook = new Thread(daemon::requestStop, "framereel-demo-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        runner.start();
        try (Progress progress = Progress.isInteractive() ? Progress.start(err, "daemon", millis / 1000) : Progress.NONE) {
            long end = System.nanoTime() + millis * 1_000_000L;
            while (runner.isAlive() && System.nanoTime() < end) {
                Thread.sleep(100);
                progress.update((millis - (end - System.nanoTime()) / 1_000_000L) / 1000);
            }
        } finally {
            daemon.requestStop();
            runner.join();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook already asked the daemon to stop
            }
        }
        if (failure[0] != null) {
            throw failure[0];
        }
    }

    private static long durationMs(Path file) throws IOException {
        FrameIndex index = FileStream.inspect(file).index();
        long ms = 0;
        for (int i = 1; i < index.size(); i++) {
            ms += index.elapsedMs(i);
        }
        return ms;
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
