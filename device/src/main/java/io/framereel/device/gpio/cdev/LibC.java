package io.framereel.device.gpio.cdev;

import io.framereel.device.libc.Errno;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * The libc calls the GPIO binding makes, direct-mapped (JNA {@code Native.register}) because a failed direct call
 * costs a tenth of an interface call that throws {@code LastErrorException}.
 *
 * <p>The raw natives return -1 and leave errno in {@link Native#getLastError()}; the {@code *Errno} wrappers
 * retry EINTR and return the errno (0 on success), so callers decide the policy. Thread-safe: every call is
 * independent and errno is per thread.
 */
final class LibC {

    static {
        Native.register(NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
    }

    private LibC() {
    }

    /** open(2) without O_CREAT, so the variadic mode argument is never read. */
    static native int open(String path, int flags);

    /** close(2). */
    static native int close(int fd);

    /**
     * ioctl(2) with a pointer argument. ioctl is variadic in C and direct mapping has no varargs, but on the
     * supported ABIs a pointer third argument is passed the same way for both prototypes. The request is an
     * unsigned long in glibc; the kernel truncates it to 32 bits.
     */
    static native int ioctl(int fd, NativeLong request, Pointer arg);

    /** poll(2) over {@code nfds} consecutive {@code struct pollfd}. */
    static native int poll(Pointer fds, int nfds, int timeoutMs);

    /** read(2); size_t and ssize_t are pointer-sized, which NativeLong is on Linux. */
    static native NativeLong read(int fd, Pointer buf, NativeLong count);

    /** write(2). */
    static native NativeLong write(int fd, Pointer buf, NativeLong count);

    /** eventfd(2): a counter fd used to wake a thread blocked in poll(2). */
    static native int eventfd(int initval, int flags);

    /** strerror(3), for messages; the returned text is copied before the next call on this thread. */
    static native String strerror(int errnum);

    /** Calls ioctl(2), retrying EINTR; returns 0 on success, otherwise the errno. */
    static int ioctlErrno(int fd, int request, Pointer arg) {
        NativeLong req = new NativeLong(Integer.toUnsignedLong(request), true);
        while (true) {
            if (ioctl(fd, req, arg) != -1) {
                return 0;
            }
            int errno = Native.getLastError();
            if (errno != Errno.EINTR) {
                return errno;
            }
        }
    }

    /** Calls open(2), retrying EINTR; returns the fd, or minus the errno. */
    static int openErrno(String path, int flags) {
        while (true) {
            int fd = open(path, flags);
            if (fd >= 0) {
                return fd;
            }
            int errno = Native.getLastError();
            if (errno != Errno.EINTR) {
                return -errno;
            }
        }
    }

    /**
     * Calls poll(2) once; returns the number of ready fds (0 on timeout), or minus the errno. EINTR is returned
     * (as {@code -EINTR}) rather than retried because the caller owns the deadline.
     */
    static int pollErrno(Pointer fds, int nfds, int timeoutMs) {
        int n = poll(fds, nfds, timeoutMs);
        return n >= 0 ? n : -Native.getLastError();
    }

    /** Calls read(2), retrying EINTR; returns the byte count, or minus the errno. */
    static long readErrno(int fd, Pointer buf, long count) {
        NativeLong n = new NativeLong(count, true);
        while (true) {
            long got = read(fd, buf, n).longValue();
            if (got >= 0) {
                return got;
            }
            int errno = Native.getLastError();
            if (errno != Errno.EINTR) {
                return -errno;
            }
        }
    }

    /** Calls write(2), retrying EINTR; returns the byte count, or minus the errno. */
    static long writeErrno(int fd, Pointer buf, long count) {
        NativeLong n = new NativeLong(count, true);
        while (true) {
            long put = write(fd, buf, n).longValue();
            if (put >= 0) {
                return put;
            }
            int errno = Native.getLastError();
            if (errno != Errno.EINTR) {
                return -errno;
            }
        }
    }

    /**
     * Calls close(2) once and returns 0 or the errno. Not retried on EINTR: Linux releases the fd even then, and
     * a retry could close an fd another thread has just been given.
     */
    static int closeErrno(int fd) {
        return close(fd) == 0 ? 0 : Native.getLastError();
    }

    /** strerror(3) text for {@code errno}, or an empty string if libc has none. */
    static String describe(int errno) {
        String text = strerror(errno);
        return text == null ? "" : text;
    }
}
