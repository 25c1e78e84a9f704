package io.framereel.device.v4l2;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * {@link LibC} through JNA direct mapping, which is faster than interface mapping and, with primitive and
 * {@link Pointer} arguments only, allocates nothing per call. Direct mapping has no {@code NativeLong}
 * without boxing, so there is one set of natives per data model: LP64 passes {@code unsigned long},
 * {@code size_t} and {@code off_t} as Java {@code long}, ILP32 (armhf) as {@code int}. errno comes from
 * {@link Native#getLastError()}, which JNA saves after every call; declaring LastErrorException instead would
 * cost an exception per EAGAIN. Thread-safe.
 */
final class NativeLibC {
    private NativeLibC() {
    }

    static LibC create() {
        return Native.POINTER_SIZE == 8 ? new Lp64() : new Ilp32();
    }

    private static final long MAP_FAILED_32 = 0xffffffffL;

    /** Natives for LP64 (x86_64, aarch64). */
    private static final class Lp64Natives {
        static {
            Native.register(Lp64Natives.class, NativeLibrary.getProcess());
        }

        static native int open(String path, int flags);

        static native int close(int fd);

        static native int ioctl(int fd, long request, Pointer argument);

        static native Pointer mmap(Pointer address, long length, int prot, int flags, int fd, long offset);

        static native int munmap(Pointer address, long length);

        static native int poll(Pointer fds, long count, int timeoutMs);
    }

    /** Natives for ILP32 (armhf); mmap's off_t is the 32-bit one of the plain mmap symbol. */
    private static final class Ilp32Natives {
        static {
            Native.register(Ilp32Natives.class, NativeLibrary.getProcess());
        }

        static native int open(String path, int flags);

        static native int close(int fd);

        static native int ioctl(int fd, int request, Pointer argument);

        static native Pointer mmap(Pointer address, int length, int prot, int flags, int fd, int offset);

        static native int munmap(Pointer address, int length);

        static native int poll(Pointer fds, int count, int timeoutMs);
    }

    private static final class Lp64 implements LibC {
        @Override
        public int open(String path, int flags) {
            return Lp64Natives.open(path, flags);
        }

        @Override
        public int close(int fd) {
            return Lp64Natives.close(fd);
        }

        @Override
        public int ioctl(int fd, int request, Pointer argument) {
            return Lp64Natives.ioctl(fd, request & 0xffffffffL, argument);
        }

        @Override
        public Pointer mmap(long lengthBytes, int prot, int flags, int fd, long offset) {
            Pointer p = Lp64Natives.mmap(null, lengthBytes, prot, flags, fd, offset);
            return p == null || Pointer.nativeValue(p) == Mman.MAP_FAILED ? null : p;
        }

        @Override
        public int munmap(Pointer address, long lengthBytes) {
            return Lp64Natives.munmap(address, lengthBytes);
        }

        @Override
        public int poll(Pointer fds, int count, int timeoutMs) {
            return Lp64Natives.poll(fds, count, timeoutMs);
        }

        @Override
        public int errno() {
            return Native.getLastError();
        }
    }

    private static final class Ilp32 implements LibC {
        @Override
        public int open(String path, int flags) {
            return Ilp32Natives.open(path, flags);
        }

        @Override
        public int close(int fd) {
            return Ilp32Natives.close(fd);
        }

        @Override
        public int ioctl(int fd, int request, Pointer argument) {
            return Ilp32Natives.ioctl(fd, request, argument);
        }

        @Override
        public Pointer mmap(long lengthBytes, int prot, int flags, int fd, long offset) {
            if (lengthBytes > Integer.MAX_VALUE || offset > 0xffffffffL) {
                throw new IllegalArgumentException("mmap beyond 32 bits: length " + lengthBytes + " offset " + offset);
            }
            Pointer p = Ilp32Natives.mmap(null, (int) lengthBytes, prot, flags, fd, (int) offset);
            if (p == null) {
                return null;
            }
            long address = Pointer.nativeValue(p);
            return address == Mman.MAP_FAILED || address == MAP_FAILED_32 ? null : p;
        }

        @Override
        public int munmap(Pointer address, long lengthBytes) {
            return Ilp32Natives.munmap(address, (int) lengthBytes);
        }

        @Override
        public int poll(Pointer fds, int count, int timeoutMs) {
            return Ilp32Natives.poll(fds, count, timeoutMs);
        }

        @Override
        public int errno() {
            return Native.getLastError();
        }
    }
}
