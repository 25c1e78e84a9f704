package io.framereel.bench;

import io.framereel.capture.format.FrameConversion;
import io.framereel.capture.format.FrameFormatException;
import io.framereel.device.v4l2.FourCc;
import io.framereel.storage.PixelFormat;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * framereel's side of {@code bench/run-conversion-vs-ffmpeg.sh}: the same raw camera frames ffmpeg converts,
 * converted by {@link FrameConversion} on one thread, timed by that thread's CPU time so both tools are measured
 * the same way (ffmpeg by its {@code -benchmark} user time). {@link ConversionBenchmark} measures the same
 * conversions by wall-clock time on one frame that stays in the cache; this probe cycles through every frame
 * of the file, as ffmpeg does.
 *
 * <pre>
 *   frames FOURCC WxH COUNT FILE     write COUNT pseudo-random frames; frame 0 is ConversionBenchmark's frame
 *   convert PATH WxH IN OUT          convert IN's first frame and write the stored bytes to OUT
 *   measure PATH WxH IN FRAMES       warm up 3 s, then convert FRAMES frames of IN round-robin and print
 *                                    "ours PATH WxH frames=N user_s=U cpu_s=C wall_s=W fps_user=F"
 * </pre>
 *
 * PATH is {@code FOURCC>STORED} as in {@link ConversionBenchmark}, e.g. {@code YUYV>RGB565}, {@code BA81>RGB565}.
 * Run: {@code java -cp bench/target/benchmarks.jar io.framereel.bench.ConversionProbe measure ...}.
 * Single-threaded.
 */
public final class ConversionProbe {
    private static final long WARMUP_NANOS = 3_000_000_000L;
    /** BenchFrames.fillRandom's seed, so frame 0 holds exactly the bytes ConversionBenchmark converts. */
    private static final long SEED = 0xF4A3E;

    private ConversionProbe() {
    }

    public static void main(String[] args) throws IOException, FrameFormatException {
        if (args.length == 5 && args[0].equals("frames")) {
            writeFrames(args[1], size(args[2]), Integer.parseInt(args[3]), Path.of(args[4]));
        } else if (args.length == 5 && args[0].equals("convert")) {
            convertFirst(args[1], size(args[2]), Path.of(args[3]), Path.of(args[4]));
        } else if (args.length == 5 && args[0].equals("measure")) {
            measure(args[1], size(args[2]), Path.of(args[3]), Long.parseLong(args[4]));
        } else {
            System.err.println("usage: ConversionProbe frames FOURCC WxH COUNT FILE | convert PATH WxH IN OUT"
                    + " | measure PATH WxH IN FRAMES");
            System.exit(2);
        }
    }

    private static int[] size(String wxh) {
        String[] wh = wxh.split("x");
        return new int[] {Integer.parseInt(wh[0]), Integer.parseInt(wh[1])};
    }

    private static int cameraFrameBytes(String fourcc, int[] size) {
        switch (fourcc) {
            case "YUYV":
                return 2 * size[0] * size[1];
            case "BA81":
                return size[0] * size[1];
            default:
                throw new IllegalArgumentException("no camera frame size known for " + fourcc);
        }
    }

    private static void writeFrames(String fourcc, int[] size, int count, Path file) throws IOException {
        ByteBuffer frame = ByteBuffer.allocateDirect(cameraFrameBytes(fourcc, size));
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (int i = 0; i < count; i++) {
                SplittableRandom random = new SplittableRandom(SEED + i);
                for (int b = 0; b < frame.capacity(); b++) {
                    frame.put(b, (byte) random.nextInt(256));
                }
                frame.clear();
                while (frame.hasRemaining()) {
                    out.write(frame);
                }
            }
        }
    }

    private static FrameConversion conversion(String path, int[] size) {
        String[] fromTo = path.split(">");
        int bytesPerLine = cameraFrameBytes(fromTo[0], size) / size[1];
        return FrameConversion.of(FourCc.of(fromTo[0]), size[0], size[1], bytesPerLine,
                Optional.of(PixelFormat.parse(fromTo[1])));
    }

    /** Every whole frame of the file, each in a direct buffer of its own (as the kernel's mmap'd buffers are). */
    private static ByteBuffer[] readFrames(Path file, int frameBytes) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            int count = (int) (in.size() / frameBytes);
            if (count < 1) {
                throw new IOException(file + " holds no whole frame of " + frameBytes + " bytes");
            }
            ByteBuffer[] frames = new ByteBuffer[count];
            for (int i = 0; i < count; i++) {
                ByteBuffer b = ByteBuffer.allocateDirect(frameBytes);
                while (b.hasRemaining()) {
                    if (in.read(b, (long) i * frameBytes + b.position()) < 0) {
                        throw new IOException(file + " ended inside frame " + i);
                    }
                }
                frames[i] = b.flip();
            }
            return frames;
        }
    }

    private static void convertFirst(String path, int[] size, Path in, Path out) throws IOException,
            FrameFormatException {
        FrameConversion conversion = conversion(path, size);
        ByteBuffer src = readFrames(in, cameraFrameBytes(path.split(">")[0], size))[0];
        ByteBuffer dst = ByteBuffer.allocateDirect(conversion.maxOutputBytes()).order(ByteOrder.LITTLE_ENDIAN);
        int n = conversion.convert(src, dst);
        dst.limit(n);
        try (FileChannel ch = FileChannel.open(out, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (dst.hasRemaining()) {
                ch.write(dst);
            }
        }
    }

    private static void measure(String path, int[] size, Path in, long frames) throws IOException,
            FrameFormatException {
        FrameConversion conversion = conversion(path, size);
        ByteBuffer[] sources = readFrames(in, cameraFrameBytes(path.split(">")[0], size));
        // The recorder's slots are little-endian direct buffers; so is the destination here.
        ByteBuffer dst = ByteBuffer.allocateDirect(conversion.maxOutputBytes()).order(ByteOrder.LITTLE_ENDIAN);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sink = 0;
        long warmEnd = System.nanoTime() + WARMUP_NANOS;
        for (int i = 0; System.nanoTime() < warmEnd; i++) {
            sink += conversion.convert(sources[i % sources.length], dst);
        }
        long user0 = threads.getCurrentThreadUserTime();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        for (long i = 0; i < frames; i++) {
            sink += conversion.convert(sources[(int) (i % sources.length)], dst);
        }
        long wall = System.nanoTime() - wall0;
        long cpu = threads.getCurrentThreadCpuTime() - cpu0;
        long user = threads.getCurrentThreadUserTime() - user0;
        System.out.printf(Locale.ROOT, "ours %s %dx%d frames=%d user_s=%.3f cpu_s=%.3f wall_s=%.3f fps_user=%.1f"
                        + " (sink %d)%n", path, size[0], size[1], frames, user / 1e9, cpu / 1e9, wall / 1e9,
                frames / (user / 1e9), sink & 1);
    }
}
