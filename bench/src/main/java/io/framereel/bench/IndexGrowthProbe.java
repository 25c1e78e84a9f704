package io.framereel.bench;

import io.framereel.storage.Image;
import io.framereel.storage.ImageIO;
import io.framereel.storage.PixelFormat;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;

/**
 * Shows what a long recording costs that the benchmarks, which rewind their files, never see: the frame index
 * of a growing file gains a page of 65,536 entries (about 1.6 MB) inside {@code write()} every 65,536 frames.
 * Appends 2.2 million 16x16 GRAYSCALE frames (633 MB) without rewinding and prints the writer thread's
 * allocation per block of frames, the time of each write that adds a page, and the slowest other write.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar io.framereel.bench.IndexGrowthProbe [dir]}. Single-threaded.
 */
public final class IndexGrowthProbe {
    private static final int FRAMES = 2_200_000;
    private static final int BLOCK_FRAMES = 250_000;
    /** Entries per index page; FrameIndex.PAGE_SIZE, which is package-private to storage. */
    private static final int PAGE_ENTRIES = 1 << 16;

    private IndexGrowthProbe() {
    }

    public static void main(String[] args) throws IOException {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long threadId = Thread.currentThread().getId();
        Path scratch = BenchFrames.scratchDirectory(args.length > 0 ? args[0] : BenchFrames.DEFAULT_DIR);
        try (ImageIO out = ImageIO.open(scratch.resolve("growth.bin"), "w")) {
            Image image = Image.allocate(16, 16, PixelFormat.GRAYSCALE, true);
            long blockStartBytes = threads.getThreadAllocatedBytes(threadId);
            long slowestOtherNanos = 0;
            long totalNanos = 0;
            for (int i = 0; i < FRAMES; i++) {
                long start = System.nanoTime();
                out.write(image);
                long nanos = System.nanoTime() - start;
                totalNanos += nanos;
                boolean addsPage = i > 0 && i % PAGE_ENTRIES == 0;
                if (addsPage) {
                    if (i % (8 * PAGE_ENTRIES) == 0) {
                        System.out.printf("write #%,d adds an index page: %.2f ms%n", i + 1, nanos / 1e6);
                    }
                } else if (i >= BLOCK_FRAMES) {
                    slowestOtherNanos = Math.max(slowestOtherNanos, nanos);
                }
                if ((i + 1) % BLOCK_FRAMES == 0) {
                    long now = threads.getThreadAllocatedBytes(threadId);
                    System.out.printf("frames %,9d..%,9d: %,12d bytes allocated (%.1f B/frame)%n",
                            i + 1 - BLOCK_FRAMES, i + 1, now - blockStartBytes, (now - blockStartBytes) / (double) BLOCK_FRAMES);
                    blockStartBytes = threads.getThreadAllocatedBytes(threadId);
                }
            }
            System.out.printf("mean write %.2f us; slowest write that did not add a page (after frame %,d): %.2f ms%n",
                    totalNanos / 1e3 / FRAMES, BLOCK_FRAMES, slowestOtherNanos / 1e6);
        } finally {
            BenchFrames.deleteTree(scratch);
        }
    }
}
