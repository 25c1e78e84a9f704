package io.framereel.device.systemd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framereel.device.systemd.SdNotify.Result;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

// Scope: SdNotify against a real UNIX datagram receiver bound through JNA, at a path and at an abstract name:
// exact bytes per message, argument checks, the no-op outside systemd, failures that are reported and never thrown,
// recovery when the receiver comes back, a full queue, threads, and the fd's lifetime.
class SdNotifyTest {

    private static final int ENOENT = 2;
    private static final int ECONNREFUSED = 111;
    private static final Duration NOTHING_WAIT = Duration.ofMillis(100);

    @TempDir
    Path dir;

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final List<LogRecord> logged = new ArrayList<>();
    private final Logger julLogger = Logger.getLogger(SdNotify.class.getName());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (logged) {
                logged.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLog() {
        julLogger.addHandler(capture);
    }

    @AfterEach
    void closeAll() throws Exception {
        julLogger.removeHandler(capture);
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    private DatagramReceiver receiver(String address) throws IOException {
        DatagramReceiver r = new DatagramReceiver(address);
        toClose.add(r);
        return r;
    }

    private DatagramReceiver pathReceiver() throws IOException {
        return receiver(dir.resolve("notify").toString());
    }

    private static String abstractName() {
        return "@framereel-test-" + ProcessHandle.current().pid() + "-" + Long.toHexString(
                ThreadLocalRandom.current().nextLong());
    }

    private SdNotify notifier(String address) {
        return notifier(address, SdNotify.DEFAULT_SEND_WAIT);
    }

    private SdNotify notifier(String address, Duration sendWait) {
        SdNotify n = SdNotify.fromEnvironment(Map.of(SdNotify.NOTIFY_SOCKET, address), sendWait);
        toClose.add(n);
        return n;
    }

    private List<LogRecord> logged(Level level) {
        synchronized (logged) {
            return logged.stream().filter(r -> r.getLevel().equals(level)).toList();
        }
    }

    @Test
    void eachNamedMessageArrivesAsExactlyItsBytesAtAPath() throws Exception {
        DatagramReceiver systemd = pathReceiver();
        SdNotify notify = notifier(systemd.address);
        assertTrue(notify.isEnabled());

        assertTrue(notify.ready().sent());
        assertArrayEquals("READY=1".getBytes(StandardCharsets.US_ASCII), systemd.receive(Duration.ofSeconds(5)));
        assertTrue(notify.status("recording 1920x1080@30 ring=82%").sent());
        assertEquals("STATUS=recording 1920x1080@30 ring=82%", systemd.receiveText());
        assertTrue(notify.watchdog().sent());
        assertEquals("WATCHDOG=1", systemd.receiveText());
        assertTrue(notify.stopping().sent());
        assertEquals("STOPPING=1", systemd.receiveText());
        assertTrue(notify.reloading(123_456_789L).sent());
        assertEquals("RELOADING=1\nMONOTONIC_USEC=123456789", systemd.receiveText());
        assertTrue(notify.readyAfterReload().sent());
        assertEquals("READY=1", systemd.receiveText());
        assertTrue(notify.errno(5).sent());
        assertEquals("ERRNO=5", systemd.receiveText());
        assertNull(systemd.receive(NOTHING_WAIT), "one datagram per message");
    }

    @Test
    void anAbstractNameReceivesTheSameMessages() throws Exception {
        DatagramReceiver systemd = receiver(abstractName());
        SdNotify notify = notifier(systemd.address);

        assertEquals(Result.Kind.SENT, notify.ready().kind());
        assertEquals("READY=1", systemd.receiveText());
        assertTrue(notify.status("idle").sent());
        assertEquals("STATUS=idle", systemd.receiveText());
        assertTrue(notify.watchdog().sent());
        assertEquals("WATCHDOG=1", systemd.receiveText());
    }

    @Test
    void anAbstractNameIsMatchedByItsExactLengthNotAsAPrefix() throws Exception {
        String name = abstractName();
        DatagramReceiver longer = receiver(name + "-longer");
        SdNotify notify = notifier(name);

        Result r = notify.ready();
        assertTrue(r.failed(), r.toString());
        assertEquals(ECONNREFUSED, r.errno());
        assertNull(longer.receive(NOTHING_WAIT));
    }

    @Test
    void reloadingNowUsesTheMonotonicClockInMicroseconds() throws Exception {
        DatagramReceiver systemd = pathReceiver();
        long before = System.nanoTime() / 1000;
        assertTrue(notifier(systemd.address).reloading().sent());
        long after = System.nanoTime() / 1000;

        String[] lines = systemd.receiveText().split("\n");
        assertEquals("RELOADING=1", lines[0]);
        long usec = Long.parseLong(lines[1].substring("MONOTONIC_USEC=".length()));
        assertTrue(before <= usec && usec <= after, before + " <= " + usec + " <= " + after);
    }

    @Test
    void severalAssignmentsGoAsOneDatagramJoinedByNewlinesWithoutATrailingOne() throws Exception {
        DatagramReceiver systemd = pathReceiver();
        SdNotify notify = notifier(systemd.address);

        assertTrue(notify.send("READY=1", "STATUS=streaming", "MAINPID=" + ProcessHandle.current().pid()).sent());
        assertEquals("READY=1\nSTATUS=streaming\nMAINPID=" + ProcessHandle.current().pid(), systemd.receiveText());
        assertTrue(notify.send("STATUS=").sent(), "an empty value is an assignment");
        assertEquals("STATUS=", systemd.receiveText());
    }

    @Test
    void textIsSentAsUtf8() throws Exception {
        DatagramReceiver systemd = pathReceiver();
        assertTrue(notifier(systemd.address).status("enregistrement — 30 fps").sent());
        assertArrayEquals("STATUS=enregistrement — 30 fps".getBytes(StandardCharsets.UTF_8),
                systemd.receive(Duration.ofSeconds(5)));
    }

    @Test
    void newlinesNulsAndMalformedAssignmentsAreRejectedBeforeAnythingIsSent() throws Exception {
        DatagramReceiver systemd = pathReceiver();
        SdNotify notify = notifier(systemd.address);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> notify.status("recording\nREADY=1"));
        assertTrue(e.getMessage().contains("newline"), e.getMessage());
        assertTrue(e.getMessage().contains("STATUS=recording\\nREADY=1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> notify.send("READY=1", "STATUS=a\rb\nc"));
        assertThrows(IllegalArgumentException.class, () -> notify.send("STATUS=a\0b"));
        assertThrows(IllegalArgumentException.class, () -> notify.send("READY"));
        assertThrows(IllegalArgumentException.class, () -> notify.send("=1"));
        assertThrows(IllegalArgumentException.class, () -> notify.send());
        assertThrows(IllegalArgumentException.class, () -> notify.errno(-1));
        assertThrows(IllegalArgumentException.class, () -> notify.reloading(-1));
        assertThrows(NullPointerException.class, () -> notify.status(null));
        assertNull(systemd.receive(NOTHING_WAIT), "nothing of a rejected message was sent");
    }

    @Test
    void aMessageUpToSystemdsBufferIsSentWholeAndALongerOneIsRejected() throws Exception {
        DatagramReceiver systemd = pathReceiver();
        SdNotify notify = notifier(systemd.address);
        String fits = "x".repeat(SdNotify.MAX_MESSAGE_BYTES - "STATUS=".length());

        assertTrue(notify.status(fits).sent());
        assertEquals("STATUS=" + fits, systemd.receiveText());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> notify.status(fits + "x"));
        assertTrue(e.getMessage().contains("4097 bytes"), e.getMessage());
    }

    @Test
    void pathsAndAbstractNamesLongerThanSunPathAreRefusedNamingTheAddress() {
        String path107 = "/" + "p".repeat(106);
        String path108 = path107 + "q";
        SdNotify fits = notifier(path107);
        assertTrue(fits.isEnabled());
        assertEquals(ENOENT, fits.ready().errno(), "fits, and nothing is bound there");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SdNotify.fromEnvironment(Map.of(SdNotify.NOTIFY_SOCKET, path108)));
        assertTrue(e.getMessage().contains("NOTIFY_SOCKET=" + path108), e.getMessage());
        assertTrue(e.getMessage().contains("108 bytes") && e.getMessage().contains("at most 107"), e.getMessage());

        String multiByte = "/" + "é".repeat(54); // 109 bytes in 55 characters
        e = assertThrows(IllegalArgumentException.class,
                () -> SdNotify.fromEnvironment(Map.of(SdNotify.NOTIFY_SOCKET, multiByte)));
        assertTrue(e.getMessage().contains("109 bytes"), "counted in bytes: " + e.getMessage());

        assertTrue(notifier("@" + "a".repeat(107)).isEnabled());
        e = assertThrows(IllegalArgumentException.class,
                () -> SdNotify.fromEnvironment(Map.of(SdNotify.NOTIFY_SOCKET, "@" + "a".repeat(108))));
        assertTrue(e.getMessage().contains("abstract name is 108 bytes"), e.getMessage());
    }

    @Test
    void anAddressThatIsNeitherAnAbsolutePathNorAnAbstractNameIsRefused() {
        for (String bad : List.of("run/systemd/notify", "vsock:2:1234")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> SdNotify.fromEnvironment(Map.of(SdNotify.NOTIFY_SOCKET, bad)));
            assertTrue(e.getMessage().startsWith("NOTIFY_SOCKET=" + bad + " is neither"), e.getMessage());
        }
    }

