package io.framereel.storage.file;

import io.framereel.storage.EndOfStreamException;
import io.framereel.storage.FrameBuffer;
import io.framereel.storage.Image;
import io.framereel.storage.ImageIO;
import io.framereel.storage.ImageIOException;
import io.framereel.storage.MonotonicClock;
import io.framereel.storage.PixelFormat;
import io.framereel.storage.PlaybackSchedule;
import io.framereel.storage.StreamOptions;
import io.framereel.storage.SyncPolicy;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.OptionalInt;

/**
 * An ImageIO stream on a file in OpenMV's format (see {@link StreamFormat}).
 *
 * <p>At open the chunk headers are walked once into a {@link FrameIndex}, so {@link #count()} is known and
 * {@link #seek} is O(1). Writes append one chunk with a single gathering write (header, payload, padding),
 * straight from the image's buffer; reads are positional reads straight into the frame buffer. After warm-up
 * neither path allocates.
 *
 * <p>Not thread-safe.
 */
public final class FileStream extends ImageIO {
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(StreamFormat.ALIGNMENT);

    private final Path path;
    private final Mode mode;
    private final FileChannel channel;
    private final StreamVersion version;
    private final FrameIndex index;
    private final TailDamage tail;
    private final long recoveredBytes;
    private final StreamOptions options;
    private final MonotonicClock clock;
    private final SyncPolicy syncPolicy;
    private final PlaybackSchedule schedule;
    private FrameBuffer frameBuffer;

    private final ByteBuffer chunkHeader = ByteBuffer.allocateDirect(StreamFormat.V2_CHUNK_HEADER_BYTES)
            .order(ByteOrder.LITTLE_ENDIAN);
    private final ByteBuffer padding = ZEROS.duplicate();
    private final ByteBuffer[] gather = new ByteBuffer[3];

    private int offset;
    /** Size of the file as we left it (end of the last whole frame, or the torn tail in read mode). */
    private long fileSize;
    private long channelPosition;
    private boolean closed;

    // Elapsed bookkeeping for writes: the time already accounted for by written elapsed values, so rounding
    // to whole milliseconds never accumulates.
    private long accountedTimestampNanos = Image.NO_TIMESTAMP;
    private long accountedClockNanos;

    private long framesSinceSync;
    private long lastSyncNanos;
    private long syncCount;

    private FileStream(Path path, Mode mode, FileChannel channel, StreamVersion version, FrameIndex index,
            TailDamage tail, long recoveredBytes, long fileSize, StreamOptions options) {
        this.path = path;
        this.mode = mode;
        this.channel = channel;
        this.version = version;
        this.index = index;
        this.tail = tail;
        this.recoveredBytes = recoveredBytes;
        this.fileSize = fileSize;
        this.channelPosition = -1;
        this.options = options;
        this.clock = options.clock();
        this.syncPolicy = options.syncPolicy();
        this.schedule = new PlaybackSchedule(clock);
        this.accountedClockNanos = clock.nanos();
        this.lastSyncNanos = accountedClockNanos;
    }

    /**
     * Opens {@code path}. READ requires a readable stream; a torn last chunk is left in place and reported by
     * {@link #tailDamage()}. WRITE creates or truncates. APPEND reopens a V2.0 stream (creating it if missing),
     * cuts off a torn or invalid tail, and positions after the last whole frame.
     *
     * @throws ImageIOException naming the path, and frame index and byte offset where they apply
     */
    public static FileStream open(Path path, Mode mode, StreamOptions options) throws IOException {
        if (Files.isDirectory(path)) {
            throw new ImageIOException(path, -1, -1, "is a directory, not a stream file");
        }
        switch (mode) {
            case READ:
                return openRead(path, options);
            case WRITE:
                return create(path, options);
            case APPEND:
                if (!Files.exists(path) || Files.size(path) == 0) {
                    return create(path, options);
                }
                return openAppend(path, options);
            default:
                throw new AssertionError(mode);
        }
    }

