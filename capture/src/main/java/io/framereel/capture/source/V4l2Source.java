package io.framereel.capture.source;

import io.framereel.capture.format.FrameConversion;
import io.framereel.capture.format.FrameFormatException;
import io.framereel.device.libc.Errno;
import io.framereel.device.v4l2.CaptureSession;
import io.framereel.device.v4l2.DeviceNode;
import io.framereel.device.v4l2.FormatDescription;
import io.framereel.device.v4l2.FourCc;
import io.framereel.device.v4l2.Fraction;
import io.framereel.device.v4l2.Frame;
import io.framereel.device.v4l2.V4l2Device;
import io.framereel.device.v4l2.V4l2Devices;
import io.framereel.device.v4l2.V4l2Exception;
import io.framereel.device.v4l2.VideoFormat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A V4L2 camera through framereel's JNA binding: mmap streaming, frames converted from the kernel's buffer
 * straight into the recorder's slot and the buffer requeued at once. Frames the driver flags as errors and
 * frames that fail conversion (e.g. a torn MJPEG frame) are skipped and counted, never stored.
 */
public final class V4l2Source implements FrameSource {
    private static final System.Logger LOG = System.getLogger(V4l2Source.class.getName());

    private final CameraRequest request;
    private final V4l2Devices devices;
    private V4l2Device device;
    private CaptureSession session;
    private FrameConversion conversion;
    private long unusableFrames;
    private long framePeriodNanos;
    private long lastSequence = -1;
    private long lastTimestamp;
    private long droppedFrames;
    /** Frames lent out by {@link #lend}, by buffer index (the loan); null when the buffer is with the driver. */
    private Frame[] lentFrames = new Frame[0];

    public V4l2Source(CameraRequest request) {
        this(request, V4l2Devices.system());
    }

    V4l2Source(CameraRequest request, V4l2Devices devices) {
        this.request = request;
        this.devices = devices;
    }

