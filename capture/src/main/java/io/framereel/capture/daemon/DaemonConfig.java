package io.framereel.capture.daemon;

import io.framereel.capture.source.CameraSpec;
import io.framereel.device.drm.DrmTarget;
import io.framereel.device.gpio.button.ButtonConfig;
import io.framereel.device.gpio.button.TriggerMode;
import io.framereel.storage.PixelFormat;
import io.framereel.storage.SyncPolicy;
import io.framereel.storage.file.StreamFormat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Everything the daemon is told by its configuration file (documented, with every default, in
 * {@code systemd/framereel.conf}). Immutable once loaded. Unknown keys, keys given twice and values that do not
 * parse are refused with the file and line, so a typo never silently turns into a default.
 */
public final class DaemonConfig {
    /** The live view is off. */
    public static final String NO_DISPLAY = "none";

    // camera
    public final CameraSpec camera;
    public final Duration reopenInterval;
    // recordings
    public final Path storeDirectory;
    public final String prefix;
    public final SyncPolicy sync;
    public final long minFreeBytes;
    public final long maxFrames;
    public final long maxBytes;
    public final Duration maxDuration;
    public final int slots;
    // triggers
    public final Duration pre;
    public final long preMaxBytes;
    public final Duration post;
    public final boolean recordAtStart;
    public final Duration timerPeriod;
    public final Duration timerRecord;
    // gpio
    public final Optional<String> gpioChip;
    public final TriggerMode gpioMode;
    public final String startLine;
    public final Optional<String> stopLine;
    public final ButtonConfig button;
    public final Optional<String> ledLine;
    public final boolean ledActiveLow;
    // display and control
    public final String displayTarget;
    public final double displayFps;
    public final Path controlSocket;
    public final Optional<String> controlGroup;

    private DaemonConfig(Builder b) {
        camera = new CameraSpec(b.device, b.format, b.size.or(() -> b.recording() ? Optional.empty() : DEFAULT_SIZE),
                b.fps.or(() -> b.recording() ? Optional.empty() : DEFAULT_FPS), b.storeAs, b.controls, b.buffers);
        reopenInterval = b.reopenInterval;
        storeDirectory = b.storeDirectory;
        prefix = b.prefix;
        sync = b.sync;
        minFreeBytes = b.minFreeBytes;
        maxFrames = b.maxFrames;
        maxBytes = b.maxBytes;
        maxDuration = b.maxDuration;
        slots = b.slots;
        pre = b.pre;
        preMaxBytes = b.preMaxBytes;
        post = b.post;
        recordAtStart = b.recordAtStart;
        timerPeriod = b.timerPeriod;
        timerRecord = b.timerRecord;
        gpioChip = b.gpioChip;
        gpioMode = b.gpioMode;
        startLine = b.startLine;
        stopLine = b.stopLine;
        button = new ButtonConfig(b.activeLow, b.debounce, b.longPress);
        ledLine = b.ledLine;
        ledActiveLow = b.ledActiveLow;
        displayTarget = b.displayTarget;
        displayFps = b.displayFps;
        controlSocket = b.controlSocket;
        controlGroup = b.controlGroup;
    }

    /** Reads and checks a configuration file. */
    public static DaemonConfig load(Path file) throws ConfigException {
        return parse(file, ConfigFile.read(file), Map.of());
    }

    /**
     * Reads a configuration file, then applies {@code overrides} (key to value, as if written at the end of the
     * file): how the demo points the default configuration at a temporary directory.
     */
    public static DaemonConfig load(Path file, Map<String, String> overrides) throws ConfigException {
        return parse(file, ConfigFile.read(file), overrides);
    }

    /** The defaults with {@code overrides} applied; {@code origin} names them in errors. */
    public static DaemonConfig defaults(Path origin, Map<String, String> overrides) throws ConfigException {
        return parse(origin, List.of(), overrides);
    }

    /** Every key the file may contain, in the documented order. */
    public static List<String> keys() {
        return List.copyOf(new Builder().setters.keySet());
    }

    private static DaemonConfig parse(Path file, List<ConfigFile.Entry> entries, Map<String, String> overrides)
            throws ConfigException {
        Builder b = new Builder();
        Map<String, Integer> seen = new HashMap<>();
        List<ConfigFile.Entry> all = new ArrayList<>(entries);
        overrides.forEach((k, v) -> all.add(new ConfigFile.Entry(k, v, 0)));
        for (ConfigFile.Entry e : all) {
            Consumer<String> setter = b.setters.get(e.key());
            if (setter == null) {
                throw new ConfigException(file, e.line(), "unknown key '" + e.key() + "'" + suggestion(e.key()));
            }
            Integer first = seen.put(e.key(), e.line());
            if (first != null && !e.key().equals("camera.set") && e.line() > 0 && first > 0) {
                throw new ConfigException(file, e.line(), e.key() + " is already set on line " + first);
            }
            b.lines.put(e.key(), e.line());
            if (e.value().isEmpty()) {
                continue; // empty = the default
            }
            try {
                setter.accept(e.value());
            } catch (IllegalArgumentException ex) {
                throw new ConfigException(file, e.line(), e.key() + ": " + ex.getMessage());
            }
        }
        b.check(file);
        try {
            return new DaemonConfig(b);
        } catch (IllegalArgumentException ex) {
            throw new ConfigException(file, 0, ex.getMessage());
        }
    }