    /**
     * Reads a stream file's header and chunk headers without opening it as a stream. Unlike {@code 'r'}, a
     * garbage tail is reported in {@link StreamReport#tail()} rather than thrown.
     *
     * @throws ImageIOException if the file cannot be read or its 16-byte header is not a stream header
     */
    public static StreamReport inspect(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            throw new ImageIOException(path, -1, -1, "is a directory, not a stream file");
        }
        try (FileChannel ch = openChannel(path, StandardOpenOption.READ)) {
            StreamScanner scan = StreamScanner.scan(path, ch);
            return new StreamReport(path, scan.version(), scan.index(), scan.tail(), ch.size());
        }
    }

    private static FileStream openRead(Path path, StreamOptions options) throws IOException {
        FileChannel ch = openChannel(path, StandardOpenOption.READ);
        try {
            StreamScanner scan = StreamScanner.scan(path, ch);
            if (scan.tail().kind() == TailDamage.Kind.GARBAGE) {
                ImageIOException problem = scan.tail().problem();
                throw new ImageIOException(path, problem.frameIndex(), problem.byteOffset(), scan.tail().description()
                        + "; the " + scan.index().size() + " frames before it are intact ('framereel repair' or "
                        + "mode 'a' cuts the rest off)");
            }
            return new FileStream(path, Mode.READ, ch, scan.version(), scan.index(), scan.tail(), 0, ch.size(), options);
        } catch (IOException | RuntimeException e) {
            closeQuietlyAfter(ch, e);
            throw e;
        }
    }

    private static FileStream create(Path path, StreamOptions options) throws IOException {
        FileChannel ch = openChannel(path, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            ByteBuffer header = ByteBuffer.wrap(StreamFormat.header(StreamVersion.V2_0));
            while (header.hasRemaining()) {
                ch.write(header);
            }
            FrameIndex index = new FrameIndex(StreamFormat.V2_CHUNK_HEADER_BYTES);
            FileStream s = new FileStream(path, Mode.WRITE, ch, StreamVersion.V2_0, index, TailDamage.NONE, 0,
                    StreamFormat.FILE_HEADER_BYTES, options);
            s.channelPosition = StreamFormat.FILE_HEADER_BYTES;
            if (options.syncPolicy() != SyncPolicy.NEVER) {
                ch.force(true);
                syncDirectory(path);
            }
            return s;
        } catch (IOException | RuntimeException e) {
            closeQuietlyAfter(ch, e);
            throw wrap(path, -1, 0, "cannot write the stream header", e);
        }
    }

    private static FileStream openAppend(Path path, StreamOptions options) throws IOException {
        FileChannel ch = openChannel(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            StreamScanner scan = StreamScanner.scan(path, ch);
            if (scan.version() != StreamVersion.V2_0) {
                throw new ImageIOException(path, -1, 12, "cannot append to a " + scan.version()
                        + " stream; only V2.0 is written (convert it first: framereel convert)");
            }
            long validEnd = scan.validEnd();
            long dropped = ch.size() - validEnd;
            if (dropped > 0) {
                ch.truncate(validEnd);
                ch.force(true);
            }
            return new FileStream(path, Mode.APPEND, ch, scan.version(), scan.index(), scan.tail(), dropped,
                    validEnd, options).atEnd();
        } catch (IOException | RuntimeException e) {
            closeQuietlyAfter(ch, e);
            throw e;
        }
    }

    private FileStream atEnd() {
        offset = index.size();
        return this;
    }

    private static FileChannel openChannel(Path path, OpenOption... options) throws ImageIOException {
        try {
            return FileChannel.open(path, options);
        } catch (NoSuchFileException e) {
            throw new ImageIOException(path, -1, -1, "no such file", e);
        } catch (AccessDeniedException e) {
            throw new ImageIOException(path, -1, -1, "permission denied", e);
        } catch (FileSystemException e) {
            throw new ImageIOException(path, -1, -1, e.getReason() != null ? e.getReason() : e.toString(), e);
        } catch (IOException e) {
            throw new ImageIOException(path, -1, -1, e.toString(), e);
        }
    }

    /** Makes the new directory entry durable: without it a power cut can lose a freshly created file. */
    private static void syncDirectory(Path path) throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        if (dir == null) {
            return;
        }
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // Some filesystems refuse to fsync a directory (EINVAL); the file's own data is still synced.
            if (!String.valueOf(e.getMessage()).contains("Invalid argument")) {
                throw e;
            }
        }
    }

    private static void closeQuietlyAfter(FileChannel ch, Exception primary) {
        try {
            ch.close();
        } catch (IOException suppressed) {
            primary.addSuppressed(suppressed);
        }
    }

    private static ImageIOException wrap(Path path, long frame, long offset, String what, Exception e) {
        if (e instanceof ImageIOException) {
            return (ImageIOException) e;
        }
        String reason = e instanceof FileSystemException && ((FileSystemException) e).getReason() != null
                ? ((FileSystemException) e).getReason() : String.valueOf(e.getMessage());
        return new ImageIOException(path, frame, offset, what + ": " + reason, e);
    }

    // ---------------------------------------------------------------------------------------------------------
    // ImageIO

    @Override
    public int type() {
        return FILE_STREAM;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public int count() {
        return index.size();
    }

    @Override
    public int offset() {
        return offset;
    }

    @Override
    public OptionalInt version() {
        return OptionalInt.of(version.code());
    }

    @Override
    public OptionalInt bufferSize() {
        return OptionalInt.empty();
    }

    @Override
    public long size() throws IOException {
        return fileSize;
    }

    @Override
    public ImageIO write(Image image) throws IOException {
        ensureOpen();
        if (mode == Mode.READ) {
            throw new ImageIOException(path, offset, -1, "stream is open for reading ('r'); open it with 'w' or 'a' to write");
        }
        int width = image.width();
        int height = image.height();
        if (width > StreamFormat.MAX_DIMENSION || height > StreamFormat.MAX_DIMENSION) {
            throw new ImageIOException(path, offset, -1, "cannot write a " + width + "x" + height
                    + " frame: OpenMV tools accept at most " + StreamFormat.MAX_DIMENSION + " per side");
        }
        PixelFormat format = image.format();
        ByteBuffer payload = image.payload();
        int payloadPosition = payload.position();
        int bytes = payload.remaining();
        int elapsed = elapsedFor(image);
        long chunkStart = offset < index.size() ? index.chunkOffset(offset) : fileSize;

        chunkHeader.clear();
        chunkHeader.putInt(elapsed).putInt(width).putInt(height).putInt(format.code())
                .putInt(format.isCompressed() ? bytes : 0) // OpenMV cameras write 0 for raw frames
                .putInt(0).putInt(0).putInt(0).flip();
        padding.clear().limit(StreamFormat.padding(bytes));
        gather[0] = chunkHeader;
        gather[1] = payload;
        gather[2] = padding;
        long chunkBytes = (long) StreamFormat.V2_CHUNK_HEADER_BYTES + bytes + padding.limit();
        try {
            if (channelPosition != chunkStart) {
                channel.position(chunkStart);
            }
            channelPosition = -1; // unknown until the write completes
            long written = 0;
            while (written < chunkBytes) {
                written += channel.write(gather);
            }
            channelPosition = chunkStart + chunkBytes;
            if (chunkStart + chunkBytes < fileSize) {
                channel.truncate(chunkStart + chunkBytes); // a write in the middle ends the stream there
            }
        } catch (IOException e) {
            throw failedWrite(chunkStart, e);
        } finally {
            payload.position(payloadPosition);
            gather[1] = null;
        }
        index.truncate(offset);
        index.append(chunkStart, elapsed, width, height, format, bytes);
        fileSize = chunkStart + chunkBytes;
        offset++;
        framesSinceSync++;
        if (syncPolicy != SyncPolicy.NEVER && syncPolicy.isDue(framesSinceSync, clock.nanos() - lastSyncNanos)) {
            sync();
        }
        return this;
    }

    /** Cuts the torn chunk off again so the file still ends at the last whole frame, then reports. */
    private ImageIOException failedWrite(long chunkStart, IOException cause) {
        ImageIOException error = wrap(path, offset, chunkStart, "write failed, stream still ends after frame "
                + (offset - 1), cause);
        try {
            channel.truncate(chunkStart);
            channelPosition = -1;
        } catch (IOException e) {
            error.addSuppressed(e);
        }
        return error;
    }

    private int elapsedFor(Image image) {
        long now = clock.nanos();
        long ts = image.timestampNanos();
        long ms;
        if (ts != Image.NO_TIMESTAMP && accountedTimestampNanos != Image.NO_TIMESTAMP) {
            ms = roundMillis(ts - accountedTimestampNanos);
            long clamped = clampElapsed(ms);
            accountedTimestampNanos = clamped == ms ? accountedTimestampNanos + ms * 1_000_000L : ts;
            ms = clamped;
        } else if (image.elapsedMs() != Image.NO_ELAPSED) {
            ms = clampElapsed(image.elapsedMs());
            accountedTimestampNanos = ts;
        } else {
            ms = roundMillis(now - accountedClockNanos);
            long clamped = clampElapsed(ms);
            accountedClockNanos = clamped == ms ? accountedClockNanos + ms * 1_000_000L : now;
            accountedTimestampNanos = ts;
            return (int) clamped;
        }
        accountedClockNanos = now;
        return (int) ms;
    }

    private static long roundMillis(long nanos) {
        return nanos <= 0 ? 0 : (nanos + 500_000L) / 1_000_000L;
    }

    private static long clampElapsed(long ms) {
        return Math.max(StreamFormat.MIN_ELAPSED_MS, Math.min(StreamFormat.MAX_ELAPSED_MS, ms));
    }

    @Override
    public Image read(boolean copyToFb, boolean loop, boolean pause) throws IOException {
        ensureOpen();
        if (offset >= index.size()) {
            if (!loop || index.size() == 0) {
                return null;
            }
            offset = 0;
        }
        int i = offset;
        int width = index.width(i);
        int height = index.height(i);
        PixelFormat format = index.format(i);
        int bytes = index.payloadBytes(i);
        int elapsed = index.elapsedMs(i);
        Image image;
        if (copyToFb) {
            // Read and prepare before waiting: at the frame's time only the showing is left to do.
            ByteBuffer dst = frameBuffer().begin(width, height, format, bytes);
            readPayload(i, dst, format);
            frameBuffer.stage();
            schedule.await(elapsed, pause);
            image = frameBuffer.commit(elapsed, Image.NO_TIMESTAMP);
        } else {
            schedule.await(elapsed, pause);
            ByteBuffer dst = ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
            readPayload(i, dst, format);
            image = Image.of(width, height, format, dst).elapsedMs(elapsed);
        }
        offset = i + 1;
        return image;
    }

    private void readPayload(int i, ByteBuffer dst, PixelFormat format) throws IOException {
        int start = dst.position();
        long at = index.dataOffset(i);
        try {
            while (dst.hasRemaining()) {
                int n = channel.read(dst, at + dst.position() - start);
                if (n < 0) {
                    throw new ImageIOException(path, i, at + dst.position() - start,
                            "file ends inside the frame (was it truncated while open?)");
                }
            }
        } catch (ImageIOException e) {
            throw e;
        } catch (IOException e) {
            throw wrap(path, i, at, "read failed", e);
        }
        dst.position(start);
        if (version == StreamVersion.V1_0 && format == PixelFormat.RGB565) {
            swapBytePairs(dst);
        }
    }

    /** V1.0 stored RGB565 big-endian; convert in place to OpenMV's native little-endian order. */
    private static void swapBytePairs(ByteBuffer b) {
        int end = b.limit() & ~1;
        for (int p = b.position(); p < end; p += 2) {
            byte lo = b.get(p);
            b.put(p, b.get(p + 1));
            b.put(p + 1, lo);
        }
    }

    @Override
    public ImageIO seek(int newOffset) throws IOException {
        ensureOpen();
        if (newOffset < 0) {
            throw new IllegalArgumentException("offset < 0: " + newOffset);
        }
        if (newOffset > index.size()) {
            throw new EndOfStreamException(path, newOffset, "cannot seek past the end: the stream has "
                    + index.size() + " frames");
        }
        offset = newOffset;
        schedule.reanchor();
        return this;
    }

    @Override
    public ImageIO sync() throws IOException {
        ensureOpen();
        if (mode != Mode.READ) {
            try {
                channel.force(false);
            } catch (IOException e) {
                throw wrap(path, offset, fileSize, "sync failed", e);
            }
            syncCount++;
            framesSinceSync = 0;
            lastSyncNanos = clock.nanos();
        }
        return this;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (mode != Mode.READ) {
                channel.force(true);
                syncCount++;
            }
        } catch (IOException e) {
            ImageIOException error = wrap(path, offset, fileSize, "final sync on close failed", e);
            closeQuietlyAfter(channel, error);
            throw error;
        }
        channel.close();
    }

    @Override
    public FrameBuffer frameBuffer() {
        if (frameBuffer == null) {
            frameBuffer = options.frameBufferOrNew();
        }
        return frameBuffer;
    }

    @Override
    public PlaybackSchedule schedule() {
        return schedule;
    }

    private void ensureOpen() throws ImageIOException {
        if (closed) {
            throw new ImageIOException(path, offset, -1, "stream is closed");
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Beyond OpenMV

    public Path path() {
        return path;
    }

    public Mode mode() {
        return mode;
    }

    /** The frame index built at open and kept up to date by writes. */
    public FrameIndex index() {
        return index;
    }

    /** What followed the last whole frame when the file was opened. */
    public TailDamage tailDamage() {
        return tail;
    }

    /** Bytes cut off the end by APPEND's recovery (0 if the file was clean). */
    public long recoveredBytes() {
        return recoveredBytes;
    }

    /** Completed syncs, including the final one on close. */
    public long syncCount() {
        return syncCount;
    }

    @Override
    public String toString() {
        return "FileStream[" + path + ", " + mode + ", " + version + ", count=" + index.size() + ", offset=" + offset
                + (closed ? ", closed" : "") + "]";
    }
}
