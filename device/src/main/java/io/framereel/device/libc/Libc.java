package io.framereel.device.libc;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * The libc calls of the device bindings that open a node, ioctl it, map its memory and wait on it (fb, drm,
 * and v4l2 behind its fakeable {@code LibC}),
 * direct-mapped: no allocation per call, which matters for the flips, polls and event reads done every frame.
 * One set of natives per data model, because size_t and ssize_t are 64-bit on LP64 and 32-bit on armhf and
 * direct mapping has no unboxed NativeLong. Failures return -1 (or errno, where the method says) and leave errno
 * in {@link #errno()}; policy stays with the caller. For binding packages only: its signatures carry JNA's
 * Pointer, which the bindings' public types never show. Thread-safe: every call is independent.
 */
public final class Libc {
    public static final int O_RDWR = 2;
    public static final int O_CLOEXEC = 0x80000; // same value on x86_64, arm64 and arm
    public static final int PROT_READ = 1;
    public static final int PROT_WRITE = 2;
    public static final int MAP_SHARED = 1;
    public static final short POLLIN = 0x1;
    public static final int SIZEOF_POLLFD = 8; // int fd, short events, short revents on every supported ABI

    private static final boolean LP64 = Native.POINTER_SIZE == 8;

    private Libc() {
    }

    private static final class Lp64 {
        static {
            Native.register(Lp64.class, NativeLibrary.getProcess());
        }

        static native int open(String path, int flags);

        static native int close(int fd);

        static native int ioctl(int fd, long request, Pointer argument);

        static native Pointer mmap(Pointer address, long length, int prot, int flags, int fd, long offset);

        static native int munmap(Pointer address, long length);

        static native int poll(Pointer fds, long count, int timeoutMs);

        static native long read(int fd, Pointer buffer, long count);
    }

    /**
     * armhf. mmap64 rather than mmap: DRM's MAP_DUMB hands out a fake offset that a 64-bit kernel (Pi OS runs one under
     * 32-bit userlands) places above 4 GiB, beyond a 32-bit off_t.
     */
    private static final class Ilp32 {
        static {
            Native.register(Ilp32.class, NativeLibrary.getProcess());
        }

        static native int open(String path, int flags);

        static native int close(int fd);

        static native int ioctl(int fd, int request, Pointer argument);

        static native Pointer mmap64(Pointer address, int length, int prot, int flags, int fd, long offset);

        static native int munmap(Pointer address, int length);

        static native int poll(Pointer fds, int count, int timeoutMs);

        static native int read(int fd, Pointer buffer, int count);
    }

    /** open(2) read-write, close-on-exec. */
    public static int open(String path) {
        return open(path, O_RDWR | O_CLOEXEC);
    }

    /** open(2) with the caller's flags and no mode (nothing is created). */
    public static int open(String path, int flags) {
        return LP64 ? Lp64.open(path, flags) : Ilp32.open(path, flags);
    }

    public static int close(int fd) {
        return LP64 ? Lp64.close(fd) : Ilp32.close(fd);
    }

    /** ioctl(2), retrying EINTR (a signal must not fail a mode set or a pan); 0 or errno. */
    public static int ioctl(int fd, int request, Pointer argument) {
        while (true) {
            int rc = LP64 ? Lp64.ioctl(fd, request & 0xffffffffL, argument) : Ilp32.ioctl(fd, request, argument);
            if (rc != -1) {
                return 0;
            }
            int errno = errno();
            if (errno != Errno.EINTR) {
                return errno;
            }
        }
    }

    /** mmap(NULL, length, READ|WRITE, SHARED, fd, offset); null on failure (MAP_FAILED). */
    public static Pointer mapShared(int fd, long length, long offset) {
        return mmap(fd, length, PROT_READ | PROT_WRITE, MAP_SHARED, offset);
    }

    /** mmap(NULL, length, prot, flags, fd, offset) with a kernel-chosen address; null on failure (MAP_FAILED). */
    public static Pointer mmap(int fd, long length, int prot, int flags, long offset) {
        Pointer p = LP64 ? Lp64.mmap(null, length, prot, flags, fd, offset)
                : Ilp32.mmap64(null, (int) length, prot, flags, fd, offset);
        if (p == null) {
            return null;
        }
        long address = Pointer.nativeValue(p);
        return address == -1L || address == 0xffffffffL ? null : p;
    }

    public static int munmap(Pointer address, long length) {
        return LP64 ? Lp64.munmap(address, length) : Ilp32.munmap(address, (int) length);
    }

    /** poll(2) once: ready count, 0 on timeout, -1 with errno (EINTR included: the caller owns the deadline). */
    public static int poll(Pointer fds, int count, int timeoutMs) {
        return LP64 ? Lp64.poll(fds, count, timeoutMs) : Ilp32.poll(fds, count, timeoutMs);
    }

    /** read(2) once: bytes read, or -1 with errno. */
    public static long read(int fd, Pointer buffer, int count) {
        return LP64 ? Lp64.read(fd, buffer, count) : Ilp32.read(fd, buffer, count);
    }

    public static int errno() {
        return Native.getLastError();
    }
}
