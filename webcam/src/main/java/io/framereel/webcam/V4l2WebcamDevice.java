package io.framereel.webcam;

import com.github.sarxos.webcam.WebcamDevice;
import com.github.sarxos.webcam.WebcamException;

import io.framereel.device.v4l2.DeviceNode;
import io.framereel.device.v4l2.V4l2Device;
import io.framereel.device.v4l2.V4l2Exception;

import java.awt.Dimension;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One V4L2 camera as a webcam-capture device, streaming through framereel's JNA binding: open sets the format
 * (VIDIOC_S_FMT) and starts mmap streaming, each read takes the newest frame the camera delivered and converts it
 * to RGB, close stops streaming and closes the node. The sizes offered are those of every format the driver
 * converts; frames of a size arrive in the most preferred format that has it: YUYV, else MJPEG, else another format
 * storage converts (see {@link RgbFormat}). The {@code pixelFormat} parameter fixes the format (and its sizes).
 *
 * <p>{@link #getImageBytes(ByteBuffer)} is the fast path: the kernel's buffer converted straight to RGB24 in the
 * caller's buffer, nothing allocated per frame for raw formats. {@link #getImage()} returns a new image each call,
 * as webcam-capture's contract requires, with the pixels converted straight into its raster.
 *
 * <p>Thread-safe: every call takes the device's lock, so a close waits for a read in progress (at most the frame
 * timeout). That is why {@link V4l2Driver#isThreadSafe()} can spare webcam-capture's single processor thread.
 */
public final class V4l2WebcamDevice implements WebcamDevice, WebcamDevice.BufferAccess, WebcamDevice.FPSSource,
        WebcamDevice.Configurable {
    private enum State { CLOSED, OPEN, DISPOSED }

    private final CameraAccess access;
    private final DeviceNode node;
    private final String name;
    private final Object lock = new Object();

    // Guarded by lock.
    private CameraProfile profile;
    private DeviceSettings settings = DeviceSettings.DEFAULTS;
    private Dimension resolution;
    private V4l2Device device;
    private V4l2Stream stream;
    /** One frame of ARGB for the RGB24 paths; kept across reopen at the same size. */
    private int[] argb;
    /** The buffer {@link #getImageBytes()} returns, and a read-only view of it made once per size. */
    private ByteBuffer rgb;
    private ByteBuffer rgbView;
    /** Written under lock; volatile so {@link #isOpen()} answers without waiting for a read in progress. */
    private volatile State state = State.CLOSED;

    V4l2WebcamDevice(CameraAccess access, DeviceNode node, CameraProfile profile) {
        this.access = access;
        this.node = node;
        this.profile = profile;
        this.name = profile.card() + " (" + node.path() + ")";
        this.resolution = profile.defaultResolution();
    }

    /** The camera's name and device file, e.g. "HD Pro Webcam C920 (/dev/video2)"; unique on the machine. */
    @Override
    public String getName() {
        return name;
    }

    /** The device file, e.g. /dev/video2. */
    public Path path() {
        return node.path();
    }

    /**
     * The V4L2 format frames are captured in at the chosen resolution, e.g. "YUYV" or "MJPG": the most preferred
     * format that offers the size (or the {@code pixelFormat} parameter).
     */
    public String pixelFormat() {
        synchronized (lock) {
            return profile.formatFor(resolution).fourccName();
        }
    }

    /**
     * The sizes the camera offers in any format the driver converts (VIDIOC_ENUM_FRAMESIZES), smallest first; only
     * the {@code pixelFormat} parameter's sizes when it is set.
     */
    @Override
    public Dimension[] getResolutions() {
        synchronized (lock) {
            return profile.resolutionArray();
        }
    }

    @Override
    public Dimension getResolution() {
        synchronized (lock) {
            return new Dimension(resolution);
        }
    }

    /**
     * Chooses the size for the next open. Sizes outside {@link #getResolutions()} are passed on as asked: open
     * fails naming the size the camera would give instead.
     *
     * @throws WebcamException while the device is open or after dispose
     */
    @Override
    public void setResolution(Dimension size) {
        Objects.requireNonNull(size, "size");
        if (size.width <= 0 || size.height <= 0) {
            throw new IllegalArgumentException(name + ": resolution must be positive (was " + size.width + "x"
                    + size.height + ")");
        }
        synchronized (lock) {
            requireState(State.CLOSED, "change the resolution");
            resolution = new Dimension(size);
        }
    }

    /**
     * Sets the parameters {@link DeviceSettings} lists (pixelFormat, fps, buffers, frameTimeoutMs, control.*), for
     * the next open. A new pixelFormat reads that format's sizes from the camera; the resolution is kept when the
     * format offers it, else reset to the format's default.
     *
     * @throws IllegalArgumentException for an unknown key, a bad value, or a format the camera does not offer
     * @throws WebcamException          while the device is open, or when the camera cannot be read
     */
    @Override
    public void setParameters(Map<String, ?> parameters) {
        synchronized (lock) {
            requireState(State.CLOSED, "set parameters");
            DeviceSettings next = settings.with(parameters);
            boolean sameFormat = settings.hasPixelFormat() && settings.pixelFormat().equals(next.pixelFormat());
            if (next.hasPixelFormat() && !sameFormat) {
                profile = reprobe(next.pixelFormat());
                if (!profile.resolutions().contains(resolution)) {
                    resolution = profile.defaultResolution();
                }
            }
            settings = next;
        }
    }

    private CameraProfile reprobe(String pixelFormat) {
        try (V4l2Device probing = access.open(node.path())) {
            return CameraProfile.probe(probing, pixelFormat).orElseThrow(() -> new AssertionError(pixelFormat));
        } catch (V4l2Exception e) {
            throw new WebcamException(name + ": cannot read the formats: " + e.getMessage(), e);
        }
    }

    /**
     * Opens the node, applies the control settings, sets format and size and starts streaming. Does nothing when
     * already open.
     *
     * @throws WebcamException naming the device when it cannot be opened (missing, no permission) or cannot
     *                         capture at the chosen format and size; nothing stays open then
     */
    @Override
    public void open() {
        synchronized (lock) {
            if (state == State.OPEN) {
                return;
            }
            requireState(State.CLOSED, "open");
            V4l2Device opened;
            try {
                opened = access.open(node.path());
            } catch (V4l2Exception e) {
                throw new WebcamException(name + ": cannot open: " + e.getMessage(), e);
            }
            RgbFormat format = profile.formatFor(resolution);
            try {
                for (Map.Entry<String, String> control : settings.controls().entrySet()) {
                    opened.set(control.getKey(), control.getValue());
                }
                stream = V4l2Stream.start(opened, name, format, resolution.width, resolution.height, settings);
            } catch (V4l2Exception | RuntimeException e) {
                WebcamException failure = new WebcamException(name + ": cannot capture " + format.fourccName() + " "
                        + resolution.width + "x" + resolution.height + ": " + e.getMessage(), e);
                closeAfterFailure(opened, failure);
                throw failure;
            }
            device = opened;
            allocatePixels(stream.width() * stream.height());
            state = State.OPEN;
        }
    }

    private static void closeAfterFailure(V4l2Device opened, Exception failure) {
        try {
            opened.close();
        } catch (V4l2Exception e) {
            failure.addSuppressed(e);
        }
    }

    /** Sizes the RGB buffers for a frame; the same size as last time keeps them. */
    private void allocatePixels(int pixels) {
        if (argb == null || argb.length != pixels) {
            argb = new int[pixels];
            rgb = ByteBuffer.allocateDirect(pixels * 3);
            rgbView = rgb.asReadOnlyBuffer();
        }
    }

    /**
     * The newest frame as a new {@code TYPE_INT_RGB} image.
     *
     * @throws WebcamException when closed, or when no usable frame comes within the frame timeout (5 s unless
     *                         set), or the camera fails or is unplugged; the message names the device
     */
    @Override
    public BufferedImage getImage() {
        synchronized (lock) {
            requireState(State.OPEN, "get an image");
            BufferedImage image = new BufferedImage(stream.width(), stream.height(), BufferedImage.TYPE_INT_RGB);
            // TYPE_INT_RGB's raster is one int per pixel, row-major, top byte ignored: the conversion's output.
            stream.readArgb(((DataBufferInt) image.getRaster().getDataBuffer()).getData());
            return image;
        }
    }

    /**
     * The newest frame as RGB24 (R, G, B bytes per pixel, rows top to bottom) in a read-only buffer the device owns
     * and reuses: position 0, limit width * height * 3, overwritten by the next read.
     *
     * @throws WebcamException as {@link #getImage()}
     */
    @Override
    public ByteBuffer getImageBytes() {
        synchronized (lock) {
            requireState(State.OPEN, "get image bytes");
            stream.readArgb(argb);
            RgbConversion.packRgb24(argb, argb.length, rgb, 0);
            rgbView.clear();
            return rgbView;
        }
    }

    /**
     * Writes the newest frame as RGB24 into {@code target} from its position on, leaving position and limit where
     * they were (as webcam-capture's built-in driver does). Allocates nothing for raw formats.
     *
     * @throws IllegalArgumentException when fewer than width * height * 3 bytes remain in {@code target}
     * @throws WebcamException          as {@link #getImage()}
     */
    @Override
    public void getImageBytes(ByteBuffer target) {
        synchronized (lock) {
            requireState(State.OPEN, "get image bytes");
            int needed = argb.length * 3;
            if (target.remaining() < needed) {
                throw new IllegalArgumentException(name + ": the target buffer has " + target.remaining()
                        + " bytes remaining, an RGB24 frame of " + stream.width() + "x" + stream.height() + " needs "
                        + needed);
            }
            stream.readArgb(argb);
            RgbConversion.packRgb24(argb, argb.length, target, target.position());
        }
    }

    /** The camera's frame rate: measured from its frame timestamps after two reads, else nominal; 0 when closed. */
    @Override
    public double getFPS() {
        synchronized (lock) {
            return stream == null ? 0 : stream.fps();
        }
    }

    /**
     * Stops streaming and closes the node; the device can be opened again. Does nothing when not open.
     *
     * @throws WebcamException when the kernel reports a failure while tearing down (everything is released anyway)
     */
    @Override
    public void close() {
        synchronized (lock) {
            if (state != State.OPEN) {
                return;
            }
            state = State.CLOSED;
            V4l2Device closing = device;
            device = null;
            stream = null;
            try {
                closing.close(); // closes the capture session first
            } catch (V4l2Exception e) {
                throw new WebcamException(name + ": close failed: " + e.getMessage(), e);
            }
        }
    }

    /** Closes the device for good; open fails afterwards. Safe to call more than once. */
    @Override
    public void dispose() {
        synchronized (lock) {
            try {
                close();
            } finally {
                state = State.DISPOSED;
                argb = null;
                rgb = null;
                rgbView = null;
            }
        }
    }

    @Override
    public boolean isOpen() {
        return state == State.OPEN;
    }

    private void requireState(State required, String action) {
        State now = state;
        if (now == required) {
            return;
        }
        String fix;
        switch (now) {
            case OPEN:
                fix = "close() it first";
                break;
            case DISPOSED:
                fix = "get the camera again from Webcam.getWebcams()";
                break;
            default:
                fix = "open() it first";
        }
        String stateName = now.name().toLowerCase(Locale.ROOT);
        throw new WebcamException(name + ": cannot " + action + " while " + stateName + "; " + fix);
    }

    @Override
    public String toString() {
        return name;
    }
}
