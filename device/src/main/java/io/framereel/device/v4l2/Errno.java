package io.framereel.device.v4l2;

/**
 * errno values from {@code <asm-generic/errno-base.h>} and {@code <asm-generic/errno.h>} (identical on x86_64,
 * arm64 and arm), with the header's comments, and their symbolic names for messages.
 */
final class Errno {
    private Errno() {
    }

    /** Operation not permitted */
    static final int EPERM = 1;
    /** No such file or directory */
    static final int ENOENT = 2;
    /** Interrupted system call */
    static final int EINTR = 4;
    /** I/O error */
    static final int EIO = 5;
    /** No such device or address */
    static final int ENXIO = 6;
    /** Bad file number */
    static final int EBADF = 9;
    /** Try again */
    static final int EAGAIN = 11;
    /** Out of memory */
    static final int ENOMEM = 12;
    /** Permission denied */
    static final int EACCES = 13;
    /** Bad address */
    static final int EFAULT = 14;
    /** Device or resource busy */
    static final int EBUSY = 16;
    /** No such device */
    static final int ENODEV = 19;
    /** Invalid argument */
    static final int EINVAL = 22;
    /** Not a typewriter (the ioctl is not supported by this device) */
    static final int ENOTTY = 25;
    /** No space left on device */
    static final int ENOSPC = 28;
    /** Broken pipe */
    static final int EPIPE = 32;
    /** Math result not representable */
    static final int ERANGE = 34;
    /** No data available */
    static final int ENODATA = 61;
    /** Operation not supported on transport endpoint (ENOTSUP in glibc) */
    static final int EOPNOTSUPP = 95;

    /** The symbolic name, e.g. "EINVAL", or "errno 42" for one not listed here. */
    static String name(int errno) {
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
            case ENODATA: return "ENODATA";
            case EOPNOTSUPP: return "EOPNOTSUPP";
            default: return "errno " + errno;
        }
    }
}
