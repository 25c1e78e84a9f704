package io.framereel.device.gpio;

import java.util.Arrays;

/** Collects latency samples and summarises them in milliseconds. Test helper; not thread-safe. */
final class LatencyStats {

    private long[] samples = new long[64];
    private int count;

    void add(long nanos) {
        if (count == samples.length) {
            samples = Arrays.copyOf(samples, count * 2);
        }
        samples[count++] = nanos;
    }

    int count() {
        return count;
    }

    /** The q-quantile (0..1) by nearest rank, in nanoseconds. */
    long quantile(double q) {
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * count);
        return sorted[Math.max(0, Math.min(count - 1, rank - 1))];
    }

    /** "n=30 min=0.41 p50=0.62 p95=1.30 max=2.05 ms". */
    String summary() {
        return String.format(java.util.Locale.ROOT, "n=%d min=%.3f p50=%.3f p95=%.3f max=%.3f ms", count,
                quantile(0) / 1e6, quantile(0.5) / 1e6, quantile(0.95) / 1e6, quantile(1) / 1e6);
    }
}
