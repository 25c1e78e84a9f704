package io.framereel.storage.file;

import java.nio.file.Path;

/**
 * What a stream file holds, from its chunk headers alone: version, frame index, and what follows the last
 * whole frame. Made by {@link FileStream#inspect(Path)}, which reports a damaged tail instead of refusing the
 * file, so tools can show and repair files that {@code 'r'} refuses. Immutable snapshot.
 */
public final class StreamReport {
    private final Path path;
    private final StreamVersion version;
    private final FrameIndex index;
    private final TailDamage tail;
    private final long fileSize;

    StreamReport(Path path, StreamVersion version, FrameIndex index, TailDamage tail, long fileSize) {
        this.path = path;
        this.version = version;
        this.index = index;
        this.tail = tail;
        this.fileSize = fileSize;
    }

    public Path path() {
        return path;
    }

    public StreamVersion version() {
        return version;
    }

    /** The whole frames before any damage. */
    public FrameIndex index() {
        return index;
    }

    public TailDamage tail() {
        return tail;
    }

    /** Size of the file in bytes, damaged tail included. */
    public long fileSize() {
        return fileSize;
    }
}
