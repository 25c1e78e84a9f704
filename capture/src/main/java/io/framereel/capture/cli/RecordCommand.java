package io.framereel.capture.cli;

import io.framereel.capture.json.Json;
import io.framereel.capture.record.FileFrameStore;
import io.framereel.capture.record.FrameStore;
import io.framereel.capture.record.Recorder;
import io.framereel.capture.record.RecordingSummary;
import io.framereel.capture.record.RingFrameStore;
import io.framereel.capture.source.CameraRequest;
import io.framereel.capture.source.CameraSpec;
import io.framereel.capture.source.FrameSource;
import io.framereel.capture.source.StreamShape;
import io.framereel.storage.PixelFormat;
import io.framereel.storage.SyncPolicy;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code framereel record}: a camera (V4L2, or the synthetic test pattern) into an ImageIO stream, at the
 * camera's rate, on a capture thread and a writer thread of their own (see {@link Recorder}). Ctrl-C or SIGTERM
 * ends the recording cleanly: the file is closed and readable. Exit status 0 when recording ended by its limit
 * or a signal, 1 when the camera or the storage failed (the frames stored until then are kept).
 */
@Command(name = "record",
        footer = {"", "Examples:",
            "  framereel record --device vivid --format YUYV --size 640x480 --fps 25 --seconds 10 --store rec.bin",
            "  framereel record --device /dev/video0 --format MJPG --size 1280x720 --frames 300 --store file:a.bin "
                    + "--set exposure_time_absolute=200",
            "  framereel record --device rpicam --size 640x480 --fps 30 --seconds 10 --store pi.bin",
            "  framereel record --device test-pattern --format RGB565 --size 320x240 --fps 30 --frames 90 "
                    + "--store ring:60:last.bin"},
        description = {
            "Record frames from a camera into an OpenMV ImageIO stream file.",
            "A summary follows on stdout: frames stored, frames dropped (by the camera, by slow storage, "
                    + "malformed), frame rate, bytes and syncs; --json prints it as one JSON object."})
final class RecordCommand implements Callable<Integer> {
    static final String TEST_PATTERN = CameraSpec.TEST_PATTERN;

    @Option(names = "--device", paramLabel = "DEV", required = true,
            description = "A V4L2 device: path (/dev/video2), kernel name (video2) or its name or part of it "
                    + "(\"vivid\", \"C920\"); rpicam or rpicam:N for a Raspberry Pi camera module through "
                    + "rpicam-vid (--format YUV420 or MJPG, --set passes rpicam-vid options; docs/cameras.md); "
                    + "test-pattern for the synthetic camera; or recording:PATH to play a recording as a camera, "
                    + "in a loop at its recorded rate.")
    String device;

    @Option(names = "--format", paramLabel = "F",
            description = "Camera format as a fourcc (YUYV, MJPG, GREY, RGBP, BA81, pBAA, NV12, ...) or as the "
                    + "ImageIO format it maps to (YUV422, JPEG, GRAYSCALE, ...). Default: the camera's current "
                    + "format if it can be stored; RGB565 for the test pattern.")
    String format;

    @Option(names = "--size", paramLabel = "WxH", converter = Geometry.Converter.class,
            description = "Frame size (default: the camera's current size; 320x240 for the test pattern).")
    Geometry size;

    @Option(names = "--fps", paramLabel = "R",
            description = "Frame rate; the camera picks the nearest it supports (default: its current rate; 30 "
                    + "for the test pattern).")
    Double fps;

    @Option(names = "--frames", paramLabel = "N", description = "Stop after N stored frames.")
    Long frames;

    @Option(names = "--seconds", paramLabel = "S", description = "Stop after S seconds of camera time.")
    Double seconds;

    @Option(names = "--store", paramLabel = "STORE", required = true, converter = StoreSpec.Converter.class,
            description = "file:PATH (or just PATH) to write frames as they arrive, or ring:N:PATH to keep the "
                    + "last N frames in RAM and write them to PATH at the end.")
    StoreSpec store;

    @Option(names = "--store-as", paramLabel = "F", converter = Converters.Format.class,
            description = "Convert YUV or Bayer frames to RGB565 or GRAYSCALE (OpenMV's sensor formats) as they "
                    + "are captured.")
    PixelFormat storeAs;

    @Option(names = "--set", paramLabel = "CTRL=VALUE",
            description = "Set a camera control before streaming, by its v4l2-ctl name or label "
                    + "(exposure_time_absolute=200, white_balance_automatic=0, power_line_frequency=50 Hz); "
                    + "repeatable.")
    List<String> controls = new ArrayList<>();

