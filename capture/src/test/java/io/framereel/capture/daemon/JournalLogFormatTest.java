package io.framereel.capture.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** Log lines journald can read: one per record, with the syslog priority first under systemd. */
class JournalLogFormatTest {
    private static LogRecord record(Level level, String message) {
        LogRecord r = new LogRecord(level, message);
        r.setLoggerName("io.framereel.capture.daemon.RecordingWriter");
        return r;
    }

    @Test
    void underSystemdEachLineStartsWithItsPriorityAndHasNoTimestamp() {
        JournalLogFormat f = new JournalLogFormat(true, false);
        assertEquals("<3>RecordingWriter: disk full\n", f.format(record(Level.SEVERE, "disk full")));
        assertEquals("<4>RecordingWriter: slow\n", f.format(record(Level.WARNING, "slow")));
        assertEquals("<6>RecordingWriter: closed a.bin\n", f.format(record(Level.INFO, "closed a.bin")));
        assertEquals("<7>RecordingWriter: detail\n", f.format(record(Level.FINE, "detail")));
    }

    @Test
    void aMessageWithANewlineStaysOneLine() {
        JournalLogFormat f = new JournalLogFormat(true, false);
        assertEquals("<6>RecordingWriter: a b\n", f.format(record(Level.INFO, "a\nb")));
    }

    @Test
    void onATerminalLinesStartWithTimeAndLevel() {
        String line = new JournalLogFormat(false, false).format(record(Level.WARNING, "slow"));
        assertTrue(line.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} WARN  RecordingWriter: slow\n"), line);
    }

    @Test
    void stackTracesOnlyWhenVerboseAndEachLineCarriesThePriority() {
        LogRecord r = record(Level.SEVERE, "failed");
        r.setThrown(new IllegalStateException("boom"));
        assertEquals("<3>RecordingWriter: failed\n", new JournalLogFormat(true, false).format(r));
        String verbose = new JournalLogFormat(true, true).format(r);
        for (String line : verbose.split("\n")) {
            assertTrue(line.startsWith("<3>"), line);
        }
        assertTrue(verbose.contains("java.lang.IllegalStateException: boom"));
    }
}
