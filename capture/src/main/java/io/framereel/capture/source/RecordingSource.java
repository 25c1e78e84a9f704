package io.framereel.capture.source;

import io.framereel.capture.synth.TestPatternSource;
import io.framereel.storage.ImageIO;
import io.framereel.storage.ImageIOException;
import io.framereel.storage.PixelFormat;
import io.framereel.storage.file.FileStream;
import io.framereel.storage.file.FrameIndex;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * A recording played as a camera, in a loop: {@code --device recording:PATH}. Frames come at their recorded
 * intervals (or at a fixed rate when one is asked for), with the recording's sizes, so an MJPEG recording from a
 * webcam behaves as that webcam did: frames of their real, varying size. Like a camera that falls behind, frames
 * whose time has passed are skipped and counted as dropped.
 *
 * <p>A recording of up to 1 GiB is mapped and its frames are lent straight from the page cache, as a V4L2 camera
 * lends its mmap'd buffers; larger ones are copied with positional reads. The file is indexed once at
 * {@link #start()} (the file is the truth), and every frame must have the first frame's geometry and format, as a
 * camera's do.
 */
public final class RecordingSource implements FrameSource {
    /** The device prefix that names a recording. */
    public static final String PREFIX = "recording:";
    private static final long MAX_MAPPED_BYTES = 1L << 30;
    /** Recordings of more frames are copied: their per-frame views would take a fair part of the daemon's heap. */
    private static final int MAX_LENT_FRAMES = 65_536;
    /** Frames that may be out on loan at once: file pages, nothing to refill, so any number would do. */
    private static final int LENDABLE = 16;
    private static final double FALLBACK_FPS = 30;

    private final Path path;
    private final Optional<PixelFormat> format;
    private final Optional<int[]> size;
    private final Optional<Double> fps;
    private final long maxMappedBytes;

    private FileChannel channel;
    private ByteBuffer mapped;
    /** Per frame: its lendable view, made at start so lending allocates nothing; null when frames are copied. */
    private ByteBuffer[] views;
    /** Per frame: loans out; a frame lent again while out (a short loop) gets a view of its own. */
    private int[] loansOut;
    private long[] dataOffsets;
    private int[] payloadBytes;
    /** Per frame: nanoseconds from the previous frame to this one; frame 0 from the last frame of the loop. */
    private long[] intervals;
    private StreamShape shape;
    private long nextDue;
    private int index;
    private long sequence;
    private long dropped;
    private boolean started;

    /**
     * @param path   the recording
     * @param format the format asked for; must be the recording's
     * @param size   the size asked for; must be the recording's
     * @param fps    a fixed rate to play at; empty for the recorded intervals
     */
    public RecordingSource(Path path, Optional<PixelFormat> format, Optional<int[]> size, Optional<Double> fps) {
        this(path, format, size, fps, MAX_MAPPED_BYTES);
    }

    /** With the size up to which a recording is mapped and lent rather than copied. */
    RecordingSource(Path path, Optional<PixelFormat> format, Optional<int[]> size, Optional<Double> fps,
            long maxMappedBytes) {
        if (fps.isPresent() && !(fps.get() >= TestPatternSource.MIN_FPS && fps.get() <= TestPatternSource.MAX_FPS)) {
            throw new IllegalArgumentException(path + ": a recording plays at " + TestPatternSource.MIN_FPS + ".."
                    + TestPatternSource.MAX_FPS + " fps (was " + fps.get() + ")");
        }
        this.path = path;
        this.format = format;
        this.size = size;
        this.fps = fps;
        this.maxMappedBytes = maxMappedBytes;
    }

    @Override
    public StreamShape start() throws IOException {
        if (started) {
            throw new IllegalStateException("recording source already started");
        }
        int width;
        int height;
        PixelFormat pf;
        int maxBytes = 0;
        long durationMs;
        try (FileStream in = (FileStream) ImageIO.open(path, "r")) {
            FrameIndex frames = in.index();
            int count = frames.size();
            if (count == 0) {
                throw new ImageIOException(path, -1, -1, "has no frames to play as a camera");
            }
            width = frames.width(0);
            height = frames.height(0);
            pf = frames.format(0);
            dataOffsets = new long[count];
            payloadBytes = new int[count];
            intervals = new long[count];
            for (int i = 0; i < count; i++) {
                if (frames.width(i) != width || frames.height(i) != height || frames.format(i) != pf) {
                    throw new ImageIOException(path, i, frames.chunkOffset(i), "frame is " + frames.width(i) + "x"
                            + frames.height(i) + " " + frames.format(i) + ", the first is " + width + "x" + height
                            + " " + pf + ": a camera's frames share one shape");
                }
                dataOffsets[i] = frames.dataOffset(i);
                payloadBytes[i] = frames.payloadBytes(i);
                maxBytes = Math.max(maxBytes, payloadBytes[i]);
            }
            durationMs = 0;
            for (int i = 1; i < count; i++) {
                durationMs += Math.max(0, frames.elapsedMs(i));
            }
            boolean recorded = fps.isEmpty() && durationMs > 0;
            double rate = fps.orElse(recorded ? (count - 1) * 1000.0 / durationMs : FALLBACK_FPS);
            // a whole period from the last frame back to the first, so the loop keeps the recording's rate;
            // frames recorded 0 ms apart (or with no time at all) play back to back, as they were stored
            long period = Math.max(1, Math.round(1e9 / Math.min(rate, TestPatternSource.MAX_FPS)));
            for (int i = 0; i < count; i++) {
                intervals[i] = !recorded || i == 0 ? period : Math.max(0, frames.elapsedMs(i)) * 1_000_000L;
            }
            checkAsked(width, height, pf);
            // compressed frames are announced as a UVC camera announces its MJPEG buffers (sizeimage = two bytes a
            // pixel), so what sizes itself from the announcement (slots, the ring's blocks) sees a webcam's numbers
            long announced = pf.isCompressed() ? Math.max(maxBytes, 2L * width * height) : maxBytes;
            shape = new StreamShape(width, height, pf, (int) Math.min(Integer.MAX_VALUE - 64, Math.max(1, announced)), rate, "recording " + path.getFileName()
                    + " " + width + "x" + height + " " + pf + " (" + count + " frames, looped)");
        }
        channel = FileChannel.open(path, StandardOpenOption.READ);
        long fileBytes = channel.size();
        if (fileBytes <= maxMappedBytes) {
            mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, fileBytes);
            if (dataOffsets.length <= MAX_LENT_FRAMES) {
                views = new ByteBuffer[dataOffsets.length];
                loansOut = new int[dataOffsets.length];
                for (int i = 0; i < views.length; i++) {
                    views[i] = view(i);
                }
            }
        }
        started = true;
        nextDue = 0;
        return shape;
    }

    private void checkAsked(int width, int height, PixelFormat pf) throws ImageIOException {
        if (format.isPresent() && format.get() != pf) {
            throw new ImageIOException(path, -1, -1, "holds " + pf + " frames, not " + format.get()
                    + "; drop --format or ask for " + pf);
        }
        if (size.isPresent() && (size.get()[0] != width || size.get()[1] != height)) {
            throw new ImageIOException(path, -1, -1, "holds " + width + "x" + height + " frames, not "
                    + size.get()[0] + "x" + size.get()[1] + "; drop the size or ask for " + width + "x" + height);
        }
    }

    @Override
    public int lendableFrames() {
        return views == null ? 0 : LENDABLE;
    }

    private ByteBuffer view(int i) {
        return mapped.slice((int) dataOffsets[i], payloadBytes[i]).asReadOnlyBuffer();
    }

    @Override
    public boolean next(ByteBuffer dst, CapturedFrame frame, long timeoutMs) throws IOException {
        if (!awaitNext(timeoutMs)) {
            return false;
        }
        int i = index;
        int bytes = 0;
        if (dst != null) {
            bytes = payloadBytes[i];
            if (bytes > dst.capacity()) {
                throw new ImageIOException(path, i, dataOffsets[i], "frame of " + bytes + " bytes exceeds the "
                        + dst.capacity() + "-byte slot");
            }
            if (mapped != null) {
                dst.clear().put(0, mapped, (int) dataOffsets[i], bytes);
            } else {
                readFully(dst, i, bytes);
            }
        }
        frame.set(bytes, sequence, nextDue);
        advance();
        return true;
    }

    @Override
    public boolean lend(CapturedFrame frame, long timeoutMs) throws IOException {
        if (views == null) {
            throw new UnsupportedOperationException(path + " is larger than " + (maxMappedBytes >> 20) + " MiB or "
                    + "holds more than " + MAX_LENT_FRAMES + " frames: its frames are copied, not lent");
        }
        if (!awaitNext(timeoutMs)) {
            return false;
        }
        int i = index;
        // the view of a frame still out (a loop shorter than the loans) is someone's: its position is theirs
        frame.set(payloadBytes[i], sequence, nextDue);
        frame.lent = loansOut[i]++ == 0 ? views[i].clear() : view(i);
        frame.loan = i;
        advance();
        return true;
    }

    @Override
    public void giveBack(int loan) {
        if (loansOut[loan] == 0) {
            throw new IllegalStateException(path + ": frame " + loan + " given back more often than it was lent");
        }
        loansOut[loan]--; // file pages: nothing to refill
    }

    private void readFully(ByteBuffer dst, int i, int bytes) throws IOException {
        dst.clear().limit(bytes);
        long at = dataOffsets[i];
        while (dst.hasRemaining()) {
            int n = channel.read(dst, at + dst.position());
            if (n < 0) {
                throw new ImageIOException(path, i, at + dst.position(), "ends inside the frame (the file shrank "
                        + "while it was played)");
            }
        }
        dst.clear();
    }

    /** Waits for the current frame's time, skipping (and counting) frames whose time passed a whole interval ago. */
    private boolean awaitNext(long timeoutMs) {
        if (!started) {
            throw new IllegalStateException("recording source not started");
        }
        long now = System.nanoTime();
        if (nextDue == 0) {
            nextDue = now; // the schedule starts with the first frame asked for, as a camera's first frame does
        }
        while (now - nextDue > intervals[(index + 1) % intervals.length]) {
            skip();
        }
        return FrameDue.await(nextDue, now, timeoutMs);
    }

    private void skip() {
        dropped++;
        advance();
    }

    private void advance() {
        sequence++;
        index = index + 1 == intervals.length ? 0 : index + 1;
        nextDue += intervals[index];
    }

    @Override
    public long droppedFrames() {
        return dropped;
    }

    @Override
    public void close() throws IOException {
        started = false;
        mapped = null;
        views = null;
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }
}
