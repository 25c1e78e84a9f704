package io.framereel.systemd;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A systemd unit file read as systemd reads it: sections, then "Key=value" lines; comments start a line. */
record UnitFile(Path path, List<Entry> entries) {
    record Entry(int line, String section, String key, String value) {
    }

    static UnitFile read(Path path) throws IOException {
        List<Entry> entries = new ArrayList<>();
        String section = "";
        List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line.substring(1, line.length() - 1);
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException(path + ":" + (i + 1) + ": not a Key=value line: " + line);
            }
            entries.add(new Entry(i + 1, section, line.substring(0, eq).strip(), line.substring(eq + 1).strip()));
        }
        return new UnitFile(path, List.copyOf(entries));
    }

    /** Every value of {@code key} in {@code section}, in file order. */
    List<String> all(String section, String key) {
        return entries.stream().filter(e -> e.section.equals(section) && e.key.equals(key)).map(Entry::value).toList();
    }

    /** The last value of {@code key} in {@code section} (the one systemd keeps for single-valued settings). */
    Optional<String> last(String section, String key) {
        List<String> values = all(section, key);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(values.size() - 1));
    }

    /** The value of the Environment= assignment of {@code variable} (quoted as one word or not). */
    Optional<String> environment(String variable) {
        String prefix = variable + "=";
        Optional<String> found = Optional.empty();
        for (String value : all("Service", "Environment")) {
            String v = value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
            if (v.startsWith(prefix)) {
                found = Optional.of(v.substring(prefix.length()));
            }
        }
        return found;
    }
}
