package io.framereel.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged launcher, jar and configuration started the way framereel.service starts them (the unit's
 * FRAMEREEL_JAVA_OPTS, CACHE_DIRECTORY, NOTIFY_SOCKET, WATCHDOG_USEC/PID), on the synthetic camera: it reports
 * READY=1 and WATCHDOG=1, and SIGTERM ends it with 143 and a committed recording.
 */
class PackagedDaemonTest {
    private static final long TIMEOUT_MS = 30_000;

    @TempDir
    static Path root;
    @TempDir
    static Path work;

    @BeforeAll
    static void unpack() throws IOException {
        Packaged.unpack(root);
    }

    @Test
    void packagedConfigurationIsValid() throws IOException {
        Cmd.Result r = Cmd.run(List.of(java(), "-jar", root.resolve("usr/share/framereel/framereel.jar").toString(),
                "daemon", "--config", root.resolve("etc/framereel/framereel.conf").toString(), "--check"));
        assertEquals(0, r.exit(), r::describe);
    }

    @Test
    void startsReportsReadyAndWatchdogAndStopsWith143() throws IOException, InterruptedException {
        Assumptions.assumeTrue(Cmd.onPath("python3").isPresent(),
                "python3 is not installed: it receives the sd_notify datagrams here (Java cannot)");
        Path notifySocket = work.resolve("notify.sock");
        Path notifyLog = work.resolve("notify.log");
        Path recordings = Files.createDirectories(work.resolve("recordings"));
        Path cache = work.resolve("cache");
        Path conf = configure(work.resolve("framereel.conf"), recordings);
        String javaOpts = UnitFile.read(Packaged.moduleDir().resolve("framereel.service"))
                .environment("FRAMEREEL_JAVA_OPTS").orElseThrow();

        Process receiver = new ProcessBuilder("python3", "-c", NOTIFY_RECEIVER, notifySocket.toString())
                .redirectOutput(notifyLog.toFile()).redirectErrorStream(true).start();
        Process daemon = null;
        try {
            waitFor(() -> Files.exists(notifySocket), "the notify socket " + notifySocket);
            // sh sets WATCHDOG_PID to its own PID and execs the launcher, which execs java: one PID throughout,
            // as under systemd, whose main PID the watchdog variables name.
            ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", "WATCHDOG_PID=$$; export WATCHDOG_PID; exec \"$@\"",
                    "sh", root.resolve("usr/bin/framereel").toString(), "daemon", "--config", conf.toString())
                    .redirectErrorStream(true).redirectOutput(work.resolve("daemon.log").toFile());
            Map<String, String> env = pb.environment();
            env.put("PATH", stubJava().getParent() + File.pathSeparator + env.get("PATH"));
            env.put("FRAMEREEL_JAR", root.resolve("usr/share/framereel/framereel.jar").toString());
            env.put("REAL_JAVA", java());
            env.put("FRAMEREEL_JAVA_OPTS", javaOpts);
            env.put("CACHE_DIRECTORY", cache.toString());
            env.put("NOTIFY_SOCKET", notifySocket.toString());
            env.put("WATCHDOG_USEC", "2000000");
            env.remove("JAVA_HOME");
            daemon = pb.start();
            Process d = daemon;
            waitFor(() -> notifications(notifyLog).anyMatch("READY=1"::equals) || !d.isAlive(), "READY=1");
            waitFor(() -> notifications(notifyLog).anyMatch("WATCHDOG=1"::equals) || !d.isAlive(), "WATCHDOG=1");
            assertTrue(daemon.isAlive(), () -> "the daemon ended: " + log(work.resolve("daemon.log")));
            System.out.println("daemon resident memory: " + Files.readAllLines(Path.of("/proc/" + daemon.pid()
                    + "/status")).stream().filter(l -> l.startsWith("VmHWM") || l.startsWith("VmRSS")).toList());

            daemon.destroy();
            assertTrue(daemon.waitFor(20, TimeUnit.SECONDS), "no exit within TimeoutStopSec");
            assertEquals(143, daemon.exitValue(), () -> log(work.resolve("daemon.log")));
            waitFor(() -> notifications(notifyLog).anyMatch("STOPPING=1"::equals), "STOPPING=1");
            // JNA unpacked its stub in the cache directory (and deleted it once loaded).
            assertTrue(Files.isDirectory(cache), "JNA did not use CACHE_DIRECTORY " + cache);
            try (Stream<Path> files = Files.list(recordings)) {
                List<String> names = files.map(p -> p.getFileName().toString()).toList();
                assertTrue(names.size() == 1 && names.get(0).matches("rec-\\d{8}-\\d{6}\\.bin"),
                        () -> "expected one committed recording, found " + names);
            }
        } finally {
            if (daemon != null) {
                daemon.destroyForcibly();
            }
            receiver.destroyForcibly();
        }
    }

    private static final String NOTIFY_RECEIVER = String.join("\n",
            "import socket, sys",
            "s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)",
            "s.bind(sys.argv[1])",
            "while True:",
            "    for line in s.recv(4096).decode().split('\\n'):",
            "        print(line, flush=True)");

    /** The packaged configuration with the daemon's writable places moved here, recording from the start. */
    private static Path configure(Path target, Path recordings) throws IOException {
        String text = Files.readString(root.resolve("etc/framereel/framereel.conf"), StandardCharsets.UTF_8);
        String changed = text
                .replaceFirst("(?m)^store\\.directory = .*$", "store.directory = " + recordings)
                .replaceFirst("(?m)^control\\.socket = .*$", "control.socket = " + work.resolve("control.sock"))
                .replaceFirst("(?m)^trigger\\.record-at-start = .*$", "trigger.record-at-start = true");
        assertTrue(changed.contains("store.directory = " + recordings) && changed.contains("control.sock")
                && changed.contains("trigger.record-at-start = true"), "framereel.conf lost a key this test sets");
        return Files.writeString(target, changed);
    }

    /** A "java" first on PATH that runs the real one with the unpacked jar in place of the installed path. */
    private static Path stubJava() throws IOException {
        Path java = Files.createDirectories(work.resolve("bin")).resolve("java");
        Files.writeString(java, String.join("\n",
                "#!/bin/sh",
                "for a in \"$@\"; do",
                "    shift",
                "    [ \"$a\" = /usr/share/framereel/framereel.jar ] && a=$FRAMEREEL_JAR",
                "    set -- \"$@\" \"$a\"",
                "done",
                "exec \"$REAL_JAVA\" \"$@\"",
                ""));
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return java;
    }

    private static Stream<String> notifications(Path log) {
        try {
            return Files.exists(log) ? Files.readAllLines(log).stream() : Stream.empty();
        } catch (IOException e) {
            return Stream.empty();
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, String what)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("no " + what + " within " + TIMEOUT_MS + " ms; daemon log:\n"
                        + log(work.resolve("daemon.log")));
            }
            Thread.sleep(50);
        }
    }

    private static String log(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "(none)";
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
