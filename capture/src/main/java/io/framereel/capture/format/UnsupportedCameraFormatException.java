package io.framereel.capture.format;

import io.framereel.device.v4l2.FourCc;

/**
 * A camera pixel format (V4L2 fourcc) that frames cannot be stored from. The message names the fourcc as text
 * and lists the supported ones, so the user can pick another format with {@code framereel devices}.
 */
public class UnsupportedCameraFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final int fourcc;

    public UnsupportedCameraFormatException(int fourcc) {
        super("camera format '" + FourCc.toString(fourcc) + "' is not supported; supported formats: "
                + String.join(", ", CameraFormat.supportedNames()));
        this.fourcc = fourcc;
    }

    /** The rejected V4L2 fourcc code. */
    public int fourcc() {
        return fourcc;
    }
}
