package io.framereel.capture.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.System.Logger.Level;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

/** Log lines journald can read: one per record, with the syslog priority first under systemd. */
class JournalLogTest {
    private static final String LOGGER = "io.framereel.capture.daemon.RecordingWriter";
    private static final LocalTime NOON = LocalTime.of(12, 0, 1, 234_000_000);

    @Test
    void underSystemdEachLineStartsWithItsPriorityAndHasNoTimestamp() {
        assertEquals("<3>RecordingWriter: disk full\n", JournalLog.format(Level.ERROR, LOGGER, "disk full", null, true, false, NOON));
        assertEquals("<4>RecordingWriter: slow\n", JournalLog.format(Level.WARNING, LOGGER, "slow", null, true, false, NOON));
        assertEquals("<6>RecordingWriter: closed a.bin\n", JournalLog.format(Level.INFO, LOGGER, "closed a.bin", null, true, false, NOON));
        assertEquals("<7>RecordingWriter: detail\n", JournalLog.format(Level.DEBUG, LOGGER, "detail", null, true, false, NOON));
    }

    @Test
    void aMessageWithANewlineStaysOneLine() {
        assertEquals("<6>RecordingWriter: a b\n", JournalLog.format(Level.INFO, LOGGER, "a\nb", null, true, false, NOON));
    }

    @Test
    void onATerminalLinesStartWithTimeAndLevel() {
        assertEquals("12:00:01.234 WARN  RecordingWriter: slow\n",
                JournalLog.format(Level.WARNING, LOGGER, "slow", null, false, false, NOON));
    }

    @Test
    void stackTracesOnlyWhenVerboseAndEachLineCarriesThePriority() {
        Throwable t = new IllegalStateException("boom");
        assertEquals("<3>RecordingWriter: failed\n", JournalLog.format(Level.ERROR, LOGGER, "failed", t, true, false, NOON));
        String verbose = JournalLog.format(Level.ERROR, LOGGER, "failed", t, true, true, NOON);
        for (String line : verbose.split("\n")) {
            assertTrue(line.startsWith("<3>"), line);
        }
        assertTrue(verbose.contains("java.lang.IllegalStateException: boom"));
    }

    @Test
    void everySystemLoggerOfTheJvmComesHere() {
        assertTrue(System.LoggerFinder.getLoggerFinder() instanceof JournalLoggerFinder,
                "registered as the JVM's LoggerFinder");
        JournalLog.configure(false);
        assertTrue(System.getLogger("x").isLoggable(Level.INFO));
        assertTrue(!System.getLogger("x").isLoggable(Level.DEBUG));
        JournalLog.configure(true);
        assertTrue(System.getLogger("x").isLoggable(Level.DEBUG));
        JournalLog.configure(false);
    }
}
