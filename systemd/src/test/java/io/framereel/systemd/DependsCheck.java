package io.framereel.systemd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Depends: field evaluated against what a system offers, with Debian's rules: a real package meets a relation
 * by its version, a versioned Provides meets it by the provided version, an unversioned Provides meets only an
 * unversioned dependency. Versions are compared by dpkg itself.
 */
final class DependsCheck {
    /** A system's installable packages (name to version) and virtual packages (name to provided version or ""). */
    record Archive(String name, Map<String, String> packages, Map<String, String> provides) {
    }

    // Versions from the Debian archive (apt-cache show on bookworm; packages.debian.org for trixie).
    static final Archive BOOKWORM = new Archive("bookworm",
            Map.of("default-jre-headless", "2:1.17-74", "openjdk-17-jre-headless", "17.0.15+6-1~deb12u1",
                    "systemd", "252.39-1~deb12u2"),
            Map.of("java-runtime-headless", "17", "java17-runtime-headless", "", "java11-runtime-headless", ""));
    static final Archive TRIXIE = new Archive("trixie",
            Map.of("default-jre-headless", "2:1.21-76", "openjdk-21-jre-headless", "21.0.7+6-1",
                    "systemd", "257.7-1"),
            Map.of("java-runtime-headless", "21", "java17-runtime-headless", "", "java21-runtime-headless", ""));
    /** openjdk-25-jre-headless provides only the versioned java-runtime-headless (= 25), no javaN-runtime-headless. */
    static final Archive ONLY_OPENJDK_25 = new Archive("openjdk-25 only",
            Map.of("openjdk-25-jre-headless", "25+36-1", "systemd", "257.7-1"),
            Map.of("java-runtime-headless", "25"));
    static final Archive ONLY_OPENJDK_11 = new Archive("bullseye",
            Map.of("default-jre-headless", "2:1.11-72", "openjdk-11-jre-headless", "11.0.24+8-1~deb11u1",
                    "systemd", "247.3-7+deb11u6"),
            Map.of("java-runtime-headless", "11", "java11-runtime-headless", ""));

    private static final Pattern RELATION = Pattern.compile("([a-z0-9][a-z0-9+.-]*)(?:\\s*\\((<<|<=|=|>=|>>)\\s*([^)\\s]+)\\))?");

    private record Relation(String name, String op, String version) {
    }

    private final List<List<Relation>> groups = new ArrayList<>();

    DependsCheck(String field) {
        for (String group : field.split(",")) {
            List<Relation> alternatives = new ArrayList<>();
            for (String alt : group.split("\\|")) {
                Matcher m = RELATION.matcher(alt.trim());
                if (!m.matches()) {
                    throw new IllegalArgumentException("cannot parse relation '" + alt.trim() + "' in " + field);
                }
                alternatives.add(new Relation(m.group(1), m.group(2), m.group(3)));
            }
            groups.add(alternatives);
        }
    }

    boolean satisfiedBy(Archive system) {
        return groups.stream().allMatch(g -> g.stream().anyMatch(r -> meets(system, r)));
    }

    private static boolean meets(Archive system, Relation r) {
        String real = system.packages().get(r.name());
        if (real != null && (r.op() == null || compare(real, r.op(), r.version()))) {
            return true;
        }
        String provided = system.provides().get(r.name());
        if (provided == null) {
            return false;
        }
        return r.op() == null || (!provided.isEmpty() && compare(provided, r.op(), r.version()));
    }

    private static boolean compare(String a, String op, String b) {
        try {
            return Cmd.run(List.of("dpkg", "--compare-versions", a, op, b)).exit() == 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
