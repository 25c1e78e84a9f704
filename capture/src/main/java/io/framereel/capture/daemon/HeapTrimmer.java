package io.framereel.capture.daemon;

import io.framereel.device.libc.NativeHeap;

/**
 * Gives the C heap's free pages back every ten seconds (see {@link NativeHeap}): the JIT compilers malloc and free
 * their arenas in bursts through the first minutes, and a trim each time keeps those bursts from staying in the
 * daemon's RSS (about 10 MB at 1280x720, docs/benchmarks.md). A trim costs a fraction of a millisecond and takes
 * no lock the capture path needs (it mallocs nothing). Does nothing where the C library is not glibc. Called from
 * the daemon's tick thread only.
 */
final class HeapTrimmer {
    private static final System.Logger LOG = System.getLogger(HeapTrimmer.class.getName());
    static final long FIRST_NANOS = 10_000_000_000L;
    static final long EVERY_NANOS = 10_000_000_000L;

    private final long startedNanos;
    private long nextNanos;
    private boolean unsupported;

    HeapTrimmer(long startedNanos) {
        this.startedNanos = startedNanos;
        this.nextNanos = startedNanos + FIRST_NANOS;
    }

    /** Trims when one is due; returns whether it trimmed. */
    boolean tick(long nowNanos) {
        if (unsupported || nowNanos - nextNanos < 0) {
            return false;
        }
        nextNanos = nowNanos + EVERY_NANOS;
        try {
            boolean released = NativeHeap.trim();
            LOG.log(System.Logger.Level.DEBUG, "C heap trimmed " + (nowNanos - startedNanos) / 1_000_000_000L
                    + " s after start" + (released ? "" : " (nothing to release)"));
        } catch (UnsupportedOperationException notGlibc) {
            unsupported = true;
            LOG.log(System.Logger.Level.DEBUG, "C heap not trimmed: " + notGlibc.getMessage());
        }
        return true;
    }
}
