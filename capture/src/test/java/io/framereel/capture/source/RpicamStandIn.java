package io.framereel.capture.source;

import io.framereel.capture.synth.TestPatternSource;
import io.framereel.storage.Image;
import io.framereel.storage.PixelFormat;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * A stand-in for {@code rpicam-vid} in tests, where there is no camera: takes the options framereel passes
 * (and refuses to run without the ones it relies on), then writes the moving test pattern to stdout at the
 * frame rate, as I420 frames with the ISP's line padding or as JPEGs, and rpicam-vid's JSON metadata with
 * SensorTimestamps to the {@code --metadata} path, in rpicam-vid's order and buffering: frame bytes flushed
 * first, then the frame's metadata object, whose closing brace only goes out with the next one.
 *
 * <p>Behaviour switches come before a {@code --}, as {@code key=value}:
 * <ul>
 *   <li>{@code frames=N}: exit after N frames with status {@code exit} (default 0);</li>
 *   <li>{@code die-after=N}: after N frames write half of the next, log an error, exit with {@code exit}
 *       (default 255, as rpicam-vid's {@code return -1});</li>
 *   <li>{@code stall-after=N}: after N frames, sleep forever;</li>
 *   <li>{@code fail=options|camera}: fail before opening the metadata (a bad option) or after (no camera);</li>
 *   <li>{@code drop=a:b:...}: the camera loses these frames: nothing is written, time moves on;</li>
 *   <li>{@code no-timestamp=a:...}: these frames' metadata objects lack SensorTimestamp;</li>
 *   <li>{@code late-metadata=a:...}: these frames' metadata comes {@value #LATE_METADATA_MS} ms late;</li>
 *   <li>{@code stride=N}: I420 line stride (default: the VC4 ISP's, the width rounded up to 64);</li>
 *   <li>{@code garbage=1}: MJPEG frames carry an FF D9 in a COM segment, and junk comes between frames;</li>
 *   <li>{@code configure=WxH}: log that the ISP configured this size instead of the one asked for;</li>
 *   <li>{@code args-file=PATH}: write the command line, one argument a line.</li>
 * </ul>
 *
 * {@link #install} writes a launcher script that runs this class in a fresh JVM.
 */
public final class RpicamStandIn {
    static final int LATE_METADATA_MS = 80;
    /** Junk between MJPEG frames: lone FFs and an EOI, but never an SOI. */
    static final byte[] JUNK = {'\r', '\n', (byte) 0xFF, (byte) 0xD9, 0x00, (byte) 0xFF, 'x', (byte) 0xFF, (byte) 0xFF,
        '-', '-', '\r', '\n'};
    private static final byte PADDING = (byte) 0xEE;

    private final Map<String, String> behaviour = new HashMap<>();
    private final Map<String, String> options = new HashMap<>();
    private final List<String> args;
    private final PrintStream err = System.err;

    private RpicamStandIn(String[] argv) {
        List<String> all = List.of(argv);
        int split = all.indexOf("--");
        for (String b : all.subList(0, split)) {
            int eq = b.indexOf('=');
            behaviour.put(b.substring(0, eq), b.substring(eq + 1));
        }
        args = all.subList(split + 1, all.size());
    }

    public static void main(String[] argv) throws Exception {
        System.exit(new RpicamStandIn(argv).run());
    }

    /**
     * Writes an executable {@code dir/rpicam-vid} that runs the stand-in with these behaviour switches, in a JVM
     * started from this one's java with this test run's classes; {@code ignoreSigterm} makes it survive SIGTERM
     * (a signal the shell ignores stays ignored across exec, and with -Xrs the JVM installs no handler over it).
     */
    public static Path install(Path dir, boolean ignoreSigterm, String... switches) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = String.join(":", location(RpicamStandIn.class), location(TestPatternSource.class),
                location(Image.class));
        StringBuilder script = new StringBuilder("#!/bin/sh\n");
        if (ignoreSigterm) {
            script.append("trap '' TERM\n");
        }
        script.append("exec '").append(java).append(ignoreSigterm ? "' -Xrs" : "'")
                .append(" -Xshare:auto -XX:TieredStopAtLevel=1 -XX:+UseSerialGC ")
                .append("-Xmx96m -Djava.awt.headless=true -cp '").append(classpath).append("' ")
                .append(RpicamStandIn.class.getName());
        for (String s : switches) {
            script.append(" '").append(s).append('\'');
        }
        script.append(" -- \"$@\"\n");
        Path launcher = dir.resolve("rpicam-vid");
        Files.writeString(launcher, script);
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwx------"));
        return launcher;
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the classes of " + type, e);
        }
    }

    private int run() throws IOException, InterruptedException {
        if (behaviour.containsKey("args-file")) {
            Files.write(Path.of(behaviour.get("args-file")), args);
        }
        String problem = parseOptions();
        if (problem != null || "options".equals(behaviour.get("fail"))) {
            err.println("ERROR: *** " + (problem != null ? problem : "unrecognised option '--bogus'") + " ***");
            return 255;
        }
        int width = Integer.parseInt(options.get("width"));
        int height = Integer.parseInt(options.get("height"));
        double fps = Double.parseDouble(options.get("framerate"));
        boolean mjpeg = options.get("codec").equals("mjpeg");
        try (OutputStream metadata = new BufferedOutputStream(
                new FileOutputStream(options.get("metadata")), 64 * 1024)) { // blocks until framereel reads the FIFO
            err.println("[0:00:00.100000000] [42]  INFO Camera camera_manager.cpp:326 libcamera v0.5.0 (stand-in)");
            if ("camera".equals(behaviour.get("fail"))) {
                err.println("ERROR: *** no cameras available ***");
                return 255;
            }
            String configured = behaviour.getOrDefault("configure", width + "x" + height);
            err.println("[0:00:00.200000000] [42]  INFO Camera camera.cpp:1183 configuring streams: (0) " + configured
                    + "-YUV420/sYCC (1) 1536x864-SBGGR10_CSI2P/RAW");
            err.flush();
            if (behaviour.containsKey("configure")) {
                Thread.sleep(300); // let the reader see the log line before the first frame
            }
            metadata.write("[\n".getBytes(StandardCharsets.US_ASCII));
            return stream(width, height, fps, mjpeg, metadata);
        }
    }

    /** Checks the command line as rpicam-vid would use it; a problem in its words, or null. */
    private String parseOptions() {
        Set<String> flags = new HashSet<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-n") || a.equals("--flush")) {
                flags.add(a);
            } else if (a.startsWith("--") && a.contains("=")) {
                options.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
            } else if (a.startsWith("-") && i + 1 < args.size() && !args.get(i + 1).matches("--?[a-z].*")) {
                options.put(a.replaceFirst("^--?", ""), args.get(++i));
            } else if (a.startsWith("-")) {
                flags.add(a); // a switch without a value, such as --hflip
            }
        }
        if (!flags.contains("-n") || !flags.contains("--flush")) {
            return "framereel must pass -n and --flush";
        }
        if (!"0".equals(options.get("t")) || !"-".equals(options.get("o"))) {
            return "framereel must pass -t 0 and -o -";
        }
        if (!"json".equals(options.get("metadata-format")) || !options.containsKey("metadata")) {
            return "framereel must pass --metadata PATH --metadata-format json";
        }
        String codec = options.get("codec");
        if (!"yuv420".equals(codec) && !"mjpeg".equals(codec)) {
            return "Unrecognised codec " + codec;
        }
        for (String key : List.of("width", "height", "framerate", "camera")) {
            if (!options.containsKey(key)) {
                return "framereel must pass --" + key;
            }
        }
        return null;
    }

    private int stream(int width, int height, double fps, boolean mjpeg, OutputStream metadata)
            throws IOException, InterruptedException {
        OutputStream out = new FileOutputStream(FileDescriptor.out);
        long limit = number("frames", Long.MAX_VALUE);
        long dieAfter = number("die-after", -1);
        long stallAfter = number("stall-after", -1);
        int stride = (int) number("stride", (width + 63) / 64 * 64);
        Set<Long> drops = indexes("drop");
        Set<Long> untimed = indexes("no-timestamp");
        Set<Long> late = indexes("late-metadata");
        boolean garbage = behaviour.containsKey("garbage");
        long periodNanos = Math.round(1e9 / fps);
        long start = System.nanoTime() + 50_000_000L;
        long written = 0;
        for (long k = 0; k < limit; k++) {
            long sensorNanos = start + k * periodNanos;
            if (drops.contains(k)) {
                continue;
            }
            sleepUntil(sensorNanos + 2_000_000L); // exposure and ISP time before the frame reaches the pipe
            if (written == stallAfter) {
                Thread.sleep(Long.MAX_VALUE);
            }
            byte[] frame = mjpeg ? jpegFrame(width, height, fps, k, garbage) : i420Frame(width, height, fps, stride, k);
            if (written == dieAfter) {
                out.write(frame, 0, frame.length / 2);
                out.flush();
                err.println("[0:00:03.000000000] [43] ERROR V4L2 v4l2_videodevice.cpp:2049 /dev/video4[14:cap]: "
                        + "Dequeue timer of 1000000.00us has expired!");
                err.println("ERROR: *** Camera frontend has timed out! ***");
                return (int) number("exit", 255);
            }
            out.write(frame);
            if (garbage) {
                out.write(JUNK);
            }
            out.flush();
            written++;
            if (late.contains(k)) {
                Thread.sleep(LATE_METADATA_MS);
            }
            writeMetadata(metadata, written == 1, untimed.contains(k) ? 0 : sensorNanos);
        }
        return (int) number("exit", 0);
    }

    /**
     * One metadata object the way rpicam-vid's write_metadata formats it; the closing brace is left in the buffer,
     * as rpicam-vid's std::endl-flushed stream leaves it, until the next object.
     */
    private static void writeMetadata(OutputStream metadata, boolean first, long sensorNanos) throws IOException {
        StringBuilder json = new StringBuilder();
        if (!first) {
            json.append("},\n");
        }
        json.append('{');
        if (sensorNanos != 0) {
            json.append("\n    \"SensorTimestamp\": ").append(sensorNanos).append(',');
        }
        json.append("\n    \"ScalerCrop\": \"(0, 0)/4608x2592\",\n    \"ColourGains\": [ 1.9, 1.6 ],")
                .append("\n    \"FrameDuration\": 33333\n");
        metadata.write(json.toString().getBytes(StandardCharsets.US_ASCII));
        metadata.flush();
    }

    /**
     * Frame {@code k} of the YUV422 test pattern as I420 with {@code stride}-byte luma lines (chroma lines half
     * as long): each chroma line taken from the even pattern line it serves, padding bytes set to 0xEE so that
     * a reader ignoring the stride stores visible garbage.
     */
    static byte[] i420Frame(int width, int height, double fps, int stride, long k) {
        TestPatternSource pattern = new TestPatternSource(width, height, PixelFormat.YUV422, fps);
        pattern.seek(k);
        ByteBuffer yuyv = pattern.next().payload();
        int base = yuyv.position();
        int chromaStride = stride / 2;
        byte[] frame = new byte[stride * height * 3 / 2];
        Arrays.fill(frame, PADDING);
        int uPlane = stride * height;
        int vPlane = uPlane + chromaStride * (height / 2);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                frame[y * stride + x] = yuyv.get(base + y * width * 2 + x * 2);
            }
        }
        for (int cy = 0; cy < height / 2; cy++) {
            int line = base + cy * 2 * width * 2;
            for (int cx = 0; cx < width / 2; cx++) {
                frame[uPlane + cy * chromaStride + cx] = yuyv.get(line + cx * 4 + 1);
                frame[vPlane + cy * chromaStride + cx] = yuyv.get(line + cx * 4 + 3);
            }
        }
        return frame;
    }

    /**
     * Frame {@code k} of the test pattern as a JPEG; with {@code trap}, a COM segment right after the SOI holds an
     * FF D9, which ends the frame early for a framer that just scans for the EOI.
     */
    static byte[] jpegFrame(int width, int height, double fps, long k, boolean trap) {
        TestPatternSource pattern = new TestPatternSource(width, height, PixelFormat.JPEG, fps);
        pattern.seek(k);
        ByteBuffer jpeg = pattern.next().payload();
        byte[] bytes = new byte[jpeg.remaining()];
        jpeg.get(bytes);
        if (!trap) {
            return bytes;
        }
        byte[] comment = {(byte) 0xFF, (byte) 0xFE, 0, 8, 'e', 'o', 'i', (byte) 0xFF, (byte) 0xD9, '!'};
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + comment.length);
        out.write(bytes, 0, 2);
        out.write(comment, 0, comment.length);
        out.write(bytes, 2, bytes.length - 2);
        return out.toByteArray();
    }

    private long number(String key, long otherwise) {
        String v = behaviour.get(key);
        return v == null ? otherwise : Long.parseLong(v);
    }

    private Set<Long> indexes(String key) {
        Set<Long> set = new HashSet<>();
        String v = behaviour.get(key);
        if (v != null) {
            for (String s : v.split(":")) {
                set.add(Long.parseLong(s));
            }
        }
        return set;
    }

    private static void sleepUntil(long deadlineNanos) {
        for (long wait; (wait = deadlineNanos - System.nanoTime()) > 0; ) {
            LockSupport.parkNanos(wait);
        }
    }
}
