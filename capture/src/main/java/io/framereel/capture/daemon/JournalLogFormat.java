package io.framereel.capture.daemon;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * One log line per record on stderr, in the form journald understands: under systemd (stderr connected to the
 * journal, {@code JOURNAL_STREAM} set) each line starts with its syslog priority, {@code <3>} for errors through
 * {@code <7>} for debug, and carries no timestamp because the journal adds one; on a terminal it starts with the
 * local time and level instead. A stack trace follows on continuation lines only at FINE and below, or with
 * {@code --verbose}: the message itself names what failed.
 */
public final class JournalLogFormat extends Formatter {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT);

    private final boolean journal;
    private final boolean traces;

    public JournalLogFormat(boolean journal, boolean traces) {
        this.journal = journal;
        this.traces = traces;
    }

    /** Replaces the root logger's handlers with one stderr handler in this format, at INFO (FINE if verbose). */
    public static void install(boolean verbose) {
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        Handler h = new ConsoleHandler(); // writes to System.err
        h.setFormatter(new JournalLogFormat(System.getenv("JOURNAL_STREAM") != null, verbose));
        Level level = verbose ? Level.FINE : Level.INFO;
        h.setLevel(level);
        root.setLevel(level);
        root.addHandler(h);
    }

    @Override
    public String format(LogRecord r) {
        StringBuilder sb = new StringBuilder(128);
        if (journal) {
            sb.append('<').append(priority(r.getLevel())).append('>');
        } else {
            sb.append(TIME.format(LocalDateTime.now())).append(' ').append(label(r.getLevel())).append(' ');
        }
        String name = r.getLoggerName() == null ? "" : r.getLoggerName();
        sb.append(name.substring(name.lastIndexOf('.') + 1)).append(": ");
        sb.append(formatMessage(r).replace('\n', ' '));
        sb.append('\n');
        Throwable t = r.getThrown();
        if (t != null && (traces || r.getLevel().intValue() <= Level.FINE.intValue())) {
            StringWriter w = new StringWriter();
            t.printStackTrace(new PrintWriter(w));
            for (String line : w.toString().split("\n")) {
                if (journal) {
                    sb.append('<').append(priority(r.getLevel())).append('>');
                }
                sb.append("    ").append(line).append('\n');
            }
        }
        return sb.toString();
    }

    /** The syslog priority of a level (sd-daemon(3)). */
    static int priority(Level level) {
        int v = level.intValue();
        if (v >= Level.SEVERE.intValue()) {
            return 3;
        } else if (v >= Level.WARNING.intValue()) {
            return 4;
        } else if (v >= Level.INFO.intValue()) {
            return 6;
        }
        return 7;
    }

    private static String label(Level level) {
        int p = priority(level);
        return p == 3 ? "ERROR" : p == 4 ? "WARN " : p == 6 ? "INFO " : "DEBUG";
    }
}