    private static String suggestion(String key) {
        String best = null;
        int bestDistance = 4;
        for (String k : new Builder().setters.keySet()) {
            // a key with a word added or left off ("trigger.pre-seconds") is as near as a typo
            int d = key.startsWith(k) || k.startsWith(key) ? 1 : distance(key, k);
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        return best == null ? " (the keys are documented in systemd/framereel.conf)" : "; did you mean '" + best + "'?";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private static final Optional<int[]> DEFAULT_SIZE = Optional.of(new int[] {640, 480});
    private static final Optional<Double> DEFAULT_FPS = Optional.of(30.0);

    /** Mutable values with their defaults, and the key table that sets them. */
    private static final class Builder {
        boolean recording() {
            return device.startsWith(io.framereel.capture.source.RecordingSource.PREFIX);
        }

        String device = CameraSpec.TEST_PATTERN;
        Optional<String> format = Optional.empty();
        /** Empty until set: the defaults below, except that a recording played as the camera keeps its own. */
        Optional<int[]> size = Optional.empty();
        Optional<Double> fps = Optional.empty();
        Optional<PixelFormat> storeAs = Optional.empty();
        List<String> controls = new ArrayList<>();
        int buffers = 8;
        Duration reopenInterval = Duration.ofSeconds(2);
        Path storeDirectory = Path.of("/var/lib/framereel/recordings");
        String prefix = "rec";
        SyncPolicy sync = SyncPolicy.everyMillis(1000);
        long minFreeBytes = 256L << 20;
        long maxFrames;
        long maxBytes = 2L << 30;
        Duration maxDuration = Duration.ofMinutes(10);
        int slots = 16;
        Duration pre = Duration.ofSeconds(3);
        long preMaxBytes = 48L << 20;
        Duration post = Duration.ofSeconds(1);
        boolean recordAtStart;
        Duration timerPeriod = Duration.ZERO;
        Duration timerRecord = Duration.ZERO;
        Optional<String> gpioChip = Optional.empty();
        TriggerMode gpioMode = TriggerMode.TOGGLE;
        String startLine = "17";
        Optional<String> stopLine = Optional.empty();
        boolean activeLow = true;
        Duration debounce = ButtonConfig.DEFAULT_DEBOUNCE;
        Duration longPress = ButtonConfig.DEFAULT_LONG_PRESS;
        Optional<String> ledLine = Optional.empty();
        boolean ledActiveLow;
        String displayTarget = NO_DISPLAY;
        double displayFps = 15;
        Path controlSocket = Path.of("/run/framereel/control.sock");
        Optional<String> controlGroup = Optional.empty();

        final Map<String, Consumer<String>> setters = new LinkedHashMap<>();
        final Map<String, Integer> lines = new HashMap<>();

        Builder() {
            setters.put("camera.device", v -> device = v);
            setters.put("camera.format", v -> format = Optional.of(v));
            setters.put("camera.size", v -> size = Optional.of(size(v)));
            setters.put("camera.fps", v -> fps = Optional.of(ConfigValues.positive(v)));
            setters.put("camera.store-as", v -> storeAs = v.equalsIgnoreCase("none") ? Optional.empty()
                    : Optional.of(PixelFormat.parse(v)));
            setters.put("camera.set", v -> {
                if (v.indexOf('=') <= 0) {
                    throw new IllegalArgumentException("'" + v + "' is not control=value");
                }
                controls.add(v);
            });
            setters.put("camera.buffers", v -> buffers = (int) range(v, 2, 32));
            setters.put("camera.reopen-interval", v -> reopenInterval = atLeast(ConfigValues.duration(v),
                    Duration.ofMillis(100)));
            setters.put("store.directory", v -> storeDirectory = absolute(v));
            setters.put("store.prefix", v -> prefix = prefix(v));
            setters.put("store.sync", v -> sync = SyncPolicy.parse(v));
            setters.put("store.min-free", v -> minFreeBytes = ConfigValues.bytes(v));
            setters.put("store.max-frames", v -> maxFrames = ConfigValues.count(v));
            setters.put("store.max-bytes", v -> maxBytes = ConfigValues.bytes(v));
            setters.put("store.max-duration", v -> maxDuration = ConfigValues.duration(v));
            setters.put("store.slots", v -> slots = (int) range(v, 2, 1024));
            setters.put("trigger.pre", v -> pre = ConfigValues.duration(v));
            setters.put("trigger.pre-max-bytes", v -> preMaxBytes = ConfigValues.bytes(v));
            setters.put("trigger.post", v -> post = ConfigValues.duration(v));
            setters.put("trigger.record-at-start", v -> recordAtStart = ConfigValues.bool(v));
            setters.put("trigger.timer-period", v -> timerPeriod = ConfigValues.duration(v));
            setters.put("trigger.timer-record", v -> timerRecord = ConfigValues.duration(v));
            setters.put("gpio.chip", v -> gpioChip = v.equalsIgnoreCase("none") ? Optional.empty() : Optional.of(v));
            setters.put("gpio.mode", v -> gpioMode = mode(v));
            setters.put("gpio.start", v -> startLine = v);
            setters.put("gpio.stop", v -> stopLine = Optional.of(v));
            setters.put("gpio.active-low", v -> activeLow = ConfigValues.bool(v));
            setters.put("gpio.debounce", v -> debounce = ConfigValues.duration(v));
            setters.put("gpio.long-press", v -> longPress = ConfigValues.duration(v));
            setters.put("gpio.led", v -> ledLine = Optional.of(v));
            setters.put("gpio.led-active-low", v -> ledActiveLow = ConfigValues.bool(v));
            setters.put("display.target", v -> displayTarget = display(v));
            setters.put("display.fps", v -> displayFps = v.equals("0") ? 0 : ConfigValues.positive(v));
            setters.put("control.socket", v -> controlSocket = absolute(v));
            setters.put("control.group", v -> controlGroup = Optional.of(v));
        }

        /** Rules that involve more than one key; reported at the line of the key that has to change. */
        void check(Path file) throws ConfigException {
            if (gpioMode == TriggerMode.START_STOP && gpioChip.isPresent() && stopLine.isEmpty()) {
                throw new ConfigException(file, line("gpio.mode"), "gpio.mode = start-stop needs gpio.stop");
            }
            if (timerPeriod.isZero() != timerRecord.isZero()) {
                throw new ConfigException(file, line("trigger.timer-record"),
                        "trigger.timer-period and trigger.timer-record go together: set both or neither");
            }
            if (!timerPeriod.isZero() && timerRecord.compareTo(timerPeriod) >= 0) {
                throw new ConfigException(file, line("trigger.timer-record"),
                        "trigger.timer-record must be shorter than trigger.timer-period");
            }
            try {
                new ButtonConfig(activeLow, debounce, longPress);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(file, line("gpio.long-press"), e.getMessage());
            }
        }

        private int line(String key) {
            return lines.getOrDefault(key, 0);
        }

        private static int[] size(String v) {
            String t = v.toLowerCase(Locale.ROOT);
            int x = t.indexOf('x');
            try {
                int w = Integer.parseInt(t.substring(0, Math.max(0, x)));
                int h = Integer.parseInt(t.substring(x + 1));
                if (w < 1 || h < 1 || w > StreamFormat.MAX_DIMENSION || h > StreamFormat.MAX_DIMENSION) {
                    throw new IllegalArgumentException("'" + v + "': each side must be 1.." + StreamFormat.MAX_DIMENSION);
                }
                return new int[] {w, h};
            } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
                throw new IllegalArgumentException("'" + v + "' is not a size: expected WxH, e.g. 640x480");
            }
        }

        private static long range(String v, long min, long max) {
            long n = ConfigValues.count(v);
            if (n < min || n > max) {
                throw new IllegalArgumentException("'" + v + "' must be " + min + ".." + max);
            }
            return n;
        }

        private static Duration atLeast(Duration d, Duration min) {
            if (d.compareTo(min) < 0) {
                throw new IllegalArgumentException("must be at least " + min.toMillis() + "ms");
            }
            return d;
        }

        private static Path absolute(String v) {
            Path p = Path.of(v);
            if (!p.isAbsolute()) {
                throw new IllegalArgumentException("'" + v + "' must be an absolute path (the daemon's working "
                        + "directory is not yours)");
            }
            return p;
        }

        private static String prefix(String v) {
            if (!v.matches("[A-Za-z0-9._-]+") || v.startsWith(".")) {
                throw new IllegalArgumentException("'" + v + "' must be letters, digits, '.', '_' or '-' and not "
                        + "start with '.'");
            }
            return v;
        }

        private static TriggerMode mode(String v) {
            switch (v.toLowerCase(Locale.ROOT)) {
                case "toggle":
                    return TriggerMode.TOGGLE;
                case "start-stop":
                    return TriggerMode.START_STOP;
                case "hold":
                    return TriggerMode.HOLD;
                default:
                    throw new IllegalArgumentException("'" + v + "' is not a mode: expected toggle, start-stop or hold");
            }
        }

        private static String display(String v) {
            if (v.equals(NO_DISPLAY) || v.equals("fb") || v.startsWith("fb:") && v.length() > 3
                    || v.startsWith("shm:") && v.length() > 4) {
                return v;
            }
            if (DrmTarget.matches(v)) {
                DrmTarget.parse(v); // its message names the bad part
                return v;
            }
            throw new IllegalArgumentException("'" + v + "' is not a display: expected none, shm:NAME, fb, "
                    + "fb:/dev/fbN or " + DrmTarget.SYNTAX);
        }
    }
}
