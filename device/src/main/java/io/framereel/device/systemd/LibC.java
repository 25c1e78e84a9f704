package io.framereel.device.systemd;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;

/**
 * The four libc calls sd_notify needs, because the JDK has no UNIX datagram socket (JDK-8297837: JEP 380 added
 * stream sockets only). Direct-mapped ({@code Native.register}) like the GPIO binding's LibC; notifications are rare,
 * so speed is not the reason, but direct mapping needs no interface and passes {@code byte[]} without a Memory copy
 * of our own.
 *
 * <p>The raw natives return -1 and leave errno in {@link Native#getLastError()}; the {@code *Errno} wrappers retry
 * EINTR and return minus the errno, so the caller decides the policy. The constants are Linux's and the same on
 * x86_64, aarch64 and armhf (pinned by {@code SystemdLayoutTableTest}). Thread-safe: every call is independent
 * and errno is per thread.
 */
final class LibC {

    static {
        Native.register(NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
    }

    static final int AF_UNIX = 1;
    static final int SOCK_DGRAM = 2;
    /** Keeps the socket out of spawned helpers such as rpicam-vid. */
    static final int SOCK_CLOEXEC = 0x80000;
    /** Per call: a full receive queue fails with EAGAIN instead of blocking the caller's thread. */
    static final int MSG_DONTWAIT = 0x40;
    /** No SIGPIPE, as libsystemd's sd_notify does. */
    static final int MSG_NOSIGNAL = 0x4000;
    static final int EINTR = 4;
    static final int EAGAIN = 11;

    private LibC() {
    }

    /** socket(2). */
    static native int socket(int domain, int type, int protocol);

    /**
     * sendto(2). size_t and ssize_t are pointer-sized, which NativeLong (C long) is on Linux; socklen_t is 32-bit on
     * every supported ABI. {@code address} is a {@code struct sockaddr_un} cut to {@code addressLength} bytes.
     */
    static native NativeLong sendto(int fd, byte[] buf, NativeLong length, int flags, byte[] address,
            int addressLength);

    /** close(2). */
    static native int close(int fd);

    /** strerror(3), for messages. */
    static native String strerror(int errnum);

    /** Opens a close-on-exec datagram socket of {@code domain}; returns the fd, or minus the errno. */
    static int socketErrno(int domain) {
        int fd = socket(domain, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        return fd >= 0 ? fd : -Native.getLastError();
    }

    /** Sends one datagram to {@code address}, retrying EINTR; returns the byte count, or minus the errno. */
    static long sendtoErrno(int fd, byte[] datagram, int flags, byte[] address) {
        NativeLong length = new NativeLong(datagram.length);
        while (true) {
            long sent = sendto(fd, datagram, length, flags, address, address.length).longValue();
            if (sent >= 0) {
                return sent;
            }
            int errno = Native.getLastError();
            if (errno != EINTR) {
                return -errno;
            }
        }
    }

    /**
     * Calls close(2) once and returns 0 or the errno. Not retried on EINTR: Linux releases the fd even then, and a
     * retry could close an fd another thread has just been given.
     */
    static int closeErrno(int fd) {
        return close(fd) == 0 ? 0 : Native.getLastError();
    }

    /** "errno N (text)" for messages. */
    static String describe(int errno) {
        String text = strerror(errno);
        return "errno " + errno + (text == null || text.isEmpty() ? "" : " (" + text + ")");
    }
}
