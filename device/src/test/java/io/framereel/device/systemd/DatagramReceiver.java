package io.framereel.device.systemd;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * A UNIX datagram socket bound to a path or an {@code @abstract} name, standing in for systemd's notify socket:
 * the main code's LibC opens it, bind(2) and recv(2) are declared here because only tests need them. Not
 * thread-safe.
 */
final class DatagramReceiver implements AutoCloseable {

    static {
        Native.register(NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
    }

    private static native int bind(int fd, byte[] address, int addressLength);

    private static native NativeLong recv(int fd, byte[] buf, NativeLong length, int flags);

    final String address;
    private final int fd;
    private boolean closed;

    /** Binds a new socket to {@code address} (an absolute path or {@code @name}). */
    DatagramReceiver(String address) throws IOException {
        this.address = address;
        int opened = LibC.socketErrno(LibC.AF_UNIX);
        if (opened < 0) {
            throw new IOException("socket: " + LibC.describe(-opened));
        }
        fd = opened;
        byte[] sockaddr = SockaddrUn.encode("test address", address);
        if (bind(fd, sockaddr, sockaddr.length) != 0) {
            int errno = Native.getLastError();
            LibC.close(fd);
            throw new IOException("bind " + address + ": " + LibC.describe(errno));
        }
    }

    /** The next datagram, waiting up to {@code timeout}; null if none came. */
    byte[] receive(Duration timeout) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] buf = new byte[SdNotify.MAX_MESSAGE_BYTES + 1];
        while (true) {
            long n = recv(fd, buf, new NativeLong(buf.length), LibC.MSG_DONTWAIT).longValue();
            if (n >= 0) {
                return Arrays.copyOf(buf, (int) n);
            }
            int errno = Native.getLastError();
            if (errno != LibC.EAGAIN && errno != LibC.EINTR) {
                throw new IOException("recv on " + address + ": " + LibC.describe(errno));
            }
            if (System.nanoTime() > deadline) {
                return null;
            }
            Thread.sleep(1);
        }
    }

    /** The next datagram as UTF-8 text, failing the test if none comes within five seconds. */
    String receiveText() throws InterruptedException, IOException {
        byte[] datagram = receive(Duration.ofSeconds(5));
        if (datagram == null) {
            throw new AssertionError("no datagram at " + address + " within 5 s");
        }
        return new String(datagram, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            LibC.close(fd);
        }
    }
}
