package io.framereel.capture.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framereel.capture.json.Json;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The control socket: commands in, one JSON line out, only for owner and group. */
class ControlServerTest {
    @TempDir
    Path dir;

    private final Triggers triggers = new Triggers();
    private final StatusBoard board = new StatusBoard();

    @Test
    void commandsChangeTheTriggersAndEveryReplyCarriesTheStatus() throws Exception {
        Path sock = dir.resolve("ctl.sock");
        try (ControlServer server = ControlServer.start(sock, Optional.empty(), triggers, board)) {
            Map<String, String> reply = Json.parseFlatObject(ControlClient.send(sock, "start"));
            assertEquals("true", reply.get("ok"));
            assertEquals("true", reply.get("recording_wanted"));
            assertTrue(triggers.wanted());
            assertEquals("starting", reply.get("state"));

            ControlClient.send(sock, "toggle");
            assertFalse(triggers.wanted());
            ControlClient.send(sock, "snapshot");
            assertTrue(triggers.takeSnapshot());
            assertFalse(triggers.takeSnapshot());

            board.state = DaemonState.DISK_FULL;
            board.error("only 3 bytes free");
            Map<String, String> status = Json.parseFlatObject(ControlClient.send(sock, "status"));
            assertEquals("disk-full", status.get("state"));
            assertEquals("only 3 bytes free", status.get("last_error"));
        }
        assertFalse(Files.exists(sock), "closing removes the socket");
    }

    @Test
    void anUnknownCommandIsRefusedWithTheCommandsThatExist() throws Exception {
        Path sock = dir.resolve("ctl.sock");
        try (ControlServer server = ControlServer.start(sock, Optional.empty(), triggers, board)) {
            Map<String, String> reply = Json.parseFlatObject(ControlClient.send(sock, "record please"));
            assertEquals("false", reply.get("ok"));
            assertEquals("unknown command 'record please': expected start, stop, toggle, snapshot or status",
                    reply.get("error"));
            assertFalse(triggers.wanted());
        }
    }

