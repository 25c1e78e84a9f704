package io.framereel.capture.format;

import java.io.IOException;

/**
 * A camera frame that cannot be converted: fewer bytes than its geometry needs, or a compressed frame that is
 * not a whole JPEG. The message names the camera format, the geometry and what is wrong. One bad frame need not
 * end a capture, hence a checked exception the capture loop can count and skip.
 */
public class FrameFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public FrameFormatException(String message) {
        super(message);
    }
}
