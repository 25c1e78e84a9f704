package io.framereel.device.v4l2;

import com.sun.jna.Pointer;

/**
 * The libc calls V4L2 needs, with C semantics: -1 (or null from mmap) on failure and the reason in
 * {@link #errno()}. No policy here: retries, exceptions and EAGAIN handling belong to the callers.
 * {@link #INSTANCE} binds to the process's own symbols, so an LD_PRELOADed V4L2 shim (libcamerify) sees
 * our calls too. Tests substitute a fake kernel. Implementations are thread-safe; errno is per thread.
 */
interface LibC {
    /** The libc of this process, mapped for the running ABI. */
    LibC INSTANCE = NativeLibC.create();

    /** open(2) without a mode (we never create files). */
    int open(String path, int flags);

    /** close(2). */
    int close(int fd);

    /** ioctl(2); {@code request} is the 32-bit request number, passed zero-extended as C's unsigned long. */
    int ioctl(int fd, int request, Pointer argument);

    /** mmap(2) with a kernel-chosen address; returns null instead of MAP_FAILED. */
    Pointer mmap(long lengthBytes, int prot, int flags, int fd, long offset);

    /** munmap(2). */
    int munmap(Pointer address, long lengthBytes);

    /** poll(2) on {@code count} consecutive {@code struct pollfd}. */
    int poll(Pointer fds, int count, int timeoutMs);

    /** The errno left by the last failed call of this thread. */
    int errno();
}
