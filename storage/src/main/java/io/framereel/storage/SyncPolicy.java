package io.framereel.storage;

import java.util.Locale;

/**
 * When a file stream forces written frames to the storage device. After a crash or power cut, every frame
 * written before the last completed sync is readable; frames after it may be lost (never corrupted: the
 * reader drops a torn tail).
 *
 * <p>{@code everyMillis} is checked when a frame is written, so an idle stream does not sync by itself;
 * {@code close()} always syncs.
 */
public final class SyncPolicy {
    /** Never sync while writing (close still syncs). Fastest; a power cut can lose everything since open. */
    public static final SyncPolicy NEVER = new SyncPolicy(0, 0);
    /** Sync after every frame. */
    public static final SyncPolicy ALWAYS = new SyncPolicy(1, 0);

    private final long everyFrames;
    private final long everyNanos;

    private SyncPolicy(long everyFrames, long everyNanos) {
        this.everyFrames = everyFrames;
        this.everyNanos = everyNanos;
    }

    /** Sync after every {@code frames} frames. */
    public static SyncPolicy everyFrames(long frames) {
        if (frames < 1) {
            throw new IllegalArgumentException("sync frames cannot be less than 1 (was " + frames + ")");
        }
        return frames == 1 ? ALWAYS : new SyncPolicy(frames, 0);
    }

    /** Sync on the first write at least {@code millis} ms after the previous sync. */
    public static SyncPolicy everyMillis(long millis) {
        if (millis < 1) {
            throw new IllegalArgumentException("sync interval cannot be less than 1 ms (was " + millis + ")");
        }
        return new SyncPolicy(0, millis * 1_000_000L);
    }

    /** Parses {@code never}, {@code always}, {@code frames:N} or {@code ms:T} (also {@code Nframes}, {@code Tms}). */
    public static SyncPolicy parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.equals("never")) {
                return NEVER;
            } else if (t.equals("always")) {
                return ALWAYS;
            } else if (t.startsWith("frames:")) {
                return everyFrames(Long.parseLong(t.substring(7)));
            } else if (t.startsWith("ms:")) {
                return everyMillis(Long.parseLong(t.substring(3)));
            } else if (t.endsWith("frames")) {
                return everyFrames(Long.parseLong(t.substring(0, t.length() - 6).trim()));
            } else if (t.endsWith("ms")) {
                return everyMillis(Long.parseLong(t.substring(0, t.length() - 2).trim()));
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad sync policy '" + text + "': " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("bad sync policy '" + text + "' (expected never, always, frames:N or ms:T)");
    }

    /** Returns whether a sync is due after this many frames and nanoseconds since the last one. */
    public boolean isDue(long framesSinceSync, long nanosSinceSync) {
        return (everyFrames > 0 && framesSinceSync >= everyFrames)
                || (everyNanos > 0 && framesSinceSync > 0 && nanosSinceSync >= everyNanos);
    }

    @Override
    public String toString() {
        if (this == NEVER) {
            return "never";
        } else if (this == ALWAYS) {
            return "always";
        }
        return everyFrames > 0 ? "frames:" + everyFrames : "ms:" + everyNanos / 1_000_000L;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SyncPolicy && ((SyncPolicy) o).everyFrames == everyFrames && ((SyncPolicy) o).everyNanos == everyNanos;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(everyFrames * 31 + everyNanos);
    }
}
