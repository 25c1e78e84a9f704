package io.framereel.capture.record;

import io.framereel.storage.Image;
import io.framereel.storage.PixelFormat;
import io.framereel.storage.memory.RingReader;
import io.framereel.storage.memory.RingStore;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A flight recorder: frames go into a RAM ring that keeps the last N, and when recording stops the ring is
 * written, oldest first, to a file stream. Nothing touches the disk while recording.
 */
public final class RingFrameStore implements FrameStore {
    private final RingStore ring;
    private final Path path;
    private final FileFrameStoreFactory files;
    private long syncs;

    /** Opens the file the ring is drained into; a function so tests can choose the sync policy. */
    @FunctionalInterface
    public interface FileFrameStoreFactory {
        FileFrameStore open(Path path) throws IOException;
    }

    public RingFrameStore(int frames, int width, int height, PixelFormat format, int maxFrameBytes, Path path,
            FileFrameStoreFactory files) {
        this.ring = format.isCompressed()
                ? new RingStore(frames, maxFrameBytes, io.framereel.storage.MonotonicClock.SYSTEM)
                : RingStore.forFrames(frames, width, height, format);
        this.path = path;
        this.files = files;
    }

    @Override
    public void write(Image frame) throws IOException {
        ring.write(frame);
    }

    @Override
    public long syncCount() {
        return syncs;
    }

    /** Frames currently held. */
    public int fill() {
        return ring.fill();
    }

    @Override
    public String describe() {
        return "RAM ring of " + ring.capacity() + " frames, written to " + path + " at the end";
    }

    @Override
    public void close() throws IOException {
        try (ring; FileFrameStore file = files.open(path); RingReader reader = ring.reader()) {
            reader.seek(ring.oldest());
            reader.drainTo(file.stream());
            file.close();
            syncs = file.syncCount();
        }
    }
}