    @Option(names = "--sync", paramLabel = "P", defaultValue = "frames:30", converter = Converters.Sync.class,
            description = "When to force frames to the storage device: never, always, frames:N or ms:T "
                    + "(default: ${DEFAULT-VALUE}; the file is always synced when recording ends).")
    SyncPolicy sync;

    @Option(names = "--slots", paramLabel = "N", defaultValue = "16",
            description = "Frames that may wait for a slow disk before frames are dropped (default: "
                    + "${DEFAULT-VALUE}).")
    int slots;

    @Option(names = "--buffers", paramLabel = "N",
            description = "V4L2 buffers shared with the driver, 2..32 (default: 16 for frames written from them, "
                    + "fewer when 16 would take more than 64 MiB; 4 for frames that are copied).")
    Integer buffers;

    @Option(names = "--zero-copy",
            description = "Always write each frame to the store straight from the camera's buffer, or fail: only "
                    + "formats stored as is without line padding can be. By default this happens whenever the "
                    + "camera's spare buffers (--buffers minus 2) are at least half of --slots, since they then "
                    + "absorb a slow disk instead of the slots.")
    boolean zeroCopy;

    @Option(names = "--copy",
            description = "Always copy each frame into one of --slots before writing it, and give the camera its "
                    + "buffer back at once (4 buffers unless --buffers).")
    boolean copy;

    @Option(names = "--overwrite", description = "Replace the output file if it exists.")
    boolean overwrite;

    @Option(names = "--json", description = "Print the summary as one JSON object.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        validate();
        FrameSource source = source();
        PrintWriter err = spec.commandLine().getErr();
        // The store needs the stream's shape, which only a started source knows; a small adapter opens it lazily.
        LazyStore lazy = new LazyStore();
        Recorder recorder = new Recorder(source, lazy, slots, limits(),
                zeroCopy ? Recorder.Handoff.LEND : copy ? Recorder.Handoff.COPY : Recorder.Handoff.LEND_WITH_SLACK);
        lazy.recorder = recorder;
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            recorder.stop();
            try {
                finished.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "framereel-record-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        RecordingSummary summary;
        ProgressBar bar = new ProgressBar(err);
        try {
            summary = recorder.record(bar, 200);
        } finally {
            bar.close();
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting because of a signal; the hook is what is waiting for us
            }
        }
        print(summary);
        if (summary.error().isPresent()) {
            err.println("framereel: recording stopped: " + summary.error().get().getMessage()
                    + " (" + summary.stored() + " frames kept in " + store.path() + ")");
            err.flush();
            return 1;
        }
        return 0;
    }

    private void validate() {
        if (frames != null && seconds != null) {
            throw new ParameterException(spec.commandLine(), "give --frames or --seconds, not both");
        }
        if (frames != null && frames < 1 || seconds != null && !(seconds > 0)) {
            throw new ParameterException(spec.commandLine(), "--frames and --seconds must be positive");
        }
        if (storeAs != null && storeAs != PixelFormat.RGB565 && storeAs != PixelFormat.GRAYSCALE) {
            throw new ParameterException(spec.commandLine(), "--store-as takes RGB565 or GRAYSCALE (was " + storeAs + ")");
        }
        if (slots < 2 || slots > 1024) {
            throw new ParameterException(spec.commandLine(), "--slots must be 2..1024 (was " + slots + ")");
        }
        if (buffers != null && (buffers < 2 || buffers > 32)) {
            throw new ParameterException(spec.commandLine(), "--buffers must be 2..32 (was " + buffers + ")");
        }
        if (zeroCopy && copy) {
            throw new ParameterException(spec.commandLine(), "--zero-copy and --copy exclude each other");
        }
        if (zeroCopy && buffers != null && buffers < 3) {
            throw new ParameterException(spec.commandLine(), "--zero-copy needs --buffers of 3 or more: two stay "
                    + "with the camera (was " + buffers + ")");
        }
        if (!overwrite && Files.exists(store.path())) {
            throw new ParameterException(spec.commandLine(), store.path() + " exists; choose another name or add "
                    + "--overwrite");
        }
        AtomicOutput.checkWritable(store.path());
    }

    private Recorder.Limits limits() {
        if (frames != null) {
            return Recorder.Limits.frames(frames);
        }
        if (seconds != null) {
            return Recorder.Limits.seconds(seconds);
        }
        return Recorder.Limits.NONE;
    }

