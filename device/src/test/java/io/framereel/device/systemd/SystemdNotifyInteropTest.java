package io.framereel.device.systemd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

// Scope: systemd's own sender (systemd-notify, i.e. libsystemd's sd_notify) reaches the test receiver, whose address
// SockaddrUn encodes: so SdNotify, which sends to the SockaddrUn encoding, addresses sockets as libsystemd does
// (an abstract name by its exact length, a path with its NUL). --no-block: without it systemd-notify (v246+) also
// sends BARRIER=1 with a pipe fd and waits for the receiver to close it. Skipped where systemd-notify is missing.
class SystemdNotifyInteropTest {

    private static final Path SYSTEMD_NOTIFY = Path.of("/usr/bin/systemd-notify");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"path", "abstract"})
    void systemdNotifySendsTheSameBytesToTheSameAddress(String kind) throws Exception {
        assumeTrue(Files.isExecutable(SYSTEMD_NOTIFY), SYSTEMD_NOTIFY + " is not installed");
        String address = kind.equals("path") ? dir.resolve("notify").toString()
                : "@framereel-interop-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        try (DatagramReceiver receiver = new DatagramReceiver(address)) {
            ProcessBuilder pb = new ProcessBuilder(SYSTEMD_NOTIFY.toString(), "--no-block", "--ready",
                    "--status=streaming 30 fps")
                    .redirectErrorStream(true);
            pb.environment().put(SdNotify.NOTIFY_SOCKET, address);
            Process p = pb.start();
            assertTrue(p.waitFor(10, TimeUnit.SECONDS), "systemd-notify finished");
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), "systemd-notify: " + output);
            assertArrayEquals(SdNotify.encode("READY=1", "STATUS=streaming 30 fps"), received(receiver));
        }
    }

    private static byte[] received(DatagramReceiver receiver) throws IOException, InterruptedException {
        byte[] datagram = receiver.receive(Duration.ofSeconds(5));
        if (datagram == null) {
            throw new AssertionError("systemd-notify's message did not arrive at " + receiver.address);
        }
        return datagram;
    }
}