    @Test
    void withoutNotifySocketEverythingIsANoOpThatStillChecksItsArguments() {
        for (Map<String, String> env : List.of(Map.<String, String>of(), Map.of(SdNotify.NOTIFY_SOCKET, ""))) {
            SdNotify notify = SdNotify.fromEnvironment(env);
            assertFalse(notify.isEnabled());
            for (Result r : List.of(notify.ready(), notify.status("x"), notify.watchdog(), notify.stopping(),
                    notify.reloading(), notify.readyAfterReload(), notify.errno(1), notify.send("A=1", "B=2"))) {
                assertEquals(Result.Kind.NOT_UNDER_SYSTEMD, r.kind());
                assertFalse(r.sent());
                assertFalse(r.failed());
            }
            assertThrows(IllegalArgumentException.class, () -> notify.status("a\nb"));
            notify.close();
            assertEquals(Result.Kind.NOT_UNDER_SYSTEMD, notify.ready().kind());
        }
        assertFalse(SdNotify.disabled().isEnabled());
        assertTrue(logged(Level.WARNING).isEmpty());
    }

    @Test
    void aVanishedReceiverIsReportedLoggedOnceAndReachedAgainWhenItComesBack() throws Exception {
        Path path = dir.resolve("notify");
        DatagramReceiver systemd = receiver(path.toString());
        SdNotify notify = notifier(path.toString());
        assertTrue(notify.ready().sent());
        assertEquals("READY=1", systemd.receiveText());

        systemd.close(); // the socket file stays: nobody listens behind it
        Result refused = notify.watchdog();
        assertEquals(Result.Kind.FAILED, refused.kind());
        assertEquals(ECONNREFUSED, refused.errno());
        assertTrue(refused.detail().contains(path.toString()), refused.detail());

        Files.delete(path); // and now it is gone
        Result gone = notify.status("still here");
        assertEquals(ENOENT, gone.errno());
        assertTrue(gone.detail().contains("No such file or directory"), gone.detail());
        assertEquals(ENOENT, notify.watchdog().errno());
        assertEquals(1, logged(Level.WARNING).size(), "one warning per failure streak");
        assertTrue(logged(Level.WARNING).get(0).getMessage().contains("WATCHDOG=1"));

        DatagramReceiver reborn = receiver(path.toString());
        assertTrue(notify.watchdog().sent(), "the same notifier reaches the new receiver");
        assertEquals("WATCHDOG=1", reborn.receiveText());
        assertEquals(1, logged(Level.INFO).size(), "recovery is logged");
        assertTrue(logged(Level.INFO).get(0).getMessage().contains("after 3 failed"));

        reborn.close();
        assertTrue(notify.stopping().failed());
        assertEquals(2, logged(Level.WARNING).size(), "a new streak warns again");
    }

