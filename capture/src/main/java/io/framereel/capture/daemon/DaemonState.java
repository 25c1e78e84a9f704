package io.framereel.capture.daemon;

import java.util.Locale;

/** What the daemon is doing, as {@code framereel ctl status} and systemd's STATUS= show it. */
public enum DaemonState {
    /** Opening the camera for the first time. */
    STARTING,
    /** The camera streams into the pre-trigger ring; no file is open. */
    IDLE,
    /** Frames go to a file. */
    RECORDING,
    /** Stop was asked; the post-trigger seconds are still being recorded. */
    FINISHING,
    /** Recording is wanted but free space is below the minimum; resumes into a new file when space returns. */
    DISK_FULL,
    /** The camera failed or was unplugged; reopening it every camera.reopen-interval. */
    CAMERA_LOST,
    /** Shutting down: closing files. */
    STOPPING;

    /** The lower-case name used in JSON and logs. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
