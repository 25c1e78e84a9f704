package io.framereel.device.gpio.cdev;

import io.framereel.device.libc.Errno;

import java.io.IOException;

/**
 * A GPIO system call that failed with an errno. The message names the device, the call and the errno, and a
 * fix when one is known, on one line; the same facts are fields for callers that branch on them.
 */
public class GpioErrnoException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String device;
    private final String operation;
    private final int errno;

    GpioErrnoException(String device, String operation, int errno) {
        super(message(device, operation, errno));
        this.device = device;
        this.operation = operation;
        this.errno = errno;
    }

    private static String message(String device, String operation, int errno) {
        StringBuilder m = new StringBuilder(device).append(" - ").append(operation).append(" failed: ")
                .append(Errno.name(errno));
        String text = LibC.describe(errno);
        if (!text.isEmpty()) {
            m.append(" (").append(text).append(')');
        }
        String hint = hint(errno);
        if (!hint.isEmpty()) {
            m.append("; ").append(hint);
        }
        return m.toString();
    }

    private static String hint(int errno) {
        switch (errno) {
            case Errno.EACCES:
            case Errno.EPERM:
                return "give the user access to the chip (group gpio, or a udev rule) instead of running as root";
            case Errno.EBUSY:
                return "the line is held by another consumer (see gpioinfo)";
            case Errno.ENOTTY:
                return "not a GPIO character device, or a kernel older than 5.10 without the v2 uAPI";
            case Errno.ENODEV:
                return "the chip was removed";
            default:
                return "";
        }
    }

    /** The device, e.g. {@code /dev/gpiochip0} or {@code /dev/gpiochip0 line 17}. */
    public String device() {
        return device;
    }

    /** The failed call, e.g. {@code GPIO_V2_GET_LINE_IOCTL}. */
    public String operation() {
        return operation;
    }

    /** The errno value. */
    public int errno() {
        return errno;
    }

    /** Whether the failure was EBUSY: the line is held by someone else. */
    public boolean isBusy() {
        return errno == Errno.EBUSY;
    }

    /** Whether the failure was EACCES or EPERM. */
    public boolean isPermissionDenied() {
        return errno == Errno.EACCES || errno == Errno.EPERM;
    }

    /** Whether the failure was ENOENT: no such device node. */
    public boolean isNotFound() {
        return errno == Errno.ENOENT;
    }
}