    @Test
    void aFullQueueFailsWithEagainAfterTheSendWaitInsteadOfBlocking() throws Exception {
        DatagramReceiver systemd = pathReceiver(); // never reads until the queue is full
        Duration wait = Duration.ofMillis(50);
        SdNotify notify = notifier(systemd.address, wait);

        Result r = null;
        int sent = 0;
        while (sent < 100_000) {
            r = notify.status("n=" + sent);
            if (!r.sent()) {
                break;
            }
            sent++;
        }
        assertTrue(sent > 0, "some messages fit");
        assertEquals(Result.Kind.FAILED, r.kind());
        assertEquals(LibC.EAGAIN, r.errno());
        assertTrue(r.detail().contains("queue stayed full"), r.detail());

        long start = System.nanoTime();
        assertTrue(notify.watchdog().failed());
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(tookMs >= wait.toMillis() && tookMs < 2_000, "waited " + tookMs + " ms");

        assertEquals("STATUS=n=0", systemd.receiveText(), "the queue kept the first messages in order");
        assertTrue(notify.watchdog().sent(), "room again");
    }

    @Test
    void threadsSendingAtOnceEachDeliverWholeMessages() throws Exception {
        DatagramReceiver systemd = receiver(abstractName());
        SdNotify notify = notifier(systemd.address, Duration.ofSeconds(10));
        int threads = 4;
        int each = 100;
        Set<String> expected = new HashSet<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> senders = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                for (int i = 0; i < each; i++) {
                    expected.add("STATUS=thread " + id + " message " + i + "\nWATCHDOG=1");
                }
                senders.add(pool.submit(() -> {
                    int ok = 0;
                    for (int i = 0; i < each; i++) {
                        ok += notify.send("STATUS=thread " + id + " message " + i, "WATCHDOG=1").sent() ? 1 : 0;
                    }
                    return ok;
                }));
            }
            Set<String> received = new HashSet<>();
            for (int i = 0; i < threads * each; i++) {
                received.add(systemd.receiveText());
            }
            for (Future<Integer> s : senders) {
                assertEquals(each, s.get());
            }
            assertEquals(expected, received);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theSocketIsOpenedOnceReusedAndReleasedByClose() throws Exception {
        DatagramReceiver systemd = pathReceiver();
        Set<String> before = sockets();
        SdNotify notify = notifier(systemd.address);
        assertEquals(before, sockets(), "nothing is opened before the first message");

        for (int i = 0; i < 20; i++) {
            assertTrue(notify.watchdog().sent());
            systemd.receiveText();
        }
        Set<String> during = sockets();
        during.removeAll(before);
        assertEquals(1, during.size(), "one socket for all messages: " + during);

        notify.close();
        assertEquals(before, sockets(), "close releases it");
        Result afterClose = notify.ready();
        assertTrue(afterClose.failed());
        assertTrue(afterClose.detail().contains("closed"), afterClose.detail());
        notify.close();
    }

    /** This process's open sockets, as /proc/self/fd shows them ("fd -> socket:[inode]"). */
    private static Set<String> sockets() throws IOException {
        Set<String> sockets = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:")) {
                        sockets.add(fd.getFileName() + " " + target);
                    }
                } catch (IOException e) {
                    // the fd Files.list itself used, closed by now
                }
            }
        }
        return sockets;
    }

    @Test
    void theDescriptionNamesTheAddress() {
        assertEquals("SdNotify[NOTIFY_SOCKET=/run/systemd/notify]", notifier("/run/systemd/notify").toString());
        assertEquals("SdNotify[disabled]", SdNotify.disabled().toString());
    }
}
