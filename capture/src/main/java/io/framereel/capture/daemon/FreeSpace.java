package io.framereel.capture.daemon;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The store's free space against {@code store.min-free}, with hysteresis: recording stops below the minimum and
 * resumes only once a quarter more (at least 64 KiB) is free again, so a file deleted by a cleanup job does not
 * make the daemon flap between two almost-full states. Measured at most once a second while recording.
 */
final class FreeSpace {
    private static final long CHECK_INTERVAL_NANOS = 1_000_000_000L;

    private final Path directory;
    private final long minFree;
    private final long resumeAt;
    private FileStore store;
    private long lastCheckNanos = Long.MIN_VALUE;
    private long lastFree = Long.MAX_VALUE;

    FreeSpace(Path directory, long minFree) {
        this.directory = directory;
        this.minFree = minFree;
        this.resumeAt = minFree == 0 ? 0 : minFree + Math.max(minFree / 4, 64 << 10);
    }

    /** Bytes free to this (unprivileged) user now; measured afresh. */
    long measure() throws IOException {
        if (store == null) {
            Files.createDirectories(directory);
            store = Files.getFileStore(directory);
        }
        lastFree = store.getUsableSpace();
        lastCheckNanos = System.nanoTime();
        return lastFree;
    }

    /** The last measurement, re-measured when it is older than a second. */
    long recent() throws IOException {
        if (lastCheckNanos == Long.MIN_VALUE || System.nanoTime() - lastCheckNanos >= CHECK_INTERVAL_NANOS) {
            return measure();
        }
        return lastFree;
    }

    boolean belowMinimum(long free) {
        return free < minFree;
    }

    boolean enoughToResume(long free) {
        return free >= resumeAt;
    }

    long minFree() {
        return minFree;
    }
}
