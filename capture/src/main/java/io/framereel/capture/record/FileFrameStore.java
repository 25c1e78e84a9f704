package io.framereel.capture.record;

import io.framereel.storage.Image;
import io.framereel.storage.ImageIO;
import io.framereel.storage.StreamOptions;
import io.framereel.storage.SyncPolicy;
import io.framereel.storage.file.FileStream;

import java.io.IOException;
import java.nio.file.Path;

/** An ImageIO file stream (OpenMV V2.0), synced by the configured policy and once more on close. */
public final class FileFrameStore implements FrameStore {
    private final Path path;
    private final SyncPolicy syncPolicy;
    private final FileStream stream;

    public FileFrameStore(Path path, SyncPolicy syncPolicy) throws IOException {
        this.path = path;
        this.syncPolicy = syncPolicy;
        this.stream = FileStream.open(path, ImageIO.Mode.WRITE, StreamOptions.DEFAULTS.withSyncPolicy(syncPolicy));
    }

    @Override
    public void write(Image frame) throws IOException {
        stream.write(frame);
    }

    @Override
    public long syncCount() {
        return stream.syncCount();
    }

    /** The file's size in bytes (header, chunk headers, payloads and padding). */
    public long size() throws IOException {
        return stream.size();
    }

    /** The open stream, for draining a ring into it. */
    FileStream stream() {
        return stream;
    }

    public Path path() {
        return path;
    }

    @Override
    public String describe() {
        return path + " (sync " + syncPolicy + ")";
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }
}
