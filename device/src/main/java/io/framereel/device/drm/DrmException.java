package io.framereel.device.drm;

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
            m.append(" failed: ").append(errnoName(errno));
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

    /** The symbol of an errno the DRM calls return, or "errno N". */
    static String errnoName(int errno) {
        switch (errno) {
            case 1: return "EPERM";
            case 2: return "ENOENT";
            case 4: return "EINTR";
            case 5: return "EIO";
            case 9: return "EBADF";
            case 11: return "EAGAIN";
            case 12: return "ENOMEM";
            case 13: return "EACCES";
            case 14: return "EFAULT";
            case 16: return "EBUSY";
            case 19: return "ENODEV";
            case 22: return "EINVAL";
            case 25: return "ENOTTY";
            case 28: return "ENOSPC";
            case 38: return "ENOSYS";
            case 95: return "EOPNOTSUPP";
            default: return "errno " + errno;
        }
    }

    private static String hint(String operation, int errno) {
        if (errno == 13 && operation.equals("open")) {
            return "add the user to the device's group (video)";
        }
        if ((errno == 13 || errno == 1) && operation.startsWith("DRM_IOCTL_MODE_")) {
            return "another process is DRM master (a desktop or compositor holds the display); stop it or use its "
                    + "console";
        }
        if (errno == 25) {
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
