package io.framereel.capture.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

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

    @Test
    void librariesLoggingThroughSlf4jWriteTheSameLinesAtDebugShownWhenVerbose() {
        PrintStream saved = System.err;
        ByteArrayOutputStream quiet = new ByteArrayOutputStream();
        ByteArrayOutputStream verbose = new ByteArrayOutputStream();
        org.slf4j.Logger pi4j = LoggerFactory.getLogger("com.pi4j.Pi4J");
        try {
            assertTrue(pi4j instanceof Slf4jJournalProvider.JournalSlf4jLogger, "SLF4J found framereel's provider: "
                    + pi4j.getClass().getName());
            System.setErr(new PrintStream(quiet, true, StandardCharsets.UTF_8));
            JournalLog.configure(false);
            pi4j.error("Failed to read the board model from {}", "/proc/device-tree/model");
            System.setErr(new PrintStream(verbose, true, StandardCharsets.UTF_8));
            JournalLog.configure(true);
            pi4j.error("Failed to read the board model from {}", "/proc/device-tree/model");
            pi4j.trace("not shown even when verbose");
        } finally {
            System.setErr(saved);
            JournalLog.configure(false);
        }
        assertEquals("", quiet.toString(StandardCharsets.UTF_8), "a library's records stay out of the journal");
        String out = verbose.toString(StandardCharsets.UTF_8);
        assertEquals(1, out.lines().count(), out);
        assertTrue(out.contains("Pi4J: (ERROR) Failed to read the board model from /proc/device-tree/model"), out);
        assertTrue(out.startsWith("<7>") || out.contains(" DEBUG "), "at debug, for journald or a terminal: " + out);
    }

    @Test
    void framereelsOwnSlf4jRecordsKeepTheirLevel() {
        PrintStream saved = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            JournalLog.configure(false);
            LoggerFactory.getLogger("io.framereel.device.gpio.pi4j.Provider").warn("line {} is busy", 17);
        } finally {
            System.setErr(saved);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("line 17 is busy"), out);
        assertTrue(out.startsWith("<4>") || out.contains(" WARN  "), "a warning: " + out);
    }
}
