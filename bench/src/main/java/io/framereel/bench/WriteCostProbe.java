package io.framereel.bench;

import com.sun.management.ThreadMXBean;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * What a frame's write costs the writer thread, without the rest of the recorder: CPU time per
 * {@code FileChannel.write} of one 640x480 YUYV frame from a direct buffer, as a gathering write with a chunk
 * header and padding (the stream's way) and as a single write, into a file on {@code DIR} (tmpfs: /dev/shm).
 * Compare with any other program's plain write(2) of the same size (docs/benchmarks.md, capture section 2).
 * <pre>java -cp bench/target/benchmarks.jar io.framereel.bench.WriteCostProbe [DIR] [FRAMES]</pre>
 */
public final class WriteCostProbe {
    private static final int FRAME_BYTES = 640 * 480 * 2;

    private WriteCostProbe() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "/dev/shm");
        int frames = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        ByteBuffer payload = ByteBuffer.allocateDirect(FRAME_BYTES);
        ByteBuffer header = ByteBuffer.allocate(32);
        ByteBuffer padding = ByteBuffer.allocate(16);
        ByteBuffer[] gather = {header, payload, padding};
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int round = 0; round < 3; round++) {
            for (boolean gathering : new boolean[] {true, false}) {
                Path file = Files.createTempFile(dir, "write-cost", ".bin");
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    long cpu = threads.getCurrentThreadCpuTime();
                    for (int i = 0; i < frames; i++) {
                        payload.clear();
                        if (gathering) {
                            header.clear();
                            padding.clear().limit(0);
                            ch.write(gather);
                        } else {
                            ch.write(payload);
                        }
                    }
                    System.out.printf(Locale.ROOT, "round %d, %s write of %d bytes to %s: %.3f ms CPU per frame%n",
                            round + 1, gathering ? "gathering" : "single", FRAME_BYTES, dir,
                            (threads.getCurrentThreadCpuTime() - cpu) / 1e6 / frames);
                } finally {
                    Files.deleteIfExists(file);
                }
            }
        }
    }
}
