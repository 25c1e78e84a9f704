package io.framereel.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /usr/bin/framereel: which java it runs, with which options, and that it execs (the JVM is systemd's main PID). */
class LauncherTest {
    private static final List<String> ALWAYS = List.of("-XX:+ExitOnOutOfMemoryError", "-Djava.awt.headless=true",
            "-Djna.nosys=true");
    private static final List<String> JAR = List.of("-jar", "/usr/share/framereel/framereel.jar");

    @TempDir
    static Path root;
    @TempDir
    static Path work;
    private static Path launcher;
    private static Path pathJava;

    @BeforeAll
    static void unpackAndStubJava() throws IOException {
        Packaged.unpack(root);
        launcher = root.resolve("usr/bin/framereel");
        pathJava = stubJava(work.resolve("path-bin"), "path");
    }

    @Test
    void runsJavaFromPathWithTheFixedOptionsAndPassesArgumentsUnchanged() throws IOException {
        Invocation i = launch(Map.of(), "daemon", "--config", "/etc/framereel/a file.conf", "");
        assertEquals("path", i.java);
        assertEquals(concat(ALWAYS, JAR, List.of("daemon", "--config", "/etc/framereel/a file.conf", "")), i.args);
    }

    @Test
    void execsSoTheJvmReplacesTheScript() throws IOException {
        Invocation i = launch(Map.of(), "--help");
        // The stub's parent is this JVM, not a shell that waits for it.
        assertEquals(ProcessHandle.current().pid(), i.parentPid);
    }

    @Test
    void usesJavaHomeWhenSet() throws IOException {
        Path home = work.resolve("jdk");
        stubJava(home.resolve("bin"), "java-home");
        Invocation i = launch(Map.of("JAVA_HOME", home.toString()), "info", "x.bin");
        assertEquals("java-home", i.java);
    }

    @Test
    void refusesAJavaHomeWithoutJava() throws IOException {
        Path empty = Files.createDirectories(work.resolve("no-jdk"));
        Cmd.Result r = Cmd.run(List.of(launcher.toString(), "--help"), env(Map.of("JAVA_HOME", empty.toString())),
                work);
        assertEquals(127, r.exit(), r::describe);
        assertTrue(r.err().startsWith("framereel: JAVA_HOME is " + empty), r::describe);
    }

    @Test
    void addsJavaOptionsUnsplitAndUnglobbedAfterTheFixedOnes() throws IOException {
        // A file in the working directory that a glob in the options would otherwise expand to.
        Files.writeString(work.resolve("-Dpattern=matches"), "");
        Invocation i = launch(Map.of("FRAMEREEL_JAVA_OPTS", "-Xmx48m  -XX:+UseSerialGC -Dpattern=*"), "devices");
        assertEquals(concat(ALWAYS, List.of("-Xmx48m", "-XX:+UseSerialGC", "-Dpattern=*"), JAR, List.of("devices")),
                i.args);
    }

    @Test
    void pointsJnaAtTheServicesCacheDirectory() throws IOException {
        // systemd sets CACHE_DIRECTORY for CacheDirectory= (colon-separated when there are several).
        Invocation i = launch(Map.of("CACHE_DIRECTORY", "/var/cache/framereel:/var/cache/other"), "daemon");
        assertEquals(concat(ALWAYS, List.of("-Djna.tmpdir=/var/cache/framereel"), JAR, List.of("daemon")), i.args);
    }

    private record Invocation(String java, long parentPid, List<String> args) {
    }

    private static Invocation launch(Map<String, String> extra, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        Cmd.Result r = Cmd.run(command, env(extra), work);
        assertEquals(0, r.exit(), r::describe);
        List<String> lines = r.out().lines().toList();
        List<String> argv = lines.stream().filter(l -> l.startsWith("arg:")).map(l -> l.substring(4)).toList();
        return new Invocation(lines.get(0).substring("java:".length()),
                Long.parseLong(lines.get(1).substring("ppid:".length())), argv);
    }

    private static Map<String, String> env(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", pathJava.getParent() + ":/usr/bin:/bin");
        for (String unset : List.of("JAVA_HOME", "FRAMEREEL_JAVA_OPTS", "CACHE_DIRECTORY")) {
            env.put(unset, null);
        }
        env.putAll(extra);
        return env;
    }

    /** A "java" that prints which one it is, its parent PID and its arguments, one per line. */
    private static Path stubJava(Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        Path java = dir.resolve("java");
        Files.writeString(java, "#!/bin/sh\necho 'java:" + name + "'\necho \"ppid:$PPID\"\n"
                + "for a in \"$@\"; do printf 'arg:%s\\n' \"$a\"; done\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return java;
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        List<String> all = new ArrayList<>();
        for (List<String> p : parts) {
            all.addAll(p);
        }
        return all;
    }
}
