package io.framereel.capture.daemon;

import io.framereel.capture.json.Json;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The daemon's counters and state, written by the threads that own each value and read by status queries,
 * systemd STATUS= lines and the watchdog. Every field is a single volatile written by one thread, so readers see
 * each value whole though not all values from the same instant; that is what a status line needs. Thread-safe.
 */
public final class StatusBoard {
    private final long startedNanos = System.nanoTime();

    volatile DaemonState state = DaemonState.STARTING;
    volatile String camera = "";
    volatile Path currentFile;
    volatile long currentFileFrames;
    volatile Path lastFile;
    volatile long framesRecorded;
    volatile long filesCompleted;
    volatile long snapshots;
    volatile long cameraFrames;
    volatile long droppedByCamera;
    volatile long droppedByStorage;
    volatile double cameraFps;
    volatile int ringFill;
    volatile int ringCapacity;
    volatile long ringBytes;
    volatile double ringSeconds;
    volatile long freeBytes = -1;
    volatile long cameraReopens;
    volatile String lastError;
    /** When the newest frame reached the ring (System.nanoTime), for the watchdog; 0 = none yet. */
    volatile long lastFrameNanos;

    public DaemonState state() {
        return state;
    }

    public long framesRecorded() {
        return framesRecorded;
    }

    public long filesCompleted() {
        return filesCompleted;
    }

    public Path currentFile() {
        return currentFile;
    }

    public Path lastFile() {
        return lastFile;
    }

    public String lastError() {
        return lastError;
    }

    /** Frames the camera delivered into the ring in this camera session (since the camera was last opened). */
    public long cameraFrames() {
        return cameraFrames;
    }

    /** Frames lost on the way: by the camera or capture thread, and overwritten in the ring before reaching disk. */
    public long dropped() {
        return droppedByCamera + droppedByStorage;
    }

    public long lastFrameNanos() {
        return lastFrameNanos;
    }

    void error(String message) {
        lastError = message;
    }

    /** One JSON object: what {@code framereel ctl status --json} prints. */
    public String toJson() {
        Path cur = currentFile;
        Path last = lastFile;
        return "{\"state\":" + Json.string(state.label())
                + ",\"camera\":" + Json.string(camera)
                + ",\"file\":" + Json.string(cur == null ? null : cur.toString())
                + ",\"file_frames\":" + currentFileFrames
                + ",\"last_file\":" + Json.string(last == null ? null : last.toString())
                + ",\"frames_recorded\":" + framesRecorded
                + ",\"files\":" + filesCompleted
                + ",\"snapshots\":" + snapshots
                + ",\"camera_frames\":" + cameraFrames
                + ",\"dropped_by_camera\":" + droppedByCamera
                + ",\"dropped_by_storage\":" + droppedByStorage
                + ",\"fps\":" + String.format(Locale.ROOT, "%.2f", cameraFps)
                + ",\"ring_fill\":" + ringFill
                + ",\"ring_capacity\":" + ringCapacity
                + ",\"ring_bytes\":" + ringBytes
                + ",\"ring_seconds\":" + String.format(Locale.ROOT, "%.2f", ringSeconds)
                + ",\"free_bytes\":" + freeBytes
                + ",\"camera_reopens\":" + cameraReopens
                + ",\"uptime_s\":" + (System.nanoTime() - startedNanos) / 1_000_000_000L
                + ",\"last_error\":" + Json.string(lastError) + "}";
    }

    /** A short line for systemd's STATUS= and the log. */
    public String summary() {
        StringBuilder sb = new StringBuilder(state.label());
        Path cur = currentFile;
        if (cur != null) {
            sb.append(' ').append(cur.getFileName()).append(' ').append(currentFileFrames).append(" frames");
        }
        sb.append(String.format(Locale.ROOT, ", %.1f fps, ring %d/%d", cameraFps, ringFill, ringCapacity));
        long dropped = droppedByCamera + droppedByStorage;
        if (dropped > 0) {
            sb.append(", ").append(dropped).append(" dropped");
        }
        if (freeBytes >= 0) {
            sb.append(", ").append(freeBytes >> 20).append(" MiB free");
        }
        String err = lastError;
        if (err != null && (state == DaemonState.CAMERA_LOST || state == DaemonState.DISK_FULL)) {
            sb.append(": ").append(err);
        }
        return sb.toString();
    }
}
