package io.framereel.capture.cli;

import io.framereel.capture.json.Json;
import io.framereel.capture.daemon.RecordingFiles;
import io.framereel.device.drm.DrmScreen;
import io.framereel.device.drm.DrmTarget;
import io.framereel.device.fb.Framebuffer;
import io.framereel.device.fb.FramebufferDisplay;
import io.framereel.device.shm.RegionFormat;
import io.framereel.device.shm.RegionSpec;
import io.framereel.device.shm.SharedFrameWriter;
import io.framereel.storage.FrameBuffer;
import io.framereel.storage.ImageIO;
import io.framereel.storage.StreamOptions;
import io.framereel.storage.file.FileStream;
import io.framereel.storage.file.FrameIndex;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code framereel replay FILE --to fb[:DEV]|drm[:CARD][,...]|shm:NAME}: plays a recording at its recorded rate through ImageIO's
 * own {@code read(copyToFb=true, loop, pause)}, so the frame buffer the frames land in is the display (or the
 * shared region) and the timing is the seed's: an absolute schedule that does not drift. Ctrl-C or SIGTERM ends
 * the replay after the frame on screen.
 */
@Command(name = "replay",
        footer = {"", "Examples:",
            "  framereel replay rec.bin --to fb                   # the first framebuffer",
            "  framereel replay rec.bin --to fb:/dev/fb1 --loop --speed 2",
            "  framereel replay rec.bin --to \"fb:Virtual FB\" --from 100 --to 199 --no-pause",
            "  framereel replay rec.bin --to drm                  # the first KMS display",
            "  framereel replay rec.bin --to drm:vc4,connector=HDMI-A-1,mode=1280x720",
            "  framereel replay /var/lib/framereel/recordings --loop --to fb   # the newest recording"},
        description = {
            "Play a recording at its recorded rate onto a display (/dev/fbN, found by path or name, or a DRM/KMS "
                    + "display on /dev/dri/cardN, found by driver name).",
            "Frames of every ImageIO format are converted to the display's pixels, scaled to fit and letterboxed; "
                    + "one file may mix formats and sizes."})
