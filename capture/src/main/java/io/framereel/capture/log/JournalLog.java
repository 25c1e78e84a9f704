package io.framereel.capture.log;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.System.Logger.Level;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * framereel's log output: one line per record on stderr, in the form journald understands. Under systemd
 * (stderr connected to the journal, {@code JOURNAL_STREAM} set) each line starts with its syslog priority,
 * {@code <3>} for errors through {@code <7>} for debug, and carries no timestamp because the journal adds one; on
 * a terminal it starts with the local time and level instead. A stack trace follows on continuation lines only
 * with {@code --verbose}: the message itself names what failed.
 *
 * <p>Every {@link System.Logger} of the JVM comes here through {@link JournalLoggerFinder}, not through
 * java.util.logging, whose shutdown hook drops the handlers exactly when a stopping daemon logs what it closed.
 * Thread-safe: a line is written with one call under the stream's lock.
 */
public final class JournalLog {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT);

    private static volatile Level threshold = Level.INFO;
    private static volatile boolean traces;
    private static volatile boolean journal = System.getenv("JOURNAL_STREAM") != null;

    private JournalLog() {
    }

    /** INFO and above, or DEBUG and above with stack traces when {@code verbose}. */
    public static void configure(boolean verbose) {
        threshold = verbose ? Level.DEBUG : Level.INFO;
        traces = verbose;
    }

    static boolean isLoggable(Level level) {
        return level != Level.OFF && level.getSeverity() >= threshold.getSeverity();
    }

    static void write(Level level, String logger, String message, Throwable thrown) {
        String text = format(level, logger, message, thrown, journal, traces, LocalTime.now());
        PrintStream err = System.err;
        synchronized (err) {
            err.print(text);
            err.flush();
        }
    }

    /** One record as it is written: {@code journal} picks the prefix, {@code withTrace} whether a trace follows. */
    static String format(Level level, String logger, String message, Throwable thrown, boolean journal,
            boolean withTrace, LocalTime now) {
        StringBuilder sb = new StringBuilder(128);
        String prefix = journal ? "<" + priority(level) + ">" : "";
        sb.append(prefix);
        if (!journal) {
            sb.append(TIME.format(now)).append(' ').append(label(level)).append(' ');
        }
        String name = logger == null ? "" : logger;
        sb.append(name.substring(name.lastIndexOf('.') + 1)).append(": ");
        sb.append(String.valueOf(message).replace('\n', ' ')).append('\n');
        if (thrown != null && withTrace) {
            StringWriter w = new StringWriter();
            thrown.printStackTrace(new PrintWriter(w));
            for (String line : w.toString().split("\n")) {
                sb.append(prefix).append("    ").append(line).append('\n');
            }
        }
        return sb.toString();
    }

    /** The syslog priority of a level (sd-daemon(3)). */
    static int priority(Level level) {
        switch (level) {
            case ERROR:
                return 3;
            case WARNING:
                return 4;
            case INFO:
                return 6;
            default:
                return 7;
        }
    }

    private static String label(Level level) {
        switch (level) {
            case ERROR:
                return "ERROR";
            case WARNING:
                return "WARN ";
            case INFO:
                return "INFO ";
            default:
                return "DEBUG";
        }
    }
}
