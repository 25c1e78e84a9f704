package io.framereel.device.fb;

import java.io.IOException;

/** A failed framebuffer operation, naming the device, the call and the errno where there is one. */
public final class FbException extends IOException {
    private static final long serialVersionUID = 1L;

    public FbException(String device, String operation, int errno, String detail) {
        super(device + ": " + operation + (errno != 0 ? " failed: errno " + errno + errnoName(errno) : "")
                + (detail == null ? "" : (errno != 0 ? " (" + detail + ")" : ": " + detail)));
    }

    private static String errnoName(int errno) {
        switch (errno) {
            case 1: return " (EPERM)";
            case 2: return " (ENOENT)";
            case 13: return " (EACCES)";
            case 16: return " (EBUSY)";
            case 19: return " (ENODEV)";
            case 22: return " (EINVAL)";
            case 25: return " (ENOTTY: not a framebuffer)";
            default: return "";
        }
    }
}
