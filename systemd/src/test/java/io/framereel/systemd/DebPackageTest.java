package io.framereel.systemd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The .deb as dpkg sees it: every path with its mode and owner, control fields, conffiles, and the payloads. */
class DebPackageTest {
    /** Every regular file of the package, with the mode and owner dpkg-deb -c prints. */
    private static final Map<String, String> FILES = Map.ofEntries(
            Map.entry("./usr/bin/framereel", "-rwxr-xr-x root/root"),
            Map.entry("./usr/share/framereel/framereel.jar", "-rw-r--r-- root/root"),
            Map.entry("./usr/lib/systemd/system/framereel.service", "-rw-r--r-- root/root"),
            Map.entry("./usr/lib/systemd/system/framereel-replay.service", "-rw-r--r-- root/root"),
            Map.entry("./usr/lib/sysusers.d/framereel.conf", "-rw-r--r-- root/root"),
            Map.entry("./usr/lib/tmpfiles.d/framereel.conf", "-rw-r--r-- root/root"),
            Map.entry("./usr/lib/udev/rules.d/60-framereel.rules", "-rw-r--r-- root/root"),
            Map.entry("./etc/framereel/framereel.conf", "-rw-r--r-- root/root"),
            Map.entry("./usr/share/doc/framereel/copyright", "-rw-r--r-- root/root"),
            Map.entry("./usr/share/doc/framereel/changelog.gz", "-rw-r--r-- root/root"),
            Map.entry("./usr/share/man/man1/framereel.1.gz", "-rw-r--r-- root/root"));

    @TempDir
    static Path root;

    @BeforeAll
    static void unpack() throws IOException {
        Packaged.unpack(root);
    }

    @Test
    void containsExactlyTheInstalledFilesWithTheirModesAndOwners() throws IOException {
        Cmd.Result r = Cmd.run(List.of("dpkg-deb", "-c", Packaged.deb().toString()));
        assertEquals(0, r.exit(), r::describe);
        Map<String, String> files = new TreeMap<>();
        TreeSet<String> dirs = new TreeSet<>();
        for (String line : r.out().split("\n")) {
            // -rw-r--r-- root/root      5789 2026-11-30 16:57 ./usr/lib/systemd/system/framereel.service
            String[] f = line.trim().split("\\s+", 6);
            assertEquals(6, f.length, () -> "unexpected dpkg-deb -c line: " + line);
            if (f[0].startsWith("d")) {
                assertEquals("drwxr-xr-x root/root", f[0] + " " + f[1], () -> "directory " + f[5]);
                dirs.add(f[5]);
            } else {
                files.put(f[5], f[0] + " " + f[1]);
            }
        }
        assertEquals(new TreeMap<>(FILES), files);
        // Every directory is there for a file, and no file lacks its directory entry.
        TreeSet<String> needed = new TreeSet<>();
        for (String file : FILES.keySet()) {
            for (Path p = Path.of(file).getParent(); p != null && !p.toString().equals("."); p = p.getParent()) {
                needed.add(p + "/");
            }
        }
        assertEquals(needed, dirs);
    }

