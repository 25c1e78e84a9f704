package io.framereel.capture.daemon;

import java.nio.file.Path;

/** A configuration file the daemon cannot start with; the message names the file and line. */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConfigException(Path file, int line, String message) {
        super(file + (line > 0 ? ":" + line : "") + ": " + message);
    }
}
