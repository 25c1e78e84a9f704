package io.framereel.capture.source;

import java.io.IOException;

/**
 * rpicam-vid failed: it exited, stalled or wrote something that is not a frame stream. The message is one line
 * naming the process, what happened, the frame and byte offset on its stdout, and the last lines of its stderr;
 * the same facts are fields, for callers that act on them.
 */
public final class RpicamException extends IOException {
    private static final long serialVersionUID = 1L;

    /** {@link #exitStatus()} while the process still ran (a stall) or never started. */
    public static final int NO_EXIT_STATUS = Integer.MIN_VALUE;

    private final long pid;
    private final int exitStatus;
    private final long frames;
    private final long streamOffset;
    private final String stderrTail;

    RpicamException(String message, long pid, int exitStatus, long frames, long streamOffset, String stderrTail) {
        super(message);
        this.pid = pid;
        this.exitStatus = exitStatus;
        this.frames = frames;
        this.streamOffset = streamOffset;
        this.stderrTail = stderrTail;
    }

    /** The process id of rpicam-vid; -1 if it never started. */
    public long pid() {
        return pid;
    }

    /** Its exit status (128 + n after signal n), or {@link #NO_EXIT_STATUS}. */
    public int exitStatus() {
        return exitStatus;
    }

    /** Whole frames read from it before the failure. */
    public long frames() {
        return frames;
    }

    /** Bytes read from its stdout before the failure: where the stream ended or went wrong. */
    public long streamOffset() {
        return streamOffset;
    }

    /** Its last stderr lines, joined with " | ". */
    public String stderrTail() {
        return stderrTail;
    }
}
