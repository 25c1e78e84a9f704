package io.framereel.systemd;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Runs an external command to completion, with its output captured in files (no pipe can fill and block). */
final class Cmd {
    private static final long TIMEOUT_SECONDS = 60;

    record Result(List<String> command, int exit, String out, String err) {
        /** Everything a failed assertion should show. */
        String describe() {
            return String.join(" ", command) + " exited " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private Cmd() {
    }

    static Result run(List<String> command) throws IOException {
        return run(command, Map.of(), null);
    }

    /**
     * Runs {@code command} in {@code dir} (null: the current directory) with {@code env} added to this process's
     * environment; an entry whose value is null removes that variable.
     */
    static Result run(List<String> command, Map<String, String> env, Path dir) throws IOException {
        Path out = Files.createTempFile("cmd", ".out");
        Path err = Files.createTempFile("cmd", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            if (dir != null) {
                builder.directory(dir.toFile());
            }
            env.forEach((k, v) -> {
                if (v == null) {
                    builder.environment().remove(k);
                } else {
                    builder.environment().put(k, v);
                }
            });
            Process process = builder.start();
            try {
                if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IOException(String.join(" ", command) + " did not finish within " + TIMEOUT_SECONDS
                            + " s");
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while running " + String.join(" ", command), e);
            }
            return new Result(List.copyOf(command), process.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** The executable {@code name} on PATH, if there is one. */
    static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
