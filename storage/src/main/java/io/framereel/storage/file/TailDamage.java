package io.framereel.storage.file;

import io.framereel.storage.ImageIOException;

/**
 * What follows the last whole frame of a stream file, if anything: nothing, a torn chunk (the file ends inside
 * a chunk, as after a crash or power cut), or bytes that are not a chunk at all.
 */
public final class TailDamage {
    /** The kinds of tail. */
    public enum Kind {
        /** The last chunk ends exactly at the end of the file. */
        NONE,
        /** The file ends inside a chunk whose header is plausible (or is zero-filled, as after a power cut). */
        TORN,
        /** A chunk header that cannot be valid: bad pixformat, impossible geometry or size. */
        GARBAGE
    }

    static final TailDamage NONE = new TailDamage(Kind.NONE, -1, 0, null, null);

    private final Kind kind;
    private final long offset;
    private final long bytes;
    private final ImageIOException problem;
    private final String description;

    TailDamage(Kind kind, long offset, long bytes, String description, ImageIOException problem) {
        this.kind = kind;
        this.offset = offset;
        this.bytes = bytes;
        this.description = description;
        this.problem = problem;
    }

    /** What is wrong, without the path and position prefix of {@link #problem()}; null for {@link Kind#NONE}. */
    public String description() {
        return description;
    }

    public Kind kind() {
        return kind;
    }

    /** File offset where the damage starts (the end of the last whole frame), or -1. */
    public long offset() {
        return offset;
    }

    /** Bytes from {@link #offset()} to the end of the file. */
    public long bytes() {
        return bytes;
    }

    /** The error describing it (frame index, byte offset, what is wrong), or null for {@link Kind#NONE}. */
    public ImageIOException problem() {
        return problem;
    }

    @Override
    public String toString() {
        return kind == Kind.NONE ? "none" : kind.name().toLowerCase(java.util.Locale.ROOT) + " " + bytes
                + " bytes at " + offset + ": " + problem.getMessage();
    }
}
