package io.framereel.device.libc;

/**
 * errno values from {@code <asm-generic/errno-base.h>} and {@code <asm-generic/errno.h>} (identical on x86_64,
 * arm64 and arm: pinned against the compiler by the v4l2 and GPIO layout tests), with their symbolic names for
 * the messages of every binding.
 */
public final class Errno {
    private Errno() {
    }

    /** Operation not permitted. */
    public static final int EPERM = 1;
    /** No such file or directory. */
    public static final int ENOENT = 2;
    /** Interrupted system call: retried by the bindings. */
    public static final int EINTR = 4;
    /** I/O error. */
    public static final int EIO = 5;
    /** No such device or address. */
    public static final int ENXIO = 6;
    /** Bad file descriptor. */
    public static final int EBADF = 9;
    /** Try again: nothing to read (or dequeue) on a non-blocking fd. */
    public static final int EAGAIN = 11;
    /** Out of memory. */
    public static final int ENOMEM = 12;
    /** Permission denied. */
    public static final int EACCES = 13;
    /** Bad address. */
    public static final int EFAULT = 14;
    /** Device or resource busy (a GPIO line held by another consumer, a V4L2 device streaming). */
    public static final int EBUSY = 16;
    /** No such device: removed while open. */
    public static final int ENODEV = 19;
    /** Invalid argument. */
    public static final int EINVAL = 22;
    /** Not a typewriter: the ioctl is not supported by this device. */
    public static final int ENOTTY = 25;
    /** No space left on device. */
    public static final int ENOSPC = 28;
    /** Broken pipe. */
    public static final int EPIPE = 32;
    /** Math result not representable. */
    public static final int ERANGE = 34;
    /** Function not implemented. */
    public static final int ENOSYS = 38;
    /** No data available. */
    public static final int ENODATA = 61;
    /** Operation not supported (glibc's ENOTSUP is the same value on Linux). */
    public static final int EOPNOTSUPP = 95;
    /** The same value as {@link #EOPNOTSUPP}. */
    public static final int ENOTSUP = EOPNOTSUPP;

    /** The symbolic name, e.g. "EINVAL", or "errno 42" for one not listed here. */
    public static String name(int errno) {
        switch (errno) {
            case EPERM: return "EPERM";
            case ENOENT: return "ENOENT";
            case EINTR: return "EINTR";
            case EIO: return "EIO";
            case ENXIO: return "ENXIO";
            case EBADF: return "EBADF";
            case EAGAIN: return "EAGAIN";
            case ENOMEM: return "ENOMEM";
            case EACCES: return "EACCES";
            case EFAULT: return "EFAULT";
            case EBUSY: return "EBUSY";
            case ENODEV: return "ENODEV";
            case EINVAL: return "EINVAL";
            case ENOTTY: return "ENOTTY";
            case ENOSPC: return "ENOSPC";
            case EPIPE: return "EPIPE";
            case ERANGE: return "ERANGE";
            case ENOSYS: return "ENOSYS";
            case ENODATA: return "ENODATA";
            case EOPNOTSUPP: return "EOPNOTSUPP";
            default: return "errno " + errno;
        }
    }
}
