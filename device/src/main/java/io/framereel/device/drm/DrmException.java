package io.framereel.device.drm;

import io.framereel.device.libc.Errno;

import java.io.IOException;

/**
 * A failed DRM operation: the message names the device, the call (the ioctl's name) and the errno by its symbol,
 * with a fix when one is known, on one line; the same facts are fields. errno 0 means a check of ours failed
 * rather than the kernel (no connected connector, no such mode).
 */
public final class DrmException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String device;
    private final String operation;
    private final int errno;

    DrmException(String device, String operation, int errno, String detail) {
        super(message(device, operation, errno, detail));
        this.device = device;
        this.operation = operation;
        this.errno = errno;
    }

    private static String message(String device, String operation, int errno, String detail) {
        StringBuilder m = new StringBuilder(device).append(": ").append(operation);
        if (errno != 0) {
            m.append(" failed: ").append(Errno.name(errno));
            String hint = hint(operation, errno);
            if (detail != null) {
                m.append(" (").append(detail).append(')');
            }
            if (!hint.isEmpty()) {
                m.append("; ").append(hint);
            }
        } else if (detail != null) {
            m.append(": ").append(detail);
        }
        return m.toString();
    }

    private static String hint(String operation, int errno) {
        if (errno == Errno.EACCES && operation.equals("open")) {
            return "add the user to the device's group (video)";
        }
        if ((errno == Errno.EACCES || errno == Errno.EPERM) && operation.startsWith("DRM_IOCTL_MODE_")) {
            return "another process is DRM master (a desktop or compositor holds the display); stop it or use its "
                    + "console";
        }
        if (errno == Errno.ENOTTY) {
            return "not a DRM device, or one without kernel mode setting";
        }
        return "";
    }

    /** The device, e.g. {@code /dev/dri/card0}. */
    public String device() {
        return device;
    }

    /** The failed call, e.g. {@code DRM_IOCTL_MODE_PAGE_FLIP}. */
    public String operation() {
        return operation;
    }

    /** The errno, or 0 when a check of ours failed. */
    public int errno() {
        return errno;
    }
}
