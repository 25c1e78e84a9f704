package io.framereel.capture.cli;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * An output file written under a temporary name in the target's directory and renamed over the target only
 * when complete, so a failure or a kill never leaves half a file and never destroys the previous one.
 *
 * <pre>{@code
 * try (AtomicOutput out = AtomicOutput.create(target)) {
 *     write(out.temp());
 *     out.commit();          // rename(2): the old target, if any, is replaced in one step
 * }                          // without commit, close deletes the temporary file
 * }</pre>
 *
 * The temporary file is created with the process's default permissions (not the 0600 of
 * {@code Files.createTempFile}), so the result looks like any file the user creates. Not thread-safe.
 */
final class AtomicOutput implements AutoCloseable {
    private final Path target;
    private final Path temp;
    private boolean committed;

    private AtomicOutput(Path target, Path temp) {
        this.target = target;
        this.temp = temp;
    }

    /**
     * Creates an empty temporary file next to {@code target}.
     *
     * @throws CliException if the target is a directory or its directory does not exist
     */
    static AtomicOutput create(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        checkWritable(target);
        Path dir = absolute.getParent();
        String base = "." + absolute.getFileName() + "." + ProcessHandle.current().pid() + ".";
        for (int attempt = 0; ; attempt++) {
            Path candidate = dir.resolve(base + attempt + ".part");
            try {
                Files.createFile(candidate);
                return new AtomicOutput(target, candidate);
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 100) {
                    throw e;
                }
            }
        }
    }

    /** Checks, before any work is done, that {@code target} could be created or replaced. */
    static void checkWritable(Path target) {
        Path absolute = target.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            throw new CliException(target + ": is a directory");
        }
        Path dir = absolute.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new CliException(target + ": directory " + dir + " does not exist");
        }
    }

    /** Where to write. */
    Path temp() {
        return temp;
    }

    Path target() {
        return target;
    }

    /** Renames the finished temporary file over the target and makes the rename durable. */
    void commit() throws IOException {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        committed = true;
        syncDirectory(target.toAbsolutePath().getParent());
    }

    /** Deletes the temporary file unless it was committed. Safe to call more than once. */
    @Override
    public void close() throws IOException {
        if (!committed) {
            Files.deleteIfExists(temp);
            committed = true;
        }
    }

    private static void syncDirectory(Path dir) throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // Some file systems refuse to fsync a directory (EINVAL); the file's own data is already synced.
            if (!String.valueOf(e.getMessage()).contains("Invalid argument")) {
                throw e;
            }
        }
    }
}
