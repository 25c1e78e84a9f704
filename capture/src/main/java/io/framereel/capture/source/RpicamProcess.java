package io.framereel.capture.source;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One running rpicam-vid: started from a command line whose program is looked up first (so a missing install
 * gets a message saying so, not "error=2"), its stderr drained and kept by {@link RpicamStderr}, and stopped
 * with SIGTERM, then SIGKILL, then reaped, so no zombie or orphaned camera process is left behind.
 *
 * <p>Not thread-safe: the source that owns it starts and stops it; {@link #describe}, {@link #exitStatus} and
 * {@link #stderrTail} may be called from its capture thread meanwhile.
 */
final class RpicamProcess {
    /** Lines of stderr quoted in errors: rpicam-vid's error and the libcamera lines just before it. */
    static final int STDERR_LINES = 6;
    private static final long STDERR_JOIN_MS = 1000;

    private final Process process;
    private final String program;
    private final RpicamStderr stderr;
    private final Thread stderrThread;

    private RpicamProcess(Process process, String program) {
        this.process = process;
        this.program = program;
        this.stderr = new RpicamStderr(process.getErrorStream());
        this.stderrThread = new Thread(stderr, "framereel-rpicam-stderr");
        stderrThread.setDaemon(true);
        stderrThread.start();
    }

    /**
     * Starts {@code command}, its first element the program as configured (a name to find on PATH, or a path).
     *
     * @throws RpicamException when the program is not found or not executable, or the system cannot start it
     */
    static RpicamProcess start(List<String> command) throws RpicamException {
        String configured = command.get(0);
        Path program = resolve(configured);
        List<String> resolved = new ArrayList<>(command);
        resolved.set(0, program.toString());
        ProcessBuilder builder = new ProcessBuilder(resolved)
                // rpicam-vid reads stdin only with --keypress, which is refused; /dev/null keeps a terminal out of it
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        // systemd's notify and watchdog settings are the daemon's: a child that used them would speak for it
        builder.environment().keySet().removeAll(List.of("NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID"));
        try {
            return new RpicamProcess(builder.start(), program.toString());
        } catch (IOException e) {
            RpicamException error = new RpicamException("cannot start " + program + ": " + e.getMessage(), -1,
                    RpicamException.NO_EXIT_STATUS, 0, 0, "(not started)");
            error.initCause(e);
            throw error;
        }
    }

    /** The program for a configured name: a path as given, a bare name as the first executable match on PATH. */
    static Path resolve(String configured) throws RpicamException {
        if (configured.indexOf('/') >= 0) {
            Path path = Path.of(configured);
            if (!Files.isRegularFile(path)) {
                throw notFound(path + " does not exist; point " + RpicamOptions.EXECUTABLE_ENV + " at rpicam-vid or "
                        + "install rpicam-apps (sudo apt install rpicam-apps)");
            }
            if (!Files.isExecutable(path)) {
                throw notFound(path + " is not executable (chmod +x it, or point " + RpicamOptions.EXECUTABLE_ENV
                        + " at rpicam-vid)");
            }
            return path;
        }
        String searchPath = System.getenv("PATH");
        if (searchPath != null) {
            for (String dir : searchPath.split(File.pathSeparator, -1)) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir).resolve(configured);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        throw notFound(configured + " not found on PATH; install rpicam-apps (sudo apt install rpicam-apps) or set "
                + RpicamOptions.EXECUTABLE_ENV + " to its path (PATH=" + searchPath + ")");
    }

    private static RpicamException notFound(String message) {
        return new RpicamException(message, -1, RpicamException.NO_EXIT_STATUS, 0, 0, "(not started)");
    }

    InputStream stdout() {
        return process.getInputStream();
    }

    long pid() {
        return process.pid();
    }

    /** The handle the tests and the stop logic see the child by. */
    ProcessHandle handle() {
        return process.toHandle();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** For example "rpicam-vid (pid 4242)". */
    String describe() {
        return Path.of(program).getFileName() + " (pid " + process.pid() + ")";
    }

    /**
     * Waits up to {@code timeoutMs} for the process to exit and returns its status, or
     * {@link RpicamException#NO_EXIT_STATUS} if it still runs.
     */
    int awaitExit(long timeoutMs) {
        try {
            if (process.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
                return process.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // keep the interrupt for the caller; the status is just unknown
        }
        return RpicamException.NO_EXIT_STATUS;
    }

    /** The exit status if it has exited, else {@link RpicamException#NO_EXIT_STATUS}. */
    int exitStatus() {
        return process.isAlive() ? RpicamException.NO_EXIT_STATUS : process.exitValue();
    }

    /** The last lines of stderr; once the process has exited, all of them (the drain is let reach EOF first). */
    String stderrTail() {
        if (!process.isAlive()) {
            try {
                stderrThread.join(STDERR_JOIN_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // quote what has been read so far
            }
        }
        return stderr.tail(STDERR_LINES);
    }

    /** All kept stderr text, for start-up checks. */
    String stderrText() {
        return stderr.text();
    }

    /**
     * Stops the process: SIGTERM (rpicam-vid does not catch it, so it dies at once and the kernel releases the
     * camera), SIGKILL if it is still there after {@code timeoutMs}, and waits for it, which reaps it. Any
     * process it started goes the same way. Safe to call more than once.
     *
     * @throws IOException if it survives SIGKILL for {@code timeoutMs} (stuck in the kernel, e.g. in a driver)
     */
    void stop(long timeoutMs) throws IOException {
        List<ProcessHandle> children = new ArrayList<>();
        process.descendants().forEach(children::add);
        boolean interrupted = Thread.interrupted(); // a pending interrupt must not skip the kill
        try {
            process.destroy(); // also closes our ends of its pipes, as the JDK does
            if (!process.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                if (!process.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
                    throw new IOException(describe() + " did not exit within " + timeoutMs + " ms of SIGKILL");
                }
            }
            for (ProcessHandle child : children) {
                child.destroyForcibly();
            }
            stderrThread.join(STDERR_JOIN_MS); // EOF follows the exit; the tail is then complete
        } catch (InterruptedException e) {
            interrupted = true;
            process.destroyForcibly(); // not waited for: the JDK's process reaper thread still reaps it
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
