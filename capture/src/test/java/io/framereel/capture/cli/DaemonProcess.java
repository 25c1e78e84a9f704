package io.framereel.capture.cli;

import io.framereel.capture.daemon.ControlClient;
import io.framereel.capture.json.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * {@code framereel daemon} as a separate JVM, the way systemd runs it, so tests can signal it and kill it.
 * Its stderr goes to a log file in the test directory.
 */
final class DaemonProcess implements AutoCloseable {
    final Process process;
    final Path socket;
    final Path log;

    private DaemonProcess(Process process, Path socket, Path log) {
        this.process = process;
        this.socket = socket;
        this.log = log;
    }

    /** Writes {@code settings} to a config file in {@code dir} and starts the daemon on it. */
    static DaemonProcess start(Path dir, List<String> settings, String name) throws IOException {
        Path config = dir.resolve(name + ".conf");
        Path socket = dir.resolve(name + ".sock");
        List<String> lines = new ArrayList<>(settings);
        lines.add("control.socket = " + socket);
        Files.write(config, lines);
        Path log = dir.resolve(name + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "daemon", "--config", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        return new DaemonProcess(p, socket, log);
    }

    /** The daemon's status, or null while its socket is not up yet. */
    Map<String, String> status() {
        try {
            return Json.parseFlatObject(ControlClient.send(socket, "status"));
        } catch (IOException notYet) {
            return null;
        }
    }

    Map<String, String> command(String command) throws IOException {
        return Json.parseFlatObject(ControlClient.send(socket, command));
    }

    /** Polls the status until {@code condition} holds; fails with the log after 20 s or if the process dies. */
    Map<String, String> await(String what, Predicate<Map<String, String>> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            if (!process.isAlive()) {
                throw new AssertionError("daemon exited (" + process.exitValue() + ") waiting for " + what + ":\n" + log());
            }
            Map<String, String> s = status();
            if (s != null && condition.test(s)) {
                return s;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; status " + s + "\n" + log());
            }
            Thread.sleep(10);
        }
    }

    void signal(String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new AssertionError("kill -" + name + " failed");
        }
    }

    String log() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "(no log)";
    }

    static long number(Map<String, String> status, String key) {
        return Long.parseLong(status.get(key));
    }

    @Override
    public void close() throws Exception {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
