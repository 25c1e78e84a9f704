package io.framereel.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the build put things: the .deb, its sources in this module, the shaded jar. The paths come from the
 * module's pom (surefire system properties); the tests run in the integration-test phase, after jdeb.
 */
final class Packaged {
    /** The installed names of the files this module packages, next to their sources in the module directory. */
    static final List<String[]> SOURCES = List.of(
            new String[] {"usr/bin/framereel", "framereel"},
            new String[] {"usr/lib/systemd/system/framereel.service", "framereel.service"},
            new String[] {"usr/lib/systemd/system/framereel-replay.service", "framereel-replay.service"},
            new String[] {"usr/lib/sysusers.d/framereel.conf", "framereel.sysusers"},
            new String[] {"usr/lib/tmpfiles.d/framereel.conf", "framereel.tmpfiles"},
            new String[] {"usr/lib/udev/rules.d/60-framereel.rules", "60-framereel.rules"},
            new String[] {"usr/share/doc/framereel/copyright", "src/deb/doc/copyright"});

    static final List<String> UNITS = List.of("framereel.service", "framereel-replay.service");

    private Packaged() {
    }

    static Path moduleDir() {
        return Path.of(System.getProperty("user.dir"));
    }

    static Path deb() {
        Path deb = Path.of(property("framereel.deb"));
        assertTrue(Files.isRegularFile(deb), deb + " is missing: the jdeb execution of systemd/pom.xml builds it in"
                + " the package phase (run ./mvnw verify, not surefire alone)");
        return deb;
    }

    static Path jar() {
        return Path.of(property("framereel.jar"));
    }

    static Path conf() {
        return Path.of(property("framereel.conf"));
    }

    /** The Debian form of the project version (0.1.0-SNAPSHOT becomes 0.1.0~SNAPSHOT). */
    static String debianVersion() {
        return property("framereel.deb.version");
    }

    static String depends() {
        return property("framereel.deb.depends");
    }

    /** The whole package, data and control (DEBIAN/), unpacked into {@code dir} by dpkg-deb -R. */
    static Path unpack(Path dir) throws IOException {
        Cmd.Result r = Cmd.run(List.of("dpkg-deb", "-R", deb().toString(), dir.toString()));
        assertEquals(0, r.exit(), r::describe);
        return dir;
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        assertTrue(value != null && !value.isEmpty() && !value.contains("${"),
                "system property " + name + " is not set (was " + value + "): run the tests through systemd/pom.xml");
        return value;
    }
}
