package io.framereel.storage;

import io.framereel.storage.file.FileStream;
import io.framereel.storage.memory.MemoryStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * Reads and writes OpenMV images in their native form, to a file or to pre-allocated memory, with fast random
 * access to frames: the Java form of OpenMV's {@code image.ImageIO}.
 *
 * <p>File streams are byte-compatible with OpenMV cameras and OpenMV IDE: they write {@code OMV IMG STR V2.0}
 * and read V1.0, V1.1 and V2.0 (and V2.1 as the newest IDE does). Memory streams hold a fixed number of
 * pre-allocated off-heap slots. Every deliberate difference from the firmware is listed in docs/imageio.md.
 *
 * <pre>{@code
 * try (ImageIO out = ImageIO.open(Path.of("stream.bin"), "w")) {
 *     out.write(image);
 * }
 * try (ImageIO in = ImageIO.open(Path.of("stream.bin"), "r")) {
 *     Image frame = in.read(true, false, true); // into the frame buffer, no loop, at the recorded rate
 * }
 * }</pre>
 *
 * <p>A stream is not thread-safe: one thread uses it at a time.
 */
public abstract class ImageIO implements AutoCloseable {
    /** {@link #type()} of a stream opened on a file. */
    public static final int FILE_STREAM = 0;
    /** {@link #type()} of a stream opened in memory. */
    public static final int MEMORY_STREAM = 1;

    /** How a file stream is opened. */
    public enum Mode {
        /** {@code 'r'}: read an existing stream; writes are refused. */
        READ,
        /** {@code 'w'}: create or truncate, write a V2.0 header; reads and seeks work too. */
        WRITE,
        /**
         * {@code 'a'}: reopen an existing V2.0 stream (or create one), drop a torn last frame left by a crash,
         * and continue after the last whole frame. Not in OpenMV.
         */
        APPEND;

        /** Parses OpenMV's mode letters {@code r}/{@code w} (case-insensitive) and framereel's {@code a}. */
        public static Mode parse(String mode) {
            switch (mode.isEmpty() ? ' ' : Character.toLowerCase(mode.charAt(0))) {
                case 'r':
                    return READ;
                case 'w':
                    return WRITE;
                case 'a':
                    return APPEND;
                default:
                    throw new IllegalArgumentException("invalid stream mode '" + mode + "', expected 'r', 'w' or 'a'");
            }
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    protected ImageIO() {
    }

    /** Opens a file stream with mode {@code "r"}, {@code "w"} or {@code "a"} and default options. */
    public static ImageIO open(Path path, String mode) throws IOException {
        return open(path, Mode.parse(mode), StreamOptions.DEFAULTS);
    }

    /** Opens a file stream. */
    public static ImageIO open(Path path, Mode mode, StreamOptions options) throws IOException {
        return FileStream.open(path, mode, options);
    }

    /**
     * Allocates a memory stream of {@code count} slots sized for {@code width x height} frames of
     * {@code format}; like OpenMV's {@code ImageIO((w, h, pixformat), count)}.
     */
    public static ImageIO memory(int width, int height, PixelFormat format, int count) throws ImageIOException {
        return memory(width, height, format, count, StreamOptions.DEFAULTS);
    }

    public static ImageIO memory(int width, int height, PixelFormat format, int count, StreamOptions options)
            throws ImageIOException {
        return new MemoryStream(width, height, format, count, options);
    }

    /** {@link #FILE_STREAM} or {@link #MEMORY_STREAM}. */
    public abstract int type();

    /** Whether the stream was closed and can no longer be used. */
    public abstract boolean isClosed();

    /** Number of frames stored: frames in the file (known at open), or slots of a memory stream. */
    public abstract int count();

    /** The current frame index: the frame the next read returns or the next write replaces. */
    public abstract int offset();

    /** The file's stream version (10, 11, 20 or 21); empty for memory streams. */
    public abstract OptionalInt version();

    /** The per-frame data capacity of a memory stream; empty for file streams. */
    public abstract OptionalInt bufferSize();

    /** Bytes used: the file size including its header, or {@code bufferSize() * count()} for memory. */
    public abstract long size() throws IOException;

    /**
     * Writes {@code image} at the current offset and advances it. A file grows as frames are appended; a
     * write after a seek into the middle of a file truncates every frame after the written one, as OpenMV
     * does (chunk sizes vary, so overwriting in place would break the next chunk boundary).
     *
     * @return this stream
     */
    public abstract ImageIO write(Image image) throws IOException;

    /**
     * Reads the frame at the current offset and advances it.
     *
     * @param copyToFb load the frame into the stream's {@link FrameBuffer} and return the frame buffer's image
     *                 (no allocation); otherwise return a new image with its own heap payload
     * @param loop     at the end of a file stream, start over from frame 0; otherwise return null there
     * @param pause    wait for the recorded interval since the previous frame, on an absolute schedule
     * @return the image, or null at the end of a file stream when {@code loop} is false (or the stream is
     *         empty)
     * @throws EndOfStreamException at the end of a memory stream (memory streams never loop)
     */
    public abstract Image read(boolean copyToFb, boolean loop, boolean pause) throws IOException;

    /** {@code read(copyToFb, true, true)}. */
    public Image read(boolean copyToFb) throws IOException {
        return read(copyToFb, true, true);
    }

    /** {@code read(true, true, true)}: the seed's defaults. */
    public Image read() throws IOException {
        return read(true, true, true);
    }

    /**
     * Moves to frame {@code offset}. O(1) for files (through the index built at open) and memory.
     *
     * @return this stream
     * @throws EndOfStreamException if {@code offset > count()} ({@code offset == count()} is the end, where
     *                              a file stream appends)
     */
    public abstract ImageIO seek(int offset) throws IOException;

    /** Forces written frames to the storage device (fdatasync); a no-op for memory streams. */
    public abstract ImageIO sync() throws IOException;

    /**
     * Closes the stream. A written file is synced with its metadata; a memory stream releases its slots.
     * Safe to call more than once.
     */
    @Override
    public abstract void close() throws IOException;

    /** The frame buffer {@code read(true, …)} loads into. */
    public abstract FrameBuffer frameBuffer();

    /** The schedule paused reads follow; set its speed for faster or slower replay. */
    public abstract PlaybackSchedule schedule();
}
