package io.framereel.storage;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The one error type of ImageIO streams: bad input, a failed write, use after close. Its message names the
 * file (or memory stream), the frame index and the byte offset where known; the same numbers are fields, so
 * callers need not parse the message.
 */
public class ImageIOException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Marks an unknown frame index or byte offset. */
    public static final long UNKNOWN = -1;

    private final transient Path path;
    private final long frameIndex;
    private final long byteOffset;

    public ImageIOException(Path path, long frameIndex, long byteOffset, String problem) {
        this(path, frameIndex, byteOffset, problem, null);
    }

    public ImageIOException(Path path, long frameIndex, long byteOffset, String problem, Throwable cause) {
        super(format(path, frameIndex, byteOffset, problem), cause);
        this.path = path;
        this.frameIndex = frameIndex;
        this.byteOffset = byteOffset;
    }

    private static String format(Path path, long frameIndex, long byteOffset, String problem) {
        StringBuilder sb = new StringBuilder(path == null ? "memory stream" : path.toString());
        if (frameIndex >= 0) {
            sb.append(": frame ").append(frameIndex);
        }
        if (byteOffset >= 0) {
            sb.append(frameIndex >= 0 ? " at byte " : ": at byte ").append(byteOffset);
        }
        return sb.append(": ").append(problem).toString();
    }

    /** The file, or null for a memory stream. */
    public Path path() {
        return path;
    }

    /** The frame index, or {@link #UNKNOWN}. */
    public long frameIndex() {
        return frameIndex;
    }

    /** The byte offset in the file, or {@link #UNKNOWN}. */
    public long byteOffset() {
        return byteOffset;
    }
}
