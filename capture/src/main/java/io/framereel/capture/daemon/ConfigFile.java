package io.framereel.capture.daemon;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The daemon's configuration syntax: one {@code key = value} per line, comments on lines of their own starting
 * with {@code #} (as in systemd units, a {@code #} after a value is part of the value, which the value parser then
 * rejects rather than silently dropping). Blank lines are ignored; an empty value means "the default".
 */
final class ConfigFile {
    /** One assignment and where it was written. */
    record Entry(String key, String value, int line) {
    }

    private ConfigFile() {
    }

    static List<Entry> read(Path file) throws ConfigException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (CharacterCodingException e) {
            throw new ConfigException(file, 0, "not UTF-8 text");
        } catch (IOException e) {
            throw new ConfigException(file, 0, "cannot read: " + e.getMessage());
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw new ConfigException(file, i + 1, "expected key = value, found '" + line + "'");
            }
            String key = line.substring(0, eq).strip();
            if (key.isEmpty()) {
                throw new ConfigException(file, i + 1, "missing key before '='");
            }
            entries.add(new Entry(key, line.substring(eq + 1).strip(), i + 1));
        }
        return entries;
    }
}