    @Test
    void everyFileCarriesTheProjectsOutputTimestampSoTwoBuildsAreByteForByteTheSame() throws IOException {
        java.time.Instant stamp = java.time.Instant.parse(System.getProperty("framereel.output.timestamp"));
        // dpkg-deb lists local times to the minute: ask for UTC rather than trust the JVM and tar to agree on a zone
        Cmd.Result r = Cmd.run(List.of("dpkg-deb", "-c", Packaged.deb().toString()), Map.of("TZ", "UTC0"), null);
        assertEquals(0, r.exit(), r::describe);
        java.time.format.DateTimeFormatter listed = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
        for (String line : r.out().split("\n")) {
            String[] f = line.trim().split("\\s+", 6);
            java.time.Instant at = java.time.LocalDateTime.parse(f[3] + " " + f[4], listed)
                    .toInstant(java.time.ZoneOffset.UTC);
            assertEquals(stamp.truncatedTo(java.time.temporal.ChronoUnit.MINUTES), at,
                    () -> f[5] + " is stamped " + f[3] + " " + f[4] + " UTC");
        }
        // zip entries hold a wall-clock time without a zone, written as the stamp's UTC wall clock
        java.time.LocalDateTime wallClock = java.time.LocalDateTime.ofInstant(stamp, java.time.ZoneOffset.UTC);
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(System.getProperty("framereel.jar"))) {
            // framereel's own entries; the bundled libraries' keep the times their own jars give them
            java.util.List<String> off = jar.stream().filter(e -> e.getName().startsWith("io/framereel/"))
                    .filter(e -> !wallClock.equals(e.getTimeLocal()))
                    .map(e -> e.getName() + " " + e.getTimeLocal()).limit(5).toList();
            assertEquals(List.of(), off, "jar entries stamped with another time");
        }
    }

    @Test
    void controlFieldsNameAnArchitectureIndependentPackageOfTheProjectVersion() throws IOException {
        Map<String, String> fields = controlFields();
        assertEquals("framereel", fields.get("Package"));
        assertEquals(Packaged.debianVersion(), fields.get("Version"));
        assertTrue(fields.get("Version").matches("[0-9][A-Za-z0-9.+~]*"),
                () -> "not a native Debian version: " + fields.get("Version"));
        assertEquals("all", fields.get("Architecture"));
        assertEquals(Packaged.depends(), fields.get("Depends"));
        assertTrue(fields.get("Maintainer").matches(".+ <[^ ]+@[^ ]+>"), fields.get("Maintainer"));
        assertTrue(fields.get("Installed-Size").matches("[1-9][0-9]*"), fields.get("Installed-Size"));
        assertTrue(fields.get("Description").startsWith("camera capture appliance"), fields.get("Description"));
    }

    @Test
    void snapshotVersionsSortBeforeTheRelease() throws IOException {
        String version = Packaged.debianVersion();
        String release = version.replace("~SNAPSHOT", "");
        if (!version.equals(release)) {
            Cmd.Result r = Cmd.run(List.of("dpkg", "--compare-versions", version, "lt", release));
            assertEquals(0, r.exit(), () -> version + " does not sort before " + release);
        }
    }

    @Test
    void javaDependencyIsMetOnBookwormTrixieAndByAnyJava17OrLaterRuntime() throws IOException {
        DependsCheck depends = new DependsCheck(controlFields().get("Depends"));
        // What each system offers, by package (version) and what it Provides (Debian archive data).
        assertTrue(depends.satisfiedBy(DependsCheck.BOOKWORM), "Raspberry Pi OS / Debian 12 (OpenJDK 17)");
        assertTrue(depends.satisfiedBy(DependsCheck.TRIXIE), "Raspberry Pi OS / Debian 13 (OpenJDK 21)");
        assertTrue(depends.satisfiedBy(DependsCheck.ONLY_OPENJDK_25), "openjdk-25-jre-headless alone");
        assertTrue(!depends.satisfiedBy(DependsCheck.ONLY_OPENJDK_11), "Java 11 must not satisfy it");
    }

    @Test
    void onlyTheDaemonConfigurationIsAConffile() throws IOException {
        assertEquals("/etc/framereel/framereel.conf\n", Files.readString(root.resolve("DEBIAN/conffiles")));
        assertArrayEquals(Files.readAllBytes(Packaged.conf()), Files.readAllBytes(root.resolve(
                "etc/framereel/framereel.conf")), "the packaged conffile differs from " + Packaged.conf());
    }

    @Test
    void maintainerScriptsAreExecutableShellScripts() throws IOException {
        for (String script : List.of("postinst", "prerm", "postrm")) {
            Path p = root.resolve("DEBIAN").resolve(script);
            assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)), script);
            assertTrue(Files.readString(p).startsWith("#!/bin/sh\n"), script + " does not start with #!/bin/sh");
        }
    }

    @Test
    void installedFilesAreTheModulesSourcesAndTheShadedJar() throws IOException {
        for (String[] pair : Packaged.SOURCES) {
            assertArrayEquals(Files.readAllBytes(Packaged.moduleDir().resolve(pair[1])),
                    Files.readAllBytes(root.resolve(pair[0])), pair[0] + " differs from systemd/" + pair[1]);
        }
        assertArrayEquals(Files.readAllBytes(Packaged.jar()),
                Files.readAllBytes(root.resolve("usr/share/framereel/framereel.jar")),
                "the packaged jar is not " + Packaged.jar());
    }

    @Test
    void md5sumsCoverEveryFileAndMatch() throws IOException, NoSuchAlgorithmException {
        Map<String, String> listed = new TreeMap<>();
        for (String line : Files.readAllLines(root.resolve("DEBIAN/md5sums"))) {
            listed.put("./" + line.substring(34), line.substring(0, 32));
        }
        assertEquals(new TreeSet<>(FILES.keySet()), listed.keySet());
        for (Map.Entry<String, String> e : listed.entrySet()) {
            byte[] digest = MessageDigest.getInstance("MD5").digest(Files.readAllBytes(root.resolve(e.getKey())));
            assertEquals(e.getValue(), HexFormat.of().formatHex(digest), e.getKey());
        }
    }

    @Test
    void packagedJarRunsTheCommandLine() throws IOException {
        Cmd.Result r = Cmd.run(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.awt.headless=true", "-jar", root.resolve("usr/share/framereel/framereel.jar").toString(),
                "--help"));
        assertEquals(0, r.exit(), r::describe);
        assertTrue(r.out().startsWith("Usage: framereel"), r::describe);
    }

    @Test
    void changelogAndManualCarryTheVersionAndNoTimestamp() throws IOException {
        String changelog = gunzip(root.resolve("usr/share/doc/framereel/changelog.gz"));
        assertTrue(changelog.startsWith("framereel (" + Packaged.debianVersion() + ") "), changelog);
        String manual = gunzip(root.resolve("usr/share/man/man1/framereel.1.gz"));
        assertTrue(manual.contains("\n.TH FRAMEREEL 1 \"\" \"framereel " + Packaged.debianVersion() + "\""), manual);
        for (String gz : List.of("usr/share/doc/framereel/changelog.gz", "usr/share/man/man1/framereel.1.gz")) {
            byte[] header = Files.readAllBytes(root.resolve(gz));
            // gzip -n: MTIME (bytes 4..7) zero and no file name (FLG bit 3), so the bytes depend on the text only.
            assertArrayEquals(new byte[4], java.util.Arrays.copyOfRange(header, 4, 8), gz + " has a time stamp");
            assertEquals(0, header[3] & 0x08, gz + " stores a file name");
        }
    }

    @Test
    void copyrightNamesEveryLibraryBundledInTheJar() throws IOException {
        String copyright = Files.readString(root.resolve("usr/share/doc/framereel/copyright"));
        List<String> missing = new ArrayList<>();
        for (String pkg : bundledPackageRoots(root.resolve("usr/share/framereel/framereel.jar"))) {
            if (!copyright.contains("Files: usr/share/framereel/framereel.jar:" + pkg + "/*")) {
                missing.add(pkg);
            }
        }
        assertEquals(List.of(), missing, "libraries in the shaded jar without a Files: paragraph in"
                + " systemd/src/deb/doc/copyright (add their copyright and license)");
    }

    /** The top-level packages of the jar's classes other than framereel's own: picocli, com/sun/jna, ... */
    private static TreeSet<String> bundledPackageRoots(Path jar) throws IOException {
        TreeSet<String> roots = new TreeSet<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            file.stream().map(e -> e.getName()).filter(n -> n.endsWith(".class") && !n.startsWith("META-INF/"))
                    .forEach(n -> {
                        String[] parts = n.split("/");
                        boolean domain = List.of("com", "org", "io", "net").contains(parts[0]) && parts.length > 2;
                        String pkg = domain ? parts[0] + "/" + parts[1] : parts[0];
                        if (pkg.equals("com/sun") && parts.length > 3) {
                            pkg = "com/sun/" + parts[2];
                        }
                        if (!pkg.equals("io/framereel") && parts.length > 1) {
                            roots.add(pkg);
                        }
                    });
        }
        return roots;
    }

    private static Map<String, String> controlFields() throws IOException {
        Map<String, String> fields = new LinkedHashMap<>();
        String last = null;
        for (String line : Files.readAllLines(root.resolve("DEBIAN/control"), StandardCharsets.UTF_8)) {
            if (line.startsWith(" ") && last != null) {
                fields.merge(last, "\n" + line.substring(1), String::concat);
            } else if (line.contains(":")) {
                last = line.substring(0, line.indexOf(':'));
                fields.put(last, line.substring(line.indexOf(':') + 1).trim());
            }
        }
        return fields;
    }

    private static String gunzip(Path gz) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
