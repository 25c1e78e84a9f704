package io.framereel.device.v4l2;

import io.framereel.device.libc.Errno;

import java.io.IOException;

/**
 * A failed V4L2 operation on one device. The message names the device, the ioctl (or libc call) and the
 * errno, plus what was asked for when that helps, e.g.
 * {@code /dev/video0: VIDIOC_S_FMT failed: EINVAL (format YUYV 640x480 not supported)}. The same facts are
 * fields, so callers can branch on {@link #errno()} without parsing text.
 */
public final class V4l2Exception extends IOException {
    private static final long serialVersionUID = 1L;

    /** errno value for failures that are not a failed system call (e.g. a driver returning a bad value). */
    public static final int NO_ERRNO = 0;

    private final String device;
    private final String operation;
    private final int errno;

    public V4l2Exception(String device, String operation, int errno, String detail) {
        super(message(device, operation, errno, detail));
        this.device = device;
        this.operation = operation;
        this.errno = errno;
    }

    public V4l2Exception(String device, String operation, int errno, String detail, Throwable cause) {
        this(device, operation, errno, detail);
        initCause(cause);
    }

    private static String message(String device, String operation, int errno, String detail) {
        StringBuilder sb = new StringBuilder(device).append(": ").append(operation);
        if (errno != NO_ERRNO) {
            sb.append(" failed: ").append(Errno.name(errno));
            if (detail != null) {
                sb.append(" (").append(detail).append(')');
            }
        } else {
            sb.append(": ").append(detail);
        }
        return sb.toString();
    }

    /** The device path, e.g. {@code /dev/video0}. */
    public String device() {
        return device;
    }

    /** The ioctl or libc call that failed, e.g. {@code VIDIOC_S_FMT} or {@code mmap}. */
    public String operation() {
        return operation;
    }

    /** The errno, or {@link #NO_ERRNO}. */
    public int errno() {
        return errno;
    }

    /** The symbolic errno, e.g. {@code EINVAL}. */
    public String errnoName() {
        return Errno.name(errno);
    }
}
