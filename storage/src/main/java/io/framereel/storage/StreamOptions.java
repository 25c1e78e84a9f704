package io.framereel.storage;

import java.util.Objects;

/**
 * How a stream is opened beyond path and mode: the frame buffer that {@code read(copyToFb=true)} loads into,
 * the clock for timing, and the sync policy of file streams. Immutable; {@code with…} returns a copy.
 */
public final class StreamOptions {
    /** A fresh {@link MemoryFrameBuffer} per stream, the system clock, and {@link SyncPolicy#NEVER}. */
    public static final StreamOptions DEFAULTS = new StreamOptions(null, MonotonicClock.SYSTEM, SyncPolicy.NEVER);

    private final FrameBuffer frameBuffer;
    private final MonotonicClock clock;
    private final SyncPolicy syncPolicy;

    private StreamOptions(FrameBuffer frameBuffer, MonotonicClock clock, SyncPolicy syncPolicy) {
        this.frameBuffer = frameBuffer;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.syncPolicy = Objects.requireNonNull(syncPolicy, "syncPolicy");
    }

    public StreamOptions withFrameBuffer(FrameBuffer frameBuffer) {
        return new StreamOptions(Objects.requireNonNull(frameBuffer, "frameBuffer"), clock, syncPolicy);
    }

    public StreamOptions withClock(MonotonicClock clock) {
        return new StreamOptions(frameBuffer, clock, syncPolicy);
    }

    public StreamOptions withSyncPolicy(SyncPolicy syncPolicy) {
        return new StreamOptions(frameBuffer, clock, syncPolicy);
    }

    /** The configured frame buffer, or a new {@link MemoryFrameBuffer} when none was set. */
    public FrameBuffer frameBufferOrNew() {
        return frameBuffer != null ? frameBuffer : new MemoryFrameBuffer();
    }

    public MonotonicClock clock() {
        return clock;
    }

    public SyncPolicy syncPolicy() {
        return syncPolicy;
    }
}
