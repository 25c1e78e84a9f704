package io.framereel.capture.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Drains rpicam-vid's stderr on a thread of its own and keeps its last {@value #KEPT_BYTES} bytes, so that an
 * error can quote what rpicam-vid and libcamera last said ("ERROR: *** no cameras available ***"). Draining
 * matters as much as keeping: a child whose stderr pipe fills up blocks in its next log line, which would look
 * like a stalled camera. Allocates nothing per read.
 *
 * <p>Thread-safety: {@link #run()} is the only writer; {@link #tail} may be called from any thread (both hold
 * this object's lock, briefly).
 */
final class RpicamStderr implements Runnable {
    /** Enough for libcamera's start-up lines and rpicam-vid's last error, small enough to keep forever. */
    static final int KEPT_BYTES = 8192;

    private final InputStream in;
    private final byte[] ring = new byte[KEPT_BYTES];
    private final byte[] chunk = new byte[1024];
    /** Bytes ever appended; guarded by this. */
    private long written;
    /** Why draining stopped early, if it did; guarded by this. */
    private IOException failure;

    RpicamStderr(InputStream in) {
        this.in = in;
    }

    @Override
    public void run() {
        try {
            int n;
            while ((n = in.read(chunk, 0, chunk.length)) >= 0) {
                append(chunk, n);
            }
        } catch (IOException e) {
            synchronized (this) {
                failure = e; // the pipe was closed under us (close() after a kill); quoted if anyone asks
            }
        }
    }

    private synchronized void append(byte[] bytes, int n) {
        for (int i = 0; i < n; i++) {
            ring[(int) (written++ % KEPT_BYTES)] = bytes[i];
        }
    }

    /**
     * The last {@code maxLines} non-blank lines, joined with " | " into one line; "(no output)" when there are
     * none. A line cut by the start of the kept bytes is dropped.
     */
    synchronized String tail(int maxLines) {
        String[] lines = text().split("\r?\n|\r");
        int start = written > KEPT_BYTES ? 1 : 0; // the oldest line may have lost its beginning
        List<String> picked = new ArrayList<>();
        for (int i = lines.length - 1; i >= start && picked.size() < maxLines; i--) {
            if (!lines[i].isBlank()) {
                picked.add(0, lines[i].strip());
            }
        }
        if (failure != null) {
            picked.add("(stderr unreadable: " + failure.getMessage() + ")");
        }
        return picked.isEmpty() ? "(no output)" : String.join(" | ", picked);
    }

    /** Everything kept, for checks made once at start-up. */
    synchronized String text() {
        int kept = (int) Math.min(written, KEPT_BYTES);
        byte[] bytes = new byte[kept];
        long first = written - kept;
        for (int i = 0; i < kept; i++) {
            bytes[i] = ring[(int) ((first + i) % KEPT_BYTES)];
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
