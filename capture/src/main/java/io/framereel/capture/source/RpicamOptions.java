package io.framereel.capture.source;

import io.framereel.storage.PixelFormat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What to ask of {@code rpicam-vid}: which camera, codec, size and rate, how to store the frames, any further
 * rpicam-vid options, and how long to wait for it. Checked when built; immutable.
 *
 * @param executable    the rpicam-vid program: a name looked up on PATH, or a path
 * @param camera        rpicam-vid's {@code --camera} index (0 = the first camera libcamera lists)
 * @param storedAs      empty: YUV420 is stored as YUV422, MJPEG as JPEG; or RGB565 / GRAYSCALE (YUV420 only)
 * @param extraArgs     more rpicam-vid options, passed as given ({@code --shutter=20000}, {@code --awb}, {@code
 *                      daylight}); the ones framereel sets itself are refused
 * @param bytesPerLine  the stride of YUV420 lines on the pipe; 0 to take the detected platform's
 *                      ({@link RpicamPlatform})
 * @param startTimeoutMs how long rpicam-vid may take from launch to its first frame (camera start, AGC warm-up)
 * @param stallTimeoutMs how long a running rpicam-vid may go without a frame before the source fails
 */
public record RpicamOptions(String executable, int camera, RpicamCodec codec, int width, int height, double fps,
        Optional<PixelFormat> storedAs, List<String> extraArgs, int bytesPerLine, long startTimeoutMs,
        long stallTimeoutMs) {
    /** The program when neither {@value #EXECUTABLE_PROPERTY} nor {@value #EXECUTABLE_ENV} names another. */
    public static final String DEFAULT_EXECUTABLE = "rpicam-vid";
    /** System property naming the rpicam-vid program (tests set it; it wins over the environment). */
    public static final String EXECUTABLE_PROPERTY = "framereel.rpicam";
    /** Environment variable naming the rpicam-vid program, for installs outside PATH. */
    public static final String EXECUTABLE_ENV = "FRAMEREEL_RPICAM";
    /** Opening the camera and starting the sensor takes seconds on small Pis; ten leaves room, yet fails a hung one. */
    public static final long DEFAULT_START_TIMEOUT_MS = 10_000;
    /** Below the recorder's own 5 s silence limit, so the error that reaches the user is this source's. */
    public static final long DEFAULT_STALL_TIMEOUT_MS = 3_000;

    /**
     * Options framereel sets (or that change what rpicam-vid writes to the pipe, or make it stop by itself), by
     * long and short name. {@code config} could override any of them from a file.
     */
    private static final Set<String> RESERVED = Set.of("t", "timeout", "n", "nopreview", "width", "height",
            "framerate", "codec", "o", "output", "metadata", "metadata-format", "flush", "camera", "c", "config",
            "frames", "segment", "split", "circular", "inline", "save-pts", "l", "listen", "k", "keypress", "s",
            "signal", "i", "initial", "h", "help", "version", "list-cameras");

    public RpicamOptions {
        Objects.requireNonNull(executable, "executable");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(storedAs, "storedAs");
        extraArgs = List.copyOf(extraArgs);
        if (executable.isBlank()) {
            throw new IllegalArgumentException("the rpicam-vid executable cannot be blank");
        }
        atLeast("camera", camera, 0);
        atLeast("width", width, 2);
        atLeast("height", height, 2);
        if (width % 2 != 0 || height % 2 != 0) {
            // libcamera rounds YUV420 sizes to even numbers, which would silently change the frame size on the pipe
            throw new IllegalArgumentException("rpicam-vid frame sizes are even (was " + width + "x" + height + ")");
        }
        if (!(fps > 0 && fps <= 1000)) {
            throw new IllegalArgumentException("fps must be in (0, 1000] (was " + fps + ")");
        }
        if (storedAs.isPresent() && codec == RpicamCodec.MJPEG) {
            throw new IllegalArgumentException("MJPEG frames are stored as JPEG; only YUV420 converts to "
                    + storedAs.get() + " on capture");
        }
        if (bytesPerLine != 0 && (bytesPerLine < width || bytesPerLine % 2 != 0)) {
            throw new IllegalArgumentException("bytesPerLine must be 0 (the platform's) or an even number of at least "
                    + "the width " + width + " (was " + bytesPerLine + ")");
        }
        atLeast("startTimeoutMs", startTimeoutMs, 1);
        atLeast("stallTimeoutMs", stallTimeoutMs, 1);
        for (String arg : extraArgs) {
            String name = optionName(arg);
            if (name != null && RESERVED.contains(name)) {
                throw new IllegalArgumentException("rpicam-vid option '" + arg + "' is set by framereel (camera, size, "
                        + "rate, codec, output and metadata) or would stop or redirect the recording; drop it");
            }
        }
    }

    /**
     * Camera 0 at this codec, size and rate, everything else default: the executable from
     * {@value #EXECUTABLE_PROPERTY} / {@value #EXECUTABLE_ENV} / PATH, frames stored in their natural format, the
     * platform's stride, default timeouts.
     */
    public static RpicamOptions of(RpicamCodec codec, int width, int height, double fps) {
        return new RpicamOptions(configuredExecutable(), 0, codec, width, height, fps, Optional.empty(), List.of(), 0,
                DEFAULT_START_TIMEOUT_MS, DEFAULT_STALL_TIMEOUT_MS);
    }

    public RpicamOptions withExecutable(String path) {
        return new RpicamOptions(path, camera, codec, width, height, fps, storedAs, extraArgs, bytesPerLine,
                startTimeoutMs, stallTimeoutMs);
    }

    public RpicamOptions withCamera(int index) {
        return new RpicamOptions(executable, index, codec, width, height, fps, storedAs, extraArgs, bytesPerLine,
                startTimeoutMs, stallTimeoutMs);
    }

    public RpicamOptions withStoredAs(Optional<PixelFormat> format) {
        return new RpicamOptions(executable, camera, codec, width, height, fps, format, extraArgs, bytesPerLine,
                startTimeoutMs, stallTimeoutMs);
    }

    public RpicamOptions withExtraArgs(List<String> args) {
        return new RpicamOptions(executable, camera, codec, width, height, fps, storedAs, args, bytesPerLine,
                startTimeoutMs, stallTimeoutMs);
    }

    public RpicamOptions withBytesPerLine(int stride) {
        return new RpicamOptions(executable, camera, codec, width, height, fps, storedAs, extraArgs, stride,
                startTimeoutMs, stallTimeoutMs);
    }

    public RpicamOptions withTimeouts(long startMs, long stallMs) {
        return new RpicamOptions(executable, camera, codec, width, height, fps, storedAs, extraArgs, bytesPerLine,
                startMs, stallMs);
    }

    /** The YUV420 stride: the given one, or the platform's for this width. */
    int bytesPerLine(RpicamPlatform platform) {
        return bytesPerLine != 0 ? bytesPerLine : platform.bytesPerLine(width);
    }

    /**
     * The rpicam-vid command line: run until stopped ({@code -t 0}) without a preview window, frames to stdout
     * flushed one by one (without {@code --flush} a frame's last bytes wait in stdio's buffer until the next
     * frame), per-frame metadata as JSON to {@code metadata}, the extra options, and the output last.
     */
    List<String> command(Path metadata) {
        List<String> command = new ArrayList<>();
        command.add(executable);
        add(command, "-t", "0");
        command.add("-n");
        add(command, "--camera", Integer.toString(camera));
        add(command, "--width", Integer.toString(width));
        add(command, "--height", Integer.toString(height));
        add(command, "--framerate", fpsText());
        add(command, "--codec", codec.codecName());
        command.add("--flush");
        add(command, "--metadata", metadata.toString());
        add(command, "--metadata-format", "json");
        command.addAll(extraArgs);
        add(command, "-o", "-");
        return command;
    }

    /** The configured program: the system property, else the environment variable, else rpicam-vid. */
    public static String configuredExecutable() {
        String property = System.getProperty(EXECUTABLE_PROPERTY);
        if (property != null && !property.isBlank()) {
            return property;
        }
        String env = System.getenv(EXECUTABLE_ENV);
        return env != null && !env.isBlank() ? env : DEFAULT_EXECUTABLE;
    }

    private String fpsText() {
        return fps == Math.rint(fps) ? Long.toString((long) fps) : String.format(Locale.ROOT, "%.3f", fps);
    }

    private static void add(List<String> command, String option, String value) {
        command.add(option);
        command.add(value);
    }

    /** "shutter" for "--shutter" or "--shutter=20000", "t" for "-t"; null for a value such as "daylight". */
    private static String optionName(String arg) {
        if (!arg.startsWith("-") || arg.length() < 2 || Character.isDigit(arg.charAt(1))) {
            return null; // a value, possibly negative ("--ev", "-0.5")
        }
        String name = arg.startsWith("--") ? arg.substring(2) : arg.substring(1);
        int eq = name.indexOf('=');
        return eq >= 0 ? name.substring(0, eq) : name;
    }

    private static void atLeast(String key, long value, long bound) {
        if (value < bound) {
            throw new IllegalArgumentException(key + " cannot be less than " + bound + " (was " + value + ")");
        }
    }
}
