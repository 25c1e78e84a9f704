package io.framereel.device.fb;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * The five libc calls a framebuffer needs, through JNA direct mapping (no allocation per call). One set of
 * natives per data model, because size_t and off_t are 64-bit on LP64 and 32-bit on armhf, and direct mapping
 * has no unboxed NativeLong. Not thread-safe per descriptor; the calls themselves are.
 */
final class FbNatives {
    static final int O_RDWR = 2;
    static final int O_CLOEXEC = 0x80000; // same value on x86_64, arm64 and arm
    static final int PROT_READ = 1;
    static final int PROT_WRITE = 2;
    static final int MAP_SHARED = 1;

    private FbNatives() {
    }

    private static final boolean LP64 = Native.POINTER_SIZE == 8;

    private static final class Lp64 {
        static {
            Native.register(Lp64.class, NativeLibrary.getProcess());
        }

        static native int open(String path, int flags);

        static native int close(int fd);

        static native int ioctl(int fd, long request, Pointer argument);

        static native Pointer mmap(Pointer address, long length, int prot, int flags, int fd, long offset);

        static native int munmap(Pointer address, long length);
    }

    private static final class Ilp32 {
        static {
            Native.register(Ilp32.class, NativeLibrary.getProcess());
        }

        static native int open(String path, int flags);

        static native int close(int fd);

        static native int ioctl(int fd, int request, Pointer argument);

        static native Pointer mmap(Pointer address, int length, int prot, int flags, int fd, int offset);

        static native int munmap(Pointer address, int length);
    }

    static int open(String path) {
        return LP64 ? Lp64.open(path, O_RDWR | O_CLOEXEC) : Ilp32.open(path, O_RDWR | O_CLOEXEC);
    }

    static int close(int fd) {
        return LP64 ? Lp64.close(fd) : Ilp32.close(fd);
    }

    static int ioctl(int fd, int request, Pointer argument) {
        return LP64 ? Lp64.ioctl(fd, request & 0xffffffffL, argument) : Ilp32.ioctl(fd, request, argument);
    }

    /** mmap(NULL, length, READ|WRITE, SHARED, fd, 0); null on failure (MAP_FAILED). */
    static Pointer mapShared(int fd, long length) {
        Pointer p = LP64 ? Lp64.mmap(null, length, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0)
                : Ilp32.mmap(null, (int) length, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
        if (p == null) {
            return null;
        }
        long address = Pointer.nativeValue(p);
        return address == -1L || address == 0xffffffffL ? null : p;
    }

    static int munmap(Pointer address, long length) {
        return LP64 ? Lp64.munmap(address, length) : Ilp32.munmap(address, (int) length);
    }

    static int errno() {
        return Native.getLastError();
    }
}
