package io.framereel.device.v4l2;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

import io.framereel.device.libc.Libc;

/**
 * {@link LibC} on the process's libc, through {@link Libc}'s direct-mapped natives (one set per data model, no
 * allocation per call). errno is JNA's saved {@code errno} of this thread, left by the last failed call.
 * Thread-safe.
 */
final class NativeLibC implements LibC {
    private NativeLibC() {
    }

    static LibC create() {
        return new NativeLibC();
    }

    @Override
    public int open(String path, int flags) {
        return Libc.open(path, flags);
    }

    @Override
    public int close(int fd) {
        return Libc.close(fd);
    }

    /** EINTR is retried inside {@link Libc#ioctl}; a failure returns -1 with its errno left for {@link #errno()}. */
    @Override
    public int ioctl(int fd, int request, Pointer argument) {
        return Libc.ioctl(fd, request, argument) == 0 ? 0 : -1;
    }

    @Override
    public Pointer mmap(long lengthBytes, int prot, int flags, int fd, long offset) {
        if (Native.POINTER_SIZE == 4 && lengthBytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("mmap of " + lengthBytes + " bytes in a 32-bit process");
        }
        return Libc.mmap(fd, lengthBytes, prot, flags, offset);
    }

    @Override
    public int munmap(Pointer address, long lengthBytes) {
        return Libc.munmap(address, lengthBytes);
    }

    @Override
    public int poll(Pointer fds, int count, int timeoutMs) {
        return Libc.poll(fds, count, timeoutMs);
    }

    @Override
    public int errno() {
        return Libc.errno();
    }
}
