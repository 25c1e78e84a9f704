package io.framereel.capture.record;

import io.framereel.storage.Image;

import java.io.IOException;

/** Where recorded frames go. Written by the recorder's writer thread only. */
public interface FrameStore extends AutoCloseable {

    /**
     * Called once the source has started, before the camera streams, with the shape of what will come: a store
     * that sizes buffers from it allocates them here rather than on the first frame, while the camera would be
     * filling its few buffers. Called on the thread that called {@link Recorder#record}.
     */
    default void prepare(io.framereel.capture.source.StreamShape shape) throws IOException {
    }

    /** Stores one frame (its payload from position to limit). */
    void write(Image frame) throws IOException;

    /** Completed syncs to the storage device so far. */
    long syncCount();

    /** A one-line description for logs and summaries (e.g. the file path and sync policy). */
    String describe();

    /** Flushes and closes; afterwards everything stored is readable. */
    @Override
    void close() throws IOException;
}