    @Override
    public StreamShape start() throws IOException {
        DeviceNode node = devices.find(request.device());
        device = devices.open(node);
        try {
            for (String setting : request.controls()) {
                int eq = setting.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("a control setting is name=value (was '" + setting + "')");
                }
                device.set(setting.substring(0, eq).trim(), setting.substring(eq + 1).trim());
            }
            VideoFormat current = device.format();
            int fourcc = request.fourcc().map(FourCc::of).orElseGet(() -> preferredFourcc(current.fourcc()));
            int width = request.size().map(s -> s[0]).orElse(current.width());
            int height = request.size().map(s -> s[1]).orElse(current.height());
            VideoFormat format = device.setFormat(VideoFormat.of(fourcc, width, height));
            if (format.fourcc() != fourcc) {
                throw new IOException(node.path() + " (" + node.name() + ") cannot capture " + FourCc.toString(fourcc)
                        + "; it offers " + offered());
            }
            Fraction interval = request.fps().isPresent()
                    ? device.setFrameInterval(perSecond(request.fps().get()))
                    : device.frameInterval();
            if (isCompressed(format.fourcc()) && request.storedAs().isPresent()) {
                throw new IllegalArgumentException(FourCc.toString(format.fourcc()) + " frames are stored as JPEG; "
                        + "only YUV and Bayer formats convert to " + request.storedAs().get() + " on capture");
            }
            conversion = isCompressed(format.fourcc())
                    ? FrameConversion.ofCompressed(format.fourcc(), format.width(), format.height(), format.sizeImage())
                    : FrameConversion.of(format.fourcc(), format.width(), format.height(), format.bytesPerLine(),
                            request.storedAs());
            session = prepareBuffers(format);
            lentFrames = new Frame[session.bufferCount()];
            double fps = interval == null ? 0 : interval.framesPerSecond();
            framePeriodNanos = fps > 0 ? Math.round(1e9 / fps) : 0;
            String description = node.path() + " (" + node.name() + ") " + FourCc.toString(format.fourcc()) + " "
                    + format.width() + "x" + format.height() + (fps > 0 ? String.format(" at %.2f fps", fps) : "")
                    + " -> " + conversion.storedFormat() + (conversion.isPassthrough() ? "" : " (converted)");
            return new StreamShape(conversion.width(), conversion.height(), conversion.storedFormat(),
                    conversion.maxOutputBytes(), fps, description);
        } catch (IOException | RuntimeException e) {
            closeAfter(e);
            throw e;
        }
    }

    /**
     * Maps the buffers, as many as the request asks or, automatically, as lending frames to the writer wants. A
     * receiver that draws on a contiguous pool (CMA) may refuse an automatic 16 with ENOMEM; it then gets the 4
     * that copying needs, as a fixed count would have asked for.
     */
    private CaptureSession prepareBuffers(VideoFormat format) throws IOException {
        int wanted = request.buffersFor(conversion.storesInPlace(), Integer.toUnsignedLong(format.sizeImage()));
        try {
            return device.prepareCapture(wanted);
        } catch (V4l2Exception e) {
            if (request.buffers() != CameraRequest.AUTO_BUFFERS || wanted <= CameraRequest.COPY_BUFFERS
                    || e.errno() != Errno.ENOMEM) {
                throw e;
            }
            LOG.log(System.Logger.Level.WARNING, device.path() + ": the driver has no memory for " + wanted
                    + " buffers of " + format.sizeImage() + " bytes; asking for " + CameraRequest.COPY_BUFFERS);
            try {
                return device.prepareCapture(CameraRequest.COPY_BUFFERS);
            } catch (V4l2Exception again) {
                again.addSuppressed(e);
                throw again;
            }
        }
    }

    @Override
    public void startStreaming() throws IOException {
        session.startStreaming();
    }

    /** The current format if it can be stored, else the first one the camera offers that can. */
    private int preferredFourcc(int current) {
        if (FrameConversion.supportedFourccs().contains(current)) {
            return current;
        }
        try {
            for (FormatDescription f : device.formats()) {
                if (FrameConversion.supportedFourccs().contains(f.fourcc())) {
                    return f.fourcc();
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(device.path() + ": cannot list formats: " + e.getMessage(), e);
        }
        return current; // FrameConversion.of names the unsupported format
    }

    private String offered() {
        List<String> names = new ArrayList<>();
        try {
            for (FormatDescription f : device.formats()) {
                names.add(f.fourccName());
            }
        } catch (IOException e) {
            return "(formats unreadable: " + e.getMessage() + ")";
        }
        return String.join(", ", names);
    }

    private static boolean isCompressed(int fourcc) {
        return fourcc == FourCc.MJPEG || fourcc == FourCc.of("JPEG");
    }

    private static Fraction perSecond(double fps) {
        if (!(fps > 0 && fps <= 1000)) {
            throw new IllegalArgumentException("fps must be in (0, 1000] (was " + fps + ")");
        }
        // 1/fps as a fraction in microseconds, reduced by the driver to what it supports.
        return new Fraction(1_000_000L, Math.round(fps * 1_000_000L));
    }

    @Override
    public boolean next(ByteBuffer dst, CapturedFrame frame, long timeoutMs) throws IOException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (true) {
            Frame f = nextUsable(deadline);
            if (f == null) {
                return false;
            }
            try {
                int bytes = dst == null ? 0 : conversion.convert(f.data(), dst);
                frame.set(bytes, f.sequence(), f.timestampNanos());
                countDrops(f.sequence(), f.timestampNanos());
                return true;
            } catch (FrameFormatException e) {
                unusableFrames++; // a torn or malformed frame from the camera: skip it, the stream goes on
            } finally {
                f.release();
            }
        }
    }

    /** The next frame the driver did not flag as bad (those are given back and counted), or null at the deadline. */
    private Frame nextUsable(long deadline) throws IOException {
        while (true) {
            long remainingMs = Math.max(0, (deadline - System.nanoTime()) / 1_000_000L);
            Frame f = session.next(remainingMs);
            if (f == null || !f.isError()) {
                return f;
            }
            unusableFrames++;
            f.release();
        }
    }

    /**
     * Frames stored as is (no line padding, no conversion) can be written from the driver's buffer. Two buffers
     * stay back, so that with one just dequeued (and about to be given back if no more may be lent) the driver
     * still has one to fill: with none queued the camera's frames are lost until one comes back.
     */
    @Override
    public int lendableFrames() {
        return conversion != null && conversion.storesInPlace() ? Math.max(0, lentFrames.length - 2) : 0;
    }

    @Override
    public boolean lend(CapturedFrame frame, long timeoutMs) throws IOException {
        if (lendableFrames() == 0) {
            throw new UnsupportedOperationException(conversion + " frames are copied; they cannot be lent");
        }
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (true) {
            Frame f = nextUsable(deadline);
            if (f == null) {
                return false;
            }
            try {
                ByteBuffer data = f.data();
                int bytes = conversion.inPlaceLength(data);
                frame.set(bytes, f.sequence(), f.timestampNanos());
                frame.lent = data.limit(bytes);
                frame.loan = f.bufferIndex();
                lentFrames[f.bufferIndex()] = f;
                countDrops(f.sequence(), f.timestampNanos());
                return true;
            } catch (FrameFormatException e) {
                unusableFrames++;
                f.release();
            }
        }
    }

    @Override
    public void giveBack(int loan) throws IOException {
        Frame f = loan >= 0 && loan < lentFrames.length ? lentFrames[loan] : null;
        if (f == null) {
            throw new IllegalStateException("buffer " + loan + " of " + (device == null ? "a closed camera"
                    : device.path()) + " is not lent out");
        }
        lentFrames[loan] = null;
        if (session != null) {
            f.release();
        }
    }

    /**
     * Counts the frames lost before this one. Drivers number every frame they capture, so a gap in the sequence
     * is a loss; but some (vivid's injected drops, UVC cameras that skip a frame under load) just deliver later
     * with the next number. A timestamp more than 1.5 frame periods after the last one therefore counts too; a
     * loss both ways counts once.
     */
    private void countDrops(long sequence, long timestamp) {
        if (lastSequence >= 0) {
            long bySequence = Math.max(0, sequence - lastSequence - 1);
            long byTime = 0;
            if (framePeriodNanos > 0 && timestamp - lastTimestamp > framePeriodNanos * 3 / 2) {
                byTime = (timestamp - lastTimestamp + framePeriodNanos / 2) / framePeriodNanos - 1;
            }
            droppedFrames += Math.max(bySequence, byTime);
        }
        lastSequence = sequence;
        lastTimestamp = timestamp;
    }

    @Override
    public long droppedFrames() {
        return droppedFrames;
    }

    @Override
    public long unusableFrames() {
        return unusableFrames;
    }

    private void closeAfter(Exception primary) {
        try {
            close();
        } catch (IOException e) {
            primary.addSuppressed(e);
        }
    }

    @Override
    public void close() throws IOException {
        V4l2Device d = device;
        device = null;
        session = null;
        if (d != null) {
            d.close(); // stops streaming, unmaps and closes, also after errors
        }
    }
}
