package io.framereel.device.shm;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The one error type of shared frame regions: a header or descriptor that fails validation, a file that is not a
 * region, a frame the region cannot hold. The message names the file and, where the problem sits at a place in
 * the file, the byte offset; both are fields too, so callers need not parse the message.
 */
public class SharedFrameException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Marks a problem that is not at one byte offset of the file. */
    public static final long NO_OFFSET = -1;

    private final transient Path path;
    private final long byteOffset;

    public SharedFrameException(Path path, long byteOffset, String problem) {
        this(path, byteOffset, problem, null);
    }

    public SharedFrameException(Path path, long byteOffset, String problem, Throwable cause) {
        super(path + (byteOffset >= 0 ? ": at byte " + byteOffset : "") + ": " + problem, cause);
        this.path = path;
        this.byteOffset = byteOffset;
    }

    /** The region's file. */
    public Path path() {
        return path;
    }

    /** The byte offset of the offending field, or {@link #NO_OFFSET}. */
    public long byteOffset() {
        return byteOffset;
    }
}