    private FrameSource source() {
        Optional<int[]> wh = size == null ? Optional.empty() : Optional.of(new int[] {size.width, size.height});
        try {
            return new CameraSpec(device, Optional.ofNullable(format), wh, Optional.ofNullable(fps),
                    Optional.ofNullable(storeAs), controls, buffers != null ? buffers
                            : zeroCopy ? CameraRequest.AUTO_MAX_BUFFERS
                            : copy || !lendingCanCoverSlots() ? CameraRequest.COPY_BUFFERS
                            : CameraRequest.AUTO_BUFFERS).open();
        } catch (IllegalArgumentException e) {
            // options that do not fit the camera kind are usage errors, reported before anything is opened
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /**
     * Whether an automatic buffer count can spare the camera enough buffers to lend frames instead of copying them
     * into --slots (see {@link Recorder.Handoff#LEND_WITH_SLACK}); if not, asking for 16 would only take driver
     * memory.
     */
    private boolean lendingCanCoverSlots() {
        return Recorder.spareFramesToLend(slots) <= CameraRequest.AUTO_MAX_BUFFERS - 2;
    }

    /** Opens the real store when the recorder prepares it, once the shape is known and before the camera streams. */
    private final class LazyStore implements FrameStore {
        Recorder recorder;
        private FrameStore real;

        private FrameStore real() throws IOException {
            if (real == null) {
                StreamShape shape = recorder.shape();
                real = store.isRing()
                        ? new RingFrameStore(store.ringFrames(), shape.width(), shape.height(), shape.format(),
                                shape.maxFrameBytes(), store.path(), p -> new FileFrameStore(p, sync))
                        : new FileFrameStore(store.path(), sync);
            }
            return real;
        }

        @Override
        public void prepare(StreamShape shape) throws IOException {
            real().prepare(shape);
        }

        @Override
        public void write(io.framereel.storage.Image frame) throws IOException {
            real().write(frame);
        }

        @Override
        public long syncCount() {
            return real == null ? 0 : real.syncCount();
        }

        @Override
        public String describe() {
            return real == null ? store.path().toString() : real.describe();
        }

        @Override
        public void close() throws IOException {
            if (real == null && recorder.shape() != null) {
                real(); // even a recording without frames leaves a valid (empty) stream behind
            }
            if (real != null) {
                real.close();
            }
        }
    }

    private final class ProgressBar implements Recorder.ProgressListener {
        private final Progress bar;

        ProgressBar(PrintWriter err) {
            long total = frames != null ? frames : seconds != null ? (long) Math.ceil(seconds) : 0;
            this.bar = Progress.isInteractive() && total > 0
                    ? Progress.start(err, "recording", total) : Progress.NONE;
        }

        @Override
        public void progress(long stored, long dropped, long elapsedNanos) {
            bar.update(frames != null ? stored : elapsedNanos / 1_000_000_000L);
        }

        void close() {
            bar.close();
        }
    }

    private void print(RecordingSummary s) {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println("{\"file\":" + Json.string(store.path().toString())
                    + ",\"source\":" + Json.string(s.source())
                    + ",\"zero_copy\":" + s.zeroCopy()
                    + ",\"frames\":" + s.stored()
                    + ",\"dropped\":" + s.dropped()
                    + ",\"dropped_by_camera\":" + s.droppedByCamera()
                    + ",\"dropped_by_storage\":" + s.droppedByStorage()
                    + ",\"unusable\":" + s.unusable()
                    + ",\"fps\":" + String.format(Locale.ROOT, "%.3f", s.framesPerSecond())
                    + ",\"payload_bytes\":" + s.payloadBytes()
                    + ",\"file_bytes\":" + fileBytes()
                    + ",\"syncs\":" + s.syncs()
                    + ",\"error\":" + Json.string(s.error().map(Throwable::getMessage).orElse(null)) + "}");
        } else {
            out.printf(Locale.ROOT, "recorded %s: %d frames from %s%s%n", store.path(), s.stored(), s.source(),
                    s.zeroCopy() ? ", written from the camera's buffers" : "");
            out.printf(Locale.ROOT, "  %.2f fps over %.2f s, %d dropped (camera %d, storage %d, unusable %d), "
                            + "%d bytes, %d syncs%n",
                    s.framesPerSecond(), s.spanNanos() / 1e9, s.dropped(), s.droppedByCamera(), s.droppedByStorage(),
                    s.unusable(), fileBytes(), s.syncs());
        }
        out.flush();
    }

    private long fileBytes() {
        try {
            return Files.size(store.path());
        } catch (IOException e) {
            return -1;
        }
    }
}
