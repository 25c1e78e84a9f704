package io.framereel.device.gpio.cdev;

/**
 * The {@code errno.h} values this binding treats specially or names in messages; identical on x86_64, aarch64 and
 * armhf (pinned by {@code GpioUapiLayoutTest}).
 */
interface Errno {
    /** Operation not permitted. */
    int EPERM = 1;
    /** No such file or directory. */
    int ENOENT = 2;
    /** Interrupted system call: retried. */
    int EINTR = 4;
    /** I/O error. */
    int EIO = 5;
    /** No such device or address. */
    int ENXIO = 6;
    /** Bad file descriptor. */
    int EBADF = 9;
    /** Resource temporarily unavailable: nothing to read on a non-blocking fd. */
    int EAGAIN = 11;
    /** Permission denied. */
    int EACCES = 13;
    /** Device or resource busy: the line is held by another consumer. */
    int EBUSY = 16;
    /** No such device: the chip was removed while open. */
    int ENODEV = 19;
    /** Invalid argument: bad flags, offsets or attribute combination. */
    int EINVAL = 22;
    /** Inappropriate ioctl for device: not a GPIO chip, or a kernel without the v2 uAPI. */
    int ENOTTY = 25;
    /** Operation not supported. */
    int ENOTSUP = 95;

    /** Returns the symbolic name of {@code errno}, or {@code "errno N"} for values not listed here. */
    static String name(int errno) {
        switch (errno) {
            case EPERM: return "EPERM";
            case ENOENT: return "ENOENT";
            case EINTR: return "EINTR";
            case EIO: return "EIO";
            case EBADF: return "EBADF";
            case ENXIO: return "ENXIO";
            case EAGAIN: return "EAGAIN";
            case EACCES: return "EACCES";
            case EBUSY: return "EBUSY";
            case ENODEV: return "ENODEV";
            case EINVAL: return "EINVAL";
            case ENOTTY: return "ENOTTY";
            case ENOTSUP: return "ENOTSUP";
            default: return "errno " + errno;
        }
    }
}
