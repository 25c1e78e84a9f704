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
            assertEquals(sock + ": another framereel daemon is listening there", e.getMessage());
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
