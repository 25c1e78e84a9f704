package io.framereel.device.shm;

import java.nio.file.Path;

/**
 * The reading process of the second-process test: maps the region, prints READY, then reads the latest frame as
 * fast as it can, checking every byte of every copy against the pattern, until it has seen the last frame or the
 * time is up. Prints one report line: seen (distinct frames), reads (copies checked), torn, outOfOrder, last.
 *
 * <p>Arguments: region path, number of the last frame, timeout in milliseconds.
 */
public final class RegionReaderMain {
    private RegionReaderMain() {
    }

    public static void main(String[] args) throws Exception {
        Path path = Path.of(args[0]);
        long lastFrame = Long.parseLong(args[1]);
        long deadline = System.nanoTime() + Long.parseLong(args[2]) * 1_000_000L;
        long seen = 0;
        long reads = 0;
        long torn = 0;
        long outOfOrder = 0;
        long previous = 0;
        String firstProblem = "none";
        try (SharedFrameReader reader = SharedFrameReader.open(path)) {
            FrameCopy copy = reader.newFrameCopy();
            System.out.println("READY");
            System.out.flush();
            while (previous < lastFrame && System.nanoTime() - deadline < 0) {
                if (!reader.readLatest(copy)) {
                    Thread.onSpinWait();
                    continue;
                }
                reads++;
                String problem = PatternFrames.problem(copy);
                if (problem != null) {
                    torn++;
                    firstProblem = firstProblem.equals("none") ? problem.replace(' ', '_') : firstProblem;
                }
                long n = copy.frameNumber();
                if (n < previous) {
                    outOfOrder++;
                } else if (n > previous) {
                    seen++;
                    previous = n;
                }
            }
            System.out.println("seen=" + seen + " reads=" + reads + " torn=" + torn + " outOfOrder=" + outOfOrder
                    + " last=" + previous + " retries=" + reader.retries() + " problem=" + firstProblem);
        }
    }
}
