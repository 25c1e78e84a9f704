package io.framereel.capture.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Shows how far a long command has got: a bar redrawn in place on stderr when a person is watching a
 * terminal, nothing at all otherwise (so logs and pipes stay clean). Not thread-safe.
 */
interface Progress extends AutoCloseable {
    /** Shows nothing. */
    Progress NONE = new Progress() {
        @Override
        public void update(long done) {
        }

        @Override
        public void close() {
        }
    };

    /** Reports that {@code done} of the total units are finished. */
    void update(long done);

    /** Removes the bar so the lines that follow start clean. Safe to call more than once. */
    @Override
    void close();

    /** A bar on {@code err} if the process runs in a terminal, else {@link #NONE}. */
    static Progress start(PrintWriter err, String label, long total) {
        return isInteractive() ? new Bar(err, label, total) : NONE;
    }

    /**
     * Whether a terminal is attached. Java 17 returns no console when the standard streams are redirected;
     * from Java 22 a console exists anyway and {@code isTerminal()} (not in Java 17, hence reflection) tells.
     */
    static boolean isInteractive() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        Method isTerminal;
        try {
            isTerminal = Console.class.getMethod("isTerminal");
        } catch (NoSuchMethodException e) {
            return true; // Java 17 to 21: a console means a terminal
        }
        try {
            return (Boolean) isTerminal.invoke(console);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("Console.isTerminal() failed", e);
        }
    }

    /** The terminal bar: {@code label [#########.........]  45/90}, redrawn at most ten times a second. */
    final class Bar implements Progress {
        private static final int WIDTH = 30;
        private static final long REDRAW_NANOS = 100_000_000L;

        private final PrintWriter err;
        private final String label;
        private final long total;
        private long lastDraw;
        private int drawnLength;
        private boolean closed;

        Bar(PrintWriter err, String label, long total) {
            this.err = err;
            this.label = label;
            this.total = Math.max(1, total);
            this.lastDraw = System.nanoTime() - REDRAW_NANOS;
        }

        @Override
        public void update(long done) {
            long now = System.nanoTime();
            if (closed || (now - lastDraw < REDRAW_NANOS && done < total)) {
                return;
            }
            lastDraw = now;
            int filled = (int) (WIDTH * Math.min(done, total) / total);
            String line = label + " [" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + done + "/" + total;
            err.print("\r" + line + " ".repeat(Math.max(0, drawnLength - line.length())));
            err.flush();
            drawnLength = line.length();
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (drawnLength > 0) {
                err.print("\r" + " ".repeat(drawnLength) + "\r");
                err.flush();
            }
        }
    }
}
