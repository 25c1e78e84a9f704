package io.framereel.capture.source;

import io.framereel.capture.format.FrameConversion;
import io.framereel.capture.format.FrameFormatException;
import io.framereel.device.v4l2.FourCc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Raspberry Pi camera module through libcamera's {@code rpicam-vid}: the ISP-processed frames (auto exposure,
 * white balance, denoise) that plain V4L2 cannot give on current Raspberry Pi OS, on every Pi from Zero to 5.
 *
 * <pre>
 *   rpicam-vid -t 0 -n --codec yuv420|mjpeg ... --flush --metadata FIFO -o -
 *      | stdout                                        | FIFO (JSON, one object per frame)
 *      v                                               v
 *   RpicamFrameReader (thread)                      RpicamMetadata (thread)
 *      frames into RpicamFrameRing (4 buffers)         SensorTimestamp by frame index
 *      v                                               |
 *   next() on the capture thread: FrameConversion into the recorder's slot, paired with its timestamp
 * </pre>
 *
 * YUV420 frames are stored as YUV422 (or RGB565 / GRAYSCALE on request) through {@link FrameConversion}, line
 * padding dropped; MJPEG frames as JPEG, as they are. Frame k on the pipe is paired with the k-th metadata
 * object; SensorTimestamp gaps count as dropped frames ({@link RpicamFrameTimes}). When rpicam-vid exits, stalls
 * or cannot be found, {@link #start} or {@link #next} throws an {@link RpicamException} quoting its stderr; the
 * source is then unusable. {@link #close} kills and reaps the process. After start, nothing here allocates per
 * frame. One capture thread calls {@link #next}; {@link #droppedFrames} and {@link #unusableFrames} may be read
 * from any thread.
 */
public final class RpicamSource implements FrameSource {
    /** Frames that may wait between the pipe and the capture thread; four, like a V4L2 driver's usual queue. */
    private static final int RING_SLOTS = 4;
    /** How long SIGTERM, then SIGKILL, may take. */
    private static final long STOP_TIMEOUT_MS = 2000;
    /**
     * A frame's metadata is written right after its last byte, so it is normally there before the frame is
     * converted. When it is not, the capture thread waits up to half a frame period (the next frame cannot be
     * complete before then, and the ring holds the ones after it), but no longer than this.
     */
    private static final long MAX_METADATA_WAIT_NANOS = 100_000_000L;
    /** The line libcamera logs at start naming the size it gave the video stream, "(0) 640x480-YUV420/sYCC". */
    private static final Pattern CONFIGURED_STREAM = Pattern.compile("configuring streams: \\(0\\) (\\d+)x(\\d+)-");

    private final RpicamOptions options;
    private final RpicamPlatform platform;

    private Path workDir;
    private RpicamMetadata metadata;
    private RpicamProcess process;
    private RpicamFrameRing ring;
    private RpicamFrameReader reader;
    private FrameConversion conversion;
    private RpicamFrameTimes times;
    private long metadataWaitNanos;
    private long stallTimeoutNanos;
    private long lastFrameNanos;
    private boolean closed;

    /** Frames lost by the camera (timestamp gaps); written by the capture thread, read by any. */
    private volatile long droppedFrames;
    /** Frames that failed conversion; written by the capture thread, read by any. */
    private volatile long badFrames;

    /** A source for these options on this machine's ISP ({@link RpicamPlatform#detect()}). */
    public RpicamSource(RpicamOptions options) {
        this(options, RpicamPlatform.detect());
    }

    RpicamSource(RpicamOptions options, RpicamPlatform platform) {
        this.options = options;
        this.platform = platform;
    }

    /**
     * Starts rpicam-vid and waits for its first frame, so that a missing camera, a bad option or a missing
     * install fails here, with rpicam-vid's own words.
     *
     * @throws RpicamException when rpicam-vid is not found, exits, or sends nothing within the start timeout
     */
    @Override
    public StreamShape start() throws IOException {
        if (process != null || closed) {
            throw new IllegalStateException("rpicam source already started");
        }
        try {
            int pipeFrameBytes = prepareConversion();
            RpicamProcess.resolve(options.executable()); // a missing install fails before anything needs cleaning up
            workDir = Files.createTempDirectory("framereel-rpicam-"); // rwx------: the FIFO is ours alone
            metadata = RpicamMetadata.start(workDir);
            process = RpicamProcess.start(options.command(metadata.fifo()));
            ring = new RpicamFrameRing(RING_SLOTS, pipeFrameBytes);
            RpicamFramer framer = options.codec() == RpicamCodec.YUV420
                    ? new RpicamI420Framer(pipeFrameBytes) : new RpicamJpegFramer();
            reader = new RpicamFrameReader(process.stdout(), framer, ring);
            reader.start();
            long periodNanos = Math.round(1e9 / options.fps());
            times = new RpicamFrameTimes(periodNanos);
            metadataWaitNanos = Math.min(periodNanos / 2, MAX_METADATA_WAIT_NANOS);
            stallTimeoutNanos = options.stallTimeoutMs() * 1_000_000L;
            long started = System.nanoTime();
            if (!ring.await(started + options.startTimeoutMs() * 1_000_000L)) {
                throw failure("stalled: no frame within " + options.startTimeoutMs() + " ms of starting");
            }
            lastFrameNanos = System.nanoTime();
            checkConfiguredSize();
            return new StreamShape(conversion.width(), conversion.height(), conversion.storedFormat(),
                    conversion.maxOutputBytes(), options.fps(), describe());
        } catch (IOException | RuntimeException e) {
            closeAfter(e);
            throw e;
        }
    }

    /** Sets up the conversion and returns the bytes one frame takes on the pipe (at most, for MJPEG). */
    private int prepareConversion() {
        int width = options.width();
        int height = options.height();
        if (options.codec() == RpicamCodec.YUV420) {
            int stride = options.bytesPerLine(platform);
            conversion = FrameConversion.of(FourCc.of(RpicamCodec.YUV420.fourcc()), width, height, stride,
                    options.storedAs());
            long frameBytes = (long) stride * height * 3 / 2;
            if (frameBytes > Integer.MAX_VALUE - 64) {
                throw new IllegalArgumentException(width + "x" + height + " YUV420 frames do not fit one buffer");
            }
            return (int) frameBytes;
        }
        // A JPEG is hardly ever bigger than the YUV420 frame it encodes; room for headers on top. A bigger one is
        // read to its end and counted as unusable, never stored cut short.
        long maxJpeg = (long) width * height * 3 / 2 + 64 * 1024;
        if (maxJpeg > Integer.MAX_VALUE - 64) {
            throw new IllegalArgumentException(width + "x" + height + " MJPEG frames do not fit one buffer");
        }
        conversion = FrameConversion.ofCompressed(FourCc.MJPEG, width, height, (int) maxJpeg);
        return (int) maxJpeg;
    }

    private String describe() {
        String fps = options.fps() == Math.rint(options.fps()) ? Long.toString((long) options.fps())
                : String.format(Locale.ROOT, "%.2f", options.fps());
        String stride = options.codec() == RpicamCodec.YUV420 && options.bytesPerLine(platform) != options.width()
                ? " (" + options.bytesPerLine(platform) + " bytes per line)" : "";
        return process.describe() + " camera " + options.camera() + " " + options.codec() + " " + options.width() + "x"
                + options.height() + stride + " at " + fps + " fps -> " + conversion.storedFormat()
                + (conversion.isPassthrough() ? "" : " (converted)");
    }

    /**
     * libcamera may adjust a size the ISP cannot produce; the frames on the pipe would then not be the size they
     * are framed by, and every one would be garbage. Its start-up log names the size it configured; when that
     * line is there (log level permitting) and differs, fail now rather than store nonsense.
     */
    private void checkConfiguredSize() throws RpicamException {
        Matcher m = CONFIGURED_STREAM.matcher(process.stderrText());
        if (m.find()) {
            int width = Integer.parseInt(m.group(1));
            int height = Integer.parseInt(m.group(2));
            if (width != options.width() || height != options.height()) {
                throw new RpicamException(process.describe() + " configured the camera for " + width + "x" + height
                        + ", not the " + options.width() + "x" + options.height() + " asked for; choose a size the ISP"
                        + " can produce (rpicam-hello --list-cameras lists the sensor modes)", process.pid(),
                        RpicamException.NO_EXIT_STATUS, 0, 0, process.stderrTail());
            }
        }
    }

    @Override
    public boolean next(ByteBuffer dst, CapturedFrame frame, long timeoutMs) throws IOException {
        if (reader == null || closed) {
            throw new IllegalStateException("rpicam source not started, or closed");
        }
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (true) {
            if (!ring.await(deadline)) {
                checkHealth();
                // An ended stream in its grace period: wait out the timeout, as a live camera would, not spin.
                for (long wait; (wait = deadline - System.nanoTime()) > 0; ) {
                    LockSupport.parkNanos(this, wait);
                }
                return false;
            }
            long index = ring.frameIndex();
            long arrival = ring.frameArrivalNanos();
            int bytes = 0;
            try {
                if (dst != null) {
                    bytes = conversion.convert(ring.frame(), dst);
                }
            } catch (FrameFormatException e) {
                // Frames the framers cut are whole; should one still not convert, it is skipped, not fatal.
                badFrames = badFrames + 1;
                continue;
            } finally {
                ring.release();
            }
            // Converting took a while; the metadata, written just after the frame, is most likely there by now.
            long sensor = metadata.timestamp(index, System.nanoTime() + metadataWaitNanos);
            long timestamp = times.timestamp(index, arrival, sensor);
            droppedFrames = times.droppedFrames();
            lastFrameNanos = arrival;
            frame.set(bytes, index + droppedFrames, timestamp);
            return true;
        }
    }

    /**
     * No frame in time: throws if rpicam-vid has failed or stalled, else returns (a slow frame is not an error).
     *
     * <p>rpicam-vid exits with status 0 only when told to stop, and a terminal's Ctrl-C tells it (SIGINT goes
     * to the whole foreground process group) at the same moment it tells framereel to stop recording. So a clean
     * exit is not reported at once: until the stall timeout has passed the source just has no frame, and a
     * recorder that is stopping stops without an error. A non-zero exit is reported at once.
     */
    private void checkHealth() throws RpicamException {
        long silentNanos = System.nanoTime() - lastFrameNanos;
        if (reader.ended()) {
            int status = process.exitStatus();
            boolean mayBeStopping = status == 0 || status == RpicamException.NO_EXIT_STATUS;
            if (!mayBeStopping || silentNanos > stallTimeoutNanos) {
                throw failure("");
            }
        } else if (silentNanos > stallTimeoutNanos) {
            throw failure("stalled: no frame for " + silentNanos / 1_000_000L + " ms");
        }
    }

    /**
     * The error for a stream that ended, or (with {@code stall} describing it) a process that still runs but sends
     * nothing: exit status, frames, where the stream stopped, stderr.
     */
    private RpicamException failure(String stall) {
        long frames = reader.frames();
        boolean ended = reader.ended();
        int status = ended ? process.awaitExit(STOP_TIMEOUT_MS) : RpicamException.NO_EXIT_STATUS;
        StringBuilder message = new StringBuilder(process.describe()).append(' ');
        if (!ended) {
            message.append(stall);
        } else if (status == RpicamException.NO_EXIT_STATUS) {
            message.append("closed its output but is still running");
        } else {
            message.append("exited with status ").append(status);
        }
        if (frames > 0) {
            message.append(" after ").append(frames).append(" frames");
        } else if (ended) {
            message.append(" before its first frame");
        }
        long offset = reader.bytesRead();
        if (ended && reader.partialBytes() > 0) {
            message.append("; its output ended ").append(reader.partialBytes()).append(" bytes into frame ")
                    .append(frames);
        }
        message.append(" (stdout byte offset ").append(offset).append(')');
        if (reader.failure() != null) {
            message.append("; reading it failed: ").append(reader.failure().getMessage());
        }
        if (metadata.failure() != null) {
            message.append("; its metadata failed too: ").append(metadata.failure().getMessage());
        }
        String stderr = process.stderrTail();
        message.append("; stderr: ").append(stderr);
        RpicamException error = new RpicamException(message.toString(), process.pid(), status, frames, offset, stderr);
        if (reader.failure() != null) {
            error.initCause(reader.failure());
        }
        return error;
    }

    @Override
    public long droppedFrames() {
        return droppedFrames;
    }

    @Override
    public long unusableFrames() {
        return badFrames + (reader == null ? 0 : reader.skippedFrames());
    }

    /** Frames timed by arrival because their metadata was missing or late (capture thread; for tests and logs). */
    long untimedFrames() {
        return times == null ? 0 : times.untimedFrames();
    }

    /** The directory holding the metadata FIFO while running (null before start), for tests that check cleanup. */
    Path workDir() {
        return workDir;
    }

    /** The running rpicam-vid, for tests that watch it die. */
    ProcessHandle processHandle() {
        return process.handle();
    }

    /**
     * Kills rpicam-vid (SIGTERM, then SIGKILL), reaps it, stops the reader threads and deletes the metadata FIFO.
     * Idempotent; every step runs even if an earlier one fails, and the first failure is thrown.
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        IOException first = null;
        if (process != null) {
            try {
                process.stop(STOP_TIMEOUT_MS);
            } catch (IOException e) {
                first = e;
            }
        }
        if (ring != null) {
            ring.close();
        }
        try {
            if (reader != null && !reader.join(STOP_TIMEOUT_MS)) {
                first = keep(first, new IOException("the rpicam-vid pipe reader did not stop within "
                        + STOP_TIMEOUT_MS + " ms"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (metadata != null) {
            try {
                metadata.close();
            } catch (IOException e) {
                first = keep(first, e);
            }
        }
        if (workDir != null) {
            try {
                Files.deleteIfExists(workDir);
            } catch (IOException e) {
                first = keep(first, e);
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private static IOException keep(IOException first, IOException next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }

    private void closeAfter(Exception primary) {
        try {
            close();
        } catch (IOException e) {
            primary.addSuppressed(e);
        }
    }
}
