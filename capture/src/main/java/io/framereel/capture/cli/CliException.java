package io.framereel.capture.cli;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;

/**
 * A failure at run time whose message is already what the user should read: one line naming the file
 * involved. Reported as {@code framereel: <message>} with exit status 1.
 */
final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CliException(String message) {
        super(message);
    }

    CliException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Wraps an I/O failure on {@code file} while {@code doing} something, e.g. "cannot write frame". File
     * system errors already carry their file and are described as they are.
     */
    static CliException io(Path file, String doing, IOException e) {
        if (e instanceof FileSystemException && ((FileSystemException) e).getFile() != null) {
            return new CliException(ErrorReporter.describe(e, false), e);
        }
        return new CliException(file + ": " + doing + ": " + (e.getMessage() != null ? e.getMessage() : e.toString()), e);
    }
}
