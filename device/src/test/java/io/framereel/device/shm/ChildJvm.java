package io.framereel.device.shm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A second JVM running a main class of the test tree, talking one line at a time on stdout. The classpath is
 * this JVM's (under surefire a manifest-only jar whose Class-Path the child honours as well).
 */
final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final BufferedReader out;
    private final Path stderr;

    private ChildJvm(Process process, Path stderr) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
        this.stderr = stderr;
    }

    static ChildJvm start(Path dir, Class<?> main, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Xshare:auto", "-XX:+UseSerialGC", "-XX:-UsePerfData",
                "-Xmx64m", main.getName()));
        command.addAll(List.of(args));
        Path stderr = Files.createTempFile(dir, main.getSimpleName(), ".stderr");
        return new ChildJvm(new ProcessBuilder(command).redirectError(stderr.toFile()).start(), stderr);
    }

    /** The child's next line; fails with its stderr if it ended without one. */
    String readLine() throws IOException {
        String line = out.readLine();
        if (line == null) {
            throw new IOException("child ended without output; stderr:\n" + Files.readString(stderr));
        }
        return line;
    }

    /** Parses a "key=value key=value" report line. */
    static Map<String, String> fields(String line) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : line.trim().split(" +")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return fields;
    }

    Process process() {
        return process;
    }

    String stderr() throws IOException {
        return Files.readString(stderr);
    }

    @Override
    public void close() throws IOException {
        process.destroyForcibly();
        out.close();
    }
}
