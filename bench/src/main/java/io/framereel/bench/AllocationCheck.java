package io.framereel.bench;

import io.framereel.storage.Image;
import io.framereel.storage.ImageIO;
import io.framereel.storage.PixelFormat;
import io.framereel.storage.memory.RingStore;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;

/**
 * Counts the heap bytes the calling thread allocates per frame on each zero-allocation path, exactly (HotSpot's
 * per-thread allocation counter), after a warm-up. JMH's {@code -prof gc} divides every thread's allocation,
 * JMH's own included, by the operation count; this check sees only the benchmark thread.
 *
 * <p>A path that allocates per frame allocates in every round; the JDK's own one-off work (linking a native
 * method on its first call from compiled code, for example) shows up as a few hundred bytes in a single round.
 * So a path fails only when every round allocated.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar io.framereel.bench.AllocationCheck}. Prints one line per
 * path and exits with status 1 if any path fails. Single-threaded.
 */
public final class AllocationCheck {
    private static final int WARMUP_OPS = 50_000;
    private static final int WARMUP_CALLS = 10;
    private static final int ROUND_OPS = 100_000;
    private static final int ROUNDS = 5;
    /** The control allocates a frame per operation; a few thousand prove the point. */
    private static final int CONTROL_OPS = 2_000;
    private static final long REWIND_BYTES = 64L << 20;

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private boolean failed;

    /** One frame's worth of work on a hot path. */
    @FunctionalInterface
    private interface FrameOp {
        void run() throws IOException;
    }

    public static void main(String[] args) throws IOException {
        AllocationCheck check = new AllocationCheck();
        check.runAll();
        System.exit(check.failed ? 1 : 0);
    }

    private void runAll() throws IOException {
        Path scratch = BenchFrames.scratchDirectory(BenchFrames.DEFAULT_DIR);
        try {
            Image image = BenchFrames.image("RGB565_160x120"); // allocation does not depend on frame size
            // Goes first and soaks up the harness's own first-time costs (a few hundred bytes in its first
            // round, whichever path runs first); shows the harness itself allocates nothing after that.
            measure("harness (no-op)", () -> { });
            Path file = scratch.resolve("alloc.bin");
            try (ImageIO out = ImageIO.open(file, "w")) {
                measure("file append", () -> {
                    if (out.size() >= REWIND_BYTES) {
                        out.seek(0);
                    }
                    out.write(image);
                });
            }
            try (ImageIO in = ImageIO.open(file, "r")) {
                int count = in.count();
                int[] next = {0};
                measure("file seek+read(copyToFb)", () -> {
                    in.seek(next[0]).read(true, false, false);
                    next[0] = next[0] + 1 == count ? 0 : next[0] + 1;
                });
                // The control: copyToFb=false returns a new heap image by contract, so the counter must see it.
                measureControl("file read(no copyToFb)", () -> in.read(false, true, false));
            }
            try (ImageIO memory = ImageIO.memory(image.width(), image.height(), image.format(), 16)) {
                measure("memory write", () -> {
                    memory.write(image);
                    if (memory.offset() == memory.count()) {
                        memory.seek(0);
                    }
                });
                measure("memory read(copyToFb)", () -> {
                    memory.read(true, false, false);
                    if (memory.offset() == memory.count()) {
                        memory.seek(0);
                    }
                });
            }
            try (RingStore ring = RingStore.forFrames(16, image.width(), image.height(), PixelFormat.RGB565)) {
                measure("ring write", () -> ring.write(image));
            }
        } finally {
            BenchFrames.deleteTree(scratch);
        }
    }

    private void measure(String path, FrameOp op) throws IOException {
        boolean allocates = fewestBytesPerRound(path, op, WARMUP_OPS, ROUND_OPS) > 0;
        System.out.println(allocates ? "  ALLOCATES PER FRAME" : "  ok");
        failed |= allocates;
    }

    /** Measures a path that must allocate, proving the counter sees allocations at all. */
    private void measureControl(String path, FrameOp op) throws IOException {
        boolean allocates = fewestBytesPerRound(path, op, CONTROL_OPS, CONTROL_OPS) > 0;
        System.out.println(allocates ? "  allocates, as it must (control)" : "  CONTROL DID NOT ALLOCATE: counter broken");
        failed |= !allocates;
    }

    /**
     * Warms {@code op} up, then prints the bytes of each round and returns the smallest. Warm-up and rounds run
     * through the same {@link #run} so that its compiled code has seen the loop exit; otherwise the JIT
     * deoptimizes there at the end of the first round and re-materializes a few hundred bytes of objects it
     * had scalar-replaced, which this counter would charge to the path.
     */
    private long fewestBytesPerRound(String path, FrameOp op, int warmupOps, int roundOps) throws IOException {
        for (int i = 0; i < WARMUP_CALLS; i++) {
            run(op, warmupOps / WARMUP_CALLS);
        }
        long threadId = Thread.currentThread().getId();
        System.out.printf("%-26s bytes per %6d frames:", path, roundOps);
        long fewest = Long.MAX_VALUE;
        for (int round = 0; round < ROUNDS; round++) {
            long before = threads.getThreadAllocatedBytes(threadId);
            run(op, roundOps);
            long bytes = threads.getThreadAllocatedBytes(threadId) - before;
            fewest = Math.min(fewest, bytes);
            System.out.printf(" %9d", bytes);
        }
        return fewest;
    }

    private static void run(FrameOp op, int count) throws IOException {
        for (int i = 0; i < count; i++) {
            op.run();
        }
    }
}
