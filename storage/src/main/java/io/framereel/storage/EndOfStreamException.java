package io.framereel.storage;

import java.nio.file.Path;

/** Thrown where OpenMV raises EOFError: reading or writing past the last slot of a memory stream, seeking past the end. */
public class EndOfStreamException extends ImageIOException {
    private static final long serialVersionUID = 1L;

    public EndOfStreamException(Path path, long frameIndex, String problem) {
        super(path, frameIndex, UNKNOWN, problem);
    }
}
