package io.framereel.webcam;

/** A frame that cannot be turned into pixels (torn, short, undecodable): skipped, and the next one taken. */
final class UnusableFrameException extends Exception {
    private static final long serialVersionUID = 1L;

    UnusableFrameException(String message) {
        super(message);
    }

    UnusableFrameException(String message, Throwable cause) {
        super(message, cause);
    }
}