final class ReplayCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "The stream file to play, or a directory of "
            + "recordings: its newest *.bin (what the kiosk service plays).")
    Path file;

    @Option(names = "--to", paramLabel = "TARGET|M", required = true,
            description = "Where to play: fb (the first framebuffer), fb:/dev/fbN or fb:NAME; "
                    + "drm[:CARD][,connector=NAME][,mode=WxH][,format=XRGB8888|RGB565], a KMS display (CARD a driver "
                    + "name such as vc4, or /dev/dri/cardN; by default the first connected display in its preferred "
                    + "mode; needs DRM master: no desktop running); or shm:NAME, the "
                    + "shared frame region /dev/shm/framereel-NAME (shm:/path for another place) that other "
                    + "processes read (docs/shared-frames.md). Given a second time as a number, the last frame to "
                    + "play (with --from).")
    List<String> to = new ArrayList<>();

    @Option(names = "--from", paramLabel = "N", defaultValue = "0", description = "First frame (default 0).")
    int from;

    @Option(names = "--loop", description = "Start again after the last frame, until stopped.")
    boolean loop;

    @Option(names = "--no-pause", description = "Show frames as fast as possible instead of at the recorded rate.")
    boolean noPause;

    @Option(names = "--speed", paramLabel = "X", defaultValue = "1",
            description = "Play X times as fast as recorded (default 1; 0.5 is half speed).")
    double speed;

    @Option(names = "--shm-format", paramLabel = "F", defaultValue = "RGB565",
            description = "Pixels of a shared region: RGB565, XRGB8888 or RAW (the stored payload as is; "
                    + "default: ${DEFAULT-VALUE}).")
    RegionFormat shmFormat;

    @Option(names = "--json", description = "Print the summary as one JSON object.")
    boolean json;

    @Spec
    CommandSpec spec;

    private volatile boolean stopRequested;

    /**
     * Test seam: sees a KMS screen after the replay's last frame, before it closes. Closing gives the display back
     * to whoever had it, so the last picture is gone afterwards; hil tests read the scanout buffer here.
     */
    static volatile Consumer<DrmScreen> lastKmsPicture = screen -> { };

    @Override
    public Integer call() throws IOException {
        if (Files.isDirectory(file)) {
            Path dir = file;
            file = RecordingFiles.newest(dir).orElseThrow(() -> new CliException(dir + ": no recordings (*"
                    + RecordingFiles.SUFFIX + ") to replay"));
            spec.commandLine().getErr().println("framereel: replaying the newest recording, " + file);
            spec.commandLine().getErr().flush();
        }
        String target = null;
        Integer last = null;
        for (String value : to) {
            if (value.matches("\\d+")) {
                if (last != null) {
                    throw new ParameterException(spec.commandLine(), "give the last frame (--to M) once");
                }
                last = Integer.parseInt(value);
            } else {
                if (target != null) {
                    throw new ParameterException(spec.commandLine(), "give one target: --to fb[:DEV], --to drm[:CARD] or --to shm:NAME");
                }
                target = value;
            }
        }
        if (target == null) {
            throw new ParameterException(spec.commandLine(), "--to needs a target: fb, fb:/dev/fbN, fb:NAME, drm[:CARD] or shm:NAME");
        }
        if (!(speed > 0 && speed <= 1000)) {
            throw new ParameterException(spec.commandLine(), "--speed must be in (0, 1000] (was " + speed + ")");
        }
        if (from < 0 || last != null && last < from) {
            throw new ParameterException(spec.commandLine(), "frames " + from + ".." + last + " is an empty range");
        }
        if (target.startsWith("shm:") && target.length() > 4) {
            return replayToSharedRegion(target.substring(4), last);
        }
        if (DrmTarget.matches(target)) {
            DrmTarget drm;
            try {
                drm = DrmTarget.parse(target);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            try (DrmScreen screen = DrmScreen.open(drm)) {
                int status = replay(new FramebufferDisplay(screen), screen.toString(), last);
                lastKmsPicture.accept(screen);
                return status;
            }
        }
        if (!target.equals("fb") && !target.startsWith("fb:")) {
            throw new ParameterException(spec.commandLine(), "unknown target '" + target
                    + "'; use fb, fb:/dev/fbN, fb:NAME, " + DrmTarget.SYNTAX + " or shm:NAME");
        }
        String selector = target.equals("fb") ? "fb0" : target.substring(3);
        try (Framebuffer fb = Framebuffer.open(Framebuffer.find(selector))) {
            FramebufferDisplay display = new FramebufferDisplay(fb);
            return replay(display, fb.toString(), last);
        }
    }

    /** A region big enough for the recording's largest frame, replaced if a dead writer left one behind. */
    private int replayToSharedRegion(String name, Integer last) throws IOException {
        Path region = name.contains("/") ? Path.of(name) : Path.of("/dev/shm", "framereel-" + name);
        FrameIndex index = FileStream.inspect(file).index();
        int maxWidth = 1;
        int maxHeight = 1;
        for (int i = 0; i < index.size(); i++) {
            maxWidth = Math.max(maxWidth, index.width(i));
            maxHeight = Math.max(maxHeight, index.height(i));
        }
        try (SharedFrameWriter writer = SharedFrameWriter.create(region, RegionSpec.of(shmFormat, maxWidth, maxHeight))) {
            return replay(writer, region + " (" + shmFormat + ", up to " + maxWidth + "x" + maxHeight + ")", last);
        }
    }

    private int replay(FrameBuffer display, String targetName, Integer lastRequested) throws IOException {
        Thread main = Thread.currentThread();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stopRequested = true;
            main.interrupt(); // ends a wait for the next frame's time at once
            try {
                finished.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "framereel-replay-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        long shown = 0;
        long started = System.nanoTime();
        int count;
        try (ImageIO in = ImageIO.open(file, ImageIO.Mode.READ, StreamOptions.DEFAULTS.withFrameBuffer(display))) {
            count = in.count();
            if (count == 0) {
                throw new CliException(file + " has no frames to replay");
            }
            int last = lastRequested == null ? count - 1 : lastRequested;
            if (from >= count || last >= count) {
                throw new CliException("frames " + from + ".." + last + " are outside " + file + ", which has "
                        + count + " frames (0.." + (count - 1) + ")");
            }
            in.schedule().speed(speed);
            in.seek(from);
            try (Progress progress = !loop && Progress.isInteractive()
                    ? Progress.start(spec.commandLine().getErr(), "replay", last - from + 1L) : Progress.NONE) {
                while (!stopRequested) {
                    if (in.offset() > last) {
                        if (!loop) {
                            break;
                        }
                        in.seek(from);
                    }
                    if (in.read(true, false, !noPause) == null) {
                        break;
                    }
                    shown++;
                    progress.update(shown);
                }
            } catch (InterruptedIOException e) {
                if (!stopRequested) {
                    throw e;
                }
                Thread.interrupted(); // stopped by a signal while waiting: a clean end
            }
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting because of a signal; the hook is what is waiting for us
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.printf(Locale.ROOT, "{\"file\":%s,\"target\":%s,\"frames\":%d,\"seconds\":%.3f,\"stopped\":%b}%n",
                    Json.string(file.toString()), Json.string(targetName), shown, seconds, stopRequested);
        } else {
            out.printf(Locale.ROOT, "replayed %d frames of %s to %s in %.2f s%s%n", shown, file, targetName, seconds,
                    stopRequested ? " (stopped)" : "");
        }
        out.flush();
        return 0;
    }
}