    @Test
    void theSocketIsForOwnerAndGroupOnly() throws Exception {
        Path sock = dir.resolve("ctl.sock");
        try (ControlServer server = ControlServer.start(sock, Optional.empty(), triggers, board)) {
            assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(sock)));
        }
    }

    /** Two daemons starting on {@code sock} at the same moment; returns the one that listens, checking it is one. */
    private ControlServer twoStartingAtOnce(Path sock, String round) throws Exception {
        java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
        java.util.List<ControlServer> started = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        java.util.List<String> refused = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        Runnable daemon = () -> {
            try {
                together.await();
                started.add(ControlServer.start(sock, Optional.empty(), triggers, board));
            } catch (IOException e) {
                refused.add(e.getMessage());
            } catch (Exception e) {
                refused.add("unexpected: " + e);
            }
        };
        Thread a = new Thread(daemon);
        Thread b = new Thread(daemon);
        a.start();
        b.start();
        a.join();
        b.join();
        assertEquals(1, started.size(), round + ": one daemon listens, the other refuses: " + refused);
        assertTrue(refused.get(0).contains("another framereel daemon"), refused.get(0));
        assertEquals("true", Json.parseFlatObject(ControlClient.send(sock, "status")).get("ok"));
        return started.get(0);
    }

    @Test
    void twoDaemonsStartingAtOnceNeverBothListenAndTheSocketAlwaysAnswers() throws Exception {
        // the socket file appears only once it listens, so a daemon starting beside another never takes it for a
        // crashed one's and deletes it
        Path sock = dir.resolve("ctl.sock");
        for (int round = 0; round < 30; round++) {
            twoStartingAtOnce(sock, "round " + round).close();
        }
        try (var left = Files.list(dir)) {
            assertEquals(java.util.List.of(dir.resolve("ctl.sock.lock")), left.toList(),
                    "no temporary socket names left behind; the lock file stays (see ControlSocketFile)");
        }
    }

    @Test
    void twoDaemonsStartingBesideAStaleSocketNeverBothListen() throws Exception {
        Path sock = dir.resolve("ctl.sock");
        for (int round = 0; round < 100; round++) {
            ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(UnixDomainSocketAddress.of(sock)).close(); // stale
            twoStartingAtOnce(sock, "round " + round + " beside a stale socket").close();
        }
    }

    @Test
    void closingNeverDeletesASocketAnotherDaemonMadeAfterTheDirectoryWasRemadeUnderIt() throws Exception {
        // systemd removes a RuntimeDirectory= when the unit stops; a daemon started by hand keeps running
        Path run = dir.resolve("run");
        Path sock = run.resolve("ctl.sock");
        ControlServer byHand = ControlServer.start(sock, Optional.empty(), triggers, board);
        try (var files = Files.list(run)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(run);
        // another daemon (a process of its own, so a plain socket here) makes the directory and its socket again
        Files.createDirectories(run);
        try (ServerSocketChannel service = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            service.bind(UnixDomainSocketAddress.of(sock));
            byHand.close();
            assertTrue(Files.exists(sock), "the other daemon's socket survives this one's close");
        }
    }

    @Test
    void aRefusedSecondStartInTheSameProcessKeepsTheFirstOnesLock() throws Exception {
        Path sock = dir.resolve("ctl.sock");
        try (ControlServer first = ControlServer.start(sock, Optional.empty(), triggers, board)) {
            Path lock = dir.resolve("ctl.sock.lock");
            long before = locksOn(lock);
            assertEquals(1, before, "the first start holds the lock");
            assertThrows(IOException.class, () -> ControlServer.start(sock, Optional.empty(), triggers, board));
            assertEquals(1, locksOn(lock), "closing a second descriptor would have dropped the process's lock");
        }
    }

    /** fcntl locks on {@code file}, as the kernel lists them in /proc/locks (by inode). */
    private static long locksOn(Path file) throws IOException {
        long inode = (Long) Files.getAttribute(file, "unix:ino");
        return Files.readAllLines(Path.of("/proc/locks")).stream().filter(l -> l.contains(":" + inode + " ")).count();
    }

    @Test
    void aTemporarySocketLeftByADaemonKilledBeforeItsLinkIsReclaimed() throws Exception {
        Path sock = dir.resolve("ctl.sock");
        Path leftover = ControlSocketFile.temporaryName(sock);
        assertTrue(leftover.getFileName().toString().length() <= sock.getFileName().toString().length());
        ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(UnixDomainSocketAddress.of(leftover)).close();
        try (ControlServer server = ControlServer.start(sock, Optional.empty(), triggers, board)) {
            assertEquals("true", Json.parseFlatObject(ControlClient.send(sock, "status")).get("ok"));
        }
        try (var left = Files.list(dir)) {
            assertEquals(java.util.List.of(dir.resolve("ctl.sock.lock")), left.toList());
        }
    }

    @Test
    void somethingThatIsNotASocketIsNeverDeleted() throws Exception {
        Path sock = dir.resolve("ctl.sock");
        Files.writeString(sock, "someone's notes");
        IOException e = assertThrows(IOException.class, () -> ControlServer.start(sock, Optional.empty(), triggers, board));
        assertTrue(e.getMessage().contains("exists and is not a socket"), e.getMessage());
        assertEquals("someone's notes", Files.readString(sock));
    }

    @Test
    void aSocketPathNearTheKernelsLimitStillBinds() throws Exception {
        // sun_path holds 108 bytes with the NUL (Java's client takes 106): the temporary name is no longer than the
        // final one, where a suffix such as ".PID.new" would not fit
        Path base = dir.toAbsolutePath();
        int room = 104 - base.toString().length() - 1;
        Path sock = base.resolve("c".repeat(room - 5) + ".sock");
        assertEquals(104, sock.toString().length());
        try (ControlServer server = ControlServer.start(sock, Optional.empty(), triggers, board)) {
            assertEquals("true", Json.parseFlatObject(ControlClient.send(sock, "status")).get("ok"));
        }
    }

    @Test
    void aFailedStartLeavesNoSocketBehind() throws Exception {
        Path sock = dir.resolve("ctl.sock");
        IOException e = assertThrows(IOException.class,
                () -> ControlServer.start(sock, Optional.of("no-such-group-framereel"), triggers, board));
        assertTrue(e.getMessage().startsWith("control socket " + sock), e.getMessage());
        try (var left = Files.list(dir)) {
            assertEquals(java.util.List.of(dir.resolve("ctl.sock.lock")), left.toList(), "no socket left");
        }
        try (ControlServer server = ControlServer.start(sock, Optional.empty(), triggers, board)) {
            assertEquals("true", Json.parseFlatObject(ControlClient.send(sock, "status")).get("ok"),
                    "the failed start released the path");
        }
    }

    @Test
    void aStaleSocketLeftByACrashIsReplacedButALiveDaemonIsNot() throws Exception {
        Path sock = dir.resolve("ctl.sock");
        ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        dead.bind(UnixDomainSocketAddress.of(sock));
        dead.close(); // the file stays, nobody listens: what kill -9 leaves
        assertTrue(Files.exists(sock));
        try (ControlServer server = ControlServer.start(sock, Optional.empty(), triggers, board)) {
            assertEquals("true", Json.parseFlatObject(ControlClient.send(sock, "status")).get("ok"));
            IOException e = assertThrows(IOException.class,
                    () -> ControlServer.start(sock, Optional.empty(), new Triggers(), new StatusBoard()));
            assertEquals("control socket " + sock + ": another framereel daemon is listening there (it holds " + sock
                    + ".lock)", e.getMessage());
            assertEquals("true", Json.parseFlatObject(ControlClient.send(sock, "status")).get("ok"),
                    "the running daemon keeps its socket");
        }
    }

    @Test
    void aMissingDaemonIsReportedWithTheSocketPath() {
        Path sock = dir.resolve("nobody.sock");
        IOException e = assertThrows(IOException.class, () -> ControlClient.send(sock, "status"));
        assertTrue(e.getMessage().startsWith("cannot reach the framereel daemon at " + sock), e.getMessage());
    }

    @Test
    void anUnknownGroupIsAStartError() {
        Path sock = dir.resolve("ctl.sock");
        IOException e = assertThrows(IOException.class,
                () -> ControlServer.start(sock, Optional.of("no-such-group-xyz"), triggers, board));
        assertTrue(e.getMessage().startsWith("control socket " + sock), e.getMessage());
        assertFalse(Files.exists(sock));
    }
}
