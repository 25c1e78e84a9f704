package io.framereel.device.v4l2;

import io.framereel.device.libc.Errno;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An open V4L2 capture device: capabilities, formats, frame sizes and rates, controls, and mmap streaming,
 * in plain Java types. Find devices with {@link V4l2Devices} rather than assuming {@code /dev/video0}.
 *
 * <pre>{@code
 * try (V4l2Device camera = V4l2Device.open(V4l2Devices.system().find("vivid").path())) {
 *     camera.setFormat(VideoFormat.of(FourCc.YUYV, 640, 480));
 *     camera.setFrameInterval(Fraction.perSecond(30));
 *     try (CaptureSession session = camera.startCapture(4)) {
 *         Frame frame = session.next(2000);
 *         ...
 *         frame.release();
 *     }
 * }
 * }</pre>
 *
 * Not thread-safe; use one device from one thread (or lock around it). Closing the device closes its
 * capture session first.
 */
public final class V4l2Device implements AutoCloseable {
    private final V4l2Handle handle;
    private final FormatIoctls formats;
    private final ControlIoctls controls;
    private CaptureSession session;
    private List<ControlInfo> controlCache;

    private V4l2Device(V4l2Handle handle) {
        this.handle = handle;
        this.formats = new FormatIoctls(handle);
        this.controls = new ControlIoctls(handle);
    }

    /** Opens a device node (e.g. /dev/video2) and reads its capabilities. */
    public static V4l2Device open(Path devicePath) throws V4l2Exception {
        return open(LibC.INSTANCE, Abi.current(), devicePath.toString());
    }

    /** Opens through the given libc, for tests with a fake kernel. */
    static V4l2Device open(LibC libc, Abi abi, String devicePath) throws V4l2Exception {
        if (libc == LibC.INSTANCE) {
            StructLayoutCheck.verifyOnce();
        }
        return new V4l2Device(V4l2Handle.open(libc, abi, devicePath));
    }

    /** The device path this was opened with. */
    public String path() {
        return handle.path();
    }

    /** VIDIOC_QUERYCAP, read once at open. */
    public Capability capability() {
        return handle.capability();
    }

    /** The capture pixel formats (VIDIOC_ENUM_FMT). */
    public List<FormatDescription> formats() throws V4l2Exception {
        return formats.listFormats();
    }

    /** The frame sizes of a format (VIDIOC_ENUM_FRAMESIZES); empty if the driver does not say. */
    public List<FrameSize> frameSizes(int fourcc) throws V4l2Exception {
        return formats.listFrameSizes(fourcc);
    }

    /** The frame intervals of a format and size (VIDIOC_ENUM_FRAMEINTERVALS); empty if the driver does not say. */
    public List<FrameInterval> frameIntervals(int fourcc, int width, int height) throws V4l2Exception {
        return formats.listFrameIntervals(fourcc, width, height);
    }

    /** The current capture format (VIDIOC_G_FMT). */
    public VideoFormat format() throws V4l2Exception {
        return formats.get();
    }

    /** What the driver would choose for a request, without applying it (VIDIOC_TRY_FMT). */
    public VideoFormat tryFormat(VideoFormat wanted) throws V4l2Exception {
        return formats.tryFormat(wanted);
    }

    /**
     * Sets the capture format (VIDIOC_S_FMT) and returns the driver's full answer (stride, image size).
     *
     * @throws V4l2Exception EINVAL naming both formats when the driver substitutes another format or size
     */
    public VideoFormat setFormat(VideoFormat wanted) throws V4l2Exception {
        requireIdle("VIDIOC_S_FMT");
        return formats.set(wanted);
    }

    /** The current frame interval (VIDIOC_G_PARM), or null when the driver has no frame rate control. */
    public Fraction frameInterval() throws V4l2Exception {
        return formats.getFrameInterval();
    }

    /** Sets the frame interval (VIDIOC_S_PARM), e.g. {@code Fraction.perSecond(30)}; returns the one applied. */
    public Fraction setFrameInterval(Fraction interval) throws V4l2Exception {
        return formats.setFrameInterval(interval);
    }

    /** Every control with its range, flags and menu entries (cached after the first call). */
    public List<ControlInfo> controls() throws V4l2Exception {
        if (controlCache == null) {
            controlCache = List.copyOf(controls.list());
        }
        return controlCache;
    }

    /**
     * A control by its name (as the driver spells it, or v4l2-ctl's key such as {@code white_balance_temperature})
     * or by id as decimal or 0x-hex.
     *
     * @throws V4l2Exception EINVAL listing the available keys when there is no such control
     */
    public ControlInfo control(String nameOrId) throws V4l2Exception {
        Integer id = parseId(nameOrId);
        String key = ControlInfo.key(nameOrId);
        List<String> keys = new ArrayList<>();
        for (ControlInfo c : controls()) {
            if (id != null ? c.id() == id : c.key().equals(key)) {
                return c;
            }
            keys.add(c.key());
        }
        throw handle.failure("VIDIOC_QUERY_EXT_CTRL", Errno.EINVAL, "no control " + nameOrId + "; available: " + keys);
    }

    /** The current value of a control (VIDIOC_G_CTRL). */
    public int get(ControlInfo control) throws V4l2Exception {
        return controls.get(control.id());
    }

    /** The current value of a control by name or id. */
    public int get(String nameOrId) throws V4l2Exception {
        return get(control(nameOrId));
    }

    /**
     * Sets a control (VIDIOC_S_CTRL); menu controls also take an entry's name. Returns the value the driver kept.
     *
     * @throws V4l2Exception ERANGE naming the range when the value is outside it; EACCES for read-only controls
     */
    public int set(String nameOrId, String value) throws V4l2Exception {
        ControlInfo c = control(nameOrId);
        return set(c, parseValue(c, value));
    }

    /** Sets a control by its description; see {@link #set(String, String)}. */
    public int set(ControlInfo control, int value) throws V4l2Exception {
        if (control.readOnly()) {
            throw handle.failure("VIDIOC_S_CTRL", Errno.EACCES, control.key() + " is read-only");
        }
        if (value < control.minimum() || value > control.maximum()) {
            throw handle.failure("VIDIOC_S_CTRL", Errno.ERANGE, control.key() + "=" + value + " outside "
                    + control.minimum() + ".." + control.maximum());
        }
        return controls.set(control.id(), value);
    }

    private int parseValue(ControlInfo c, String value) throws V4l2Exception {
        for (MenuItem item : c.menu()) {
            if (item.name().equalsIgnoreCase(value) || ControlInfo.key(item.name()).equals(ControlInfo.key(value))) {
                return item.index();
            }
        }
        if (c.type() == Videodev2.V4L2_CTRL_TYPE_BOOLEAN) {
            if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("on")) {
                return 1;
            }
            if (value.equalsIgnoreCase("false") || value.equalsIgnoreCase("off")) {
                return 0;
            }
        }
        try {
            return Integer.decode(value.trim());
        } catch (NumberFormatException e) {
            throw handle.failure("VIDIOC_S_CTRL", Errno.EINVAL, c.key() + "=" + value + " is not a number"
                    + (c.menu().isEmpty() ? "" : " or one of " + menuNames(c)));
        }
    }

    private static List<String> menuNames(ControlInfo c) {
        List<String> names = new ArrayList<>();
        for (MenuItem item : c.menu()) {
            names.add(item.name());
        }
        return names;
    }

    private static Integer parseId(String nameOrId) {
        try {
            return Integer.decode(nameOrId.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * Starts mmap streaming in the current format with {@code bufferCount} buffers (2..32; 4 is typical).
     *
     * @throws IllegalStateException if a session is already open on this device
     */
    public CaptureSession startCapture(int bufferCount) throws V4l2Exception {
        CaptureSession prepared = prepareCapture(bufferCount);
        prepared.startStreaming();
        return prepared;
    }

    /**
     * Prepares mmap streaming in the current format with {@code bufferCount} buffers (2..32), every one mapped and
     * queued, but does not start the stream: {@link CaptureSession#startStreaming()} does, when the caller is ready
     * for the first frame. Errors of the set-up (too few buffers, mmap) surface here, before any frame is lost.
     *
     * @throws IllegalStateException if a session is already open on this device
     */
    public CaptureSession prepareCapture(int bufferCount) throws V4l2Exception {
        requireIdle("VIDIOC_REQBUFS");
        Capability cap = capability();
        if (!cap.canCaptureVideo() || !cap.canStream()) {
            throw handle.failure("VIDIOC_STREAMON", Errno.EINVAL, String.format(
                    "%s (%s) cannot stream single-planar video (device caps 0x%08x)", cap.card(), cap.driver(),
                    cap.deviceCaps()));
        }
        session = CaptureSession.prepare(handle, format(), bufferCount);
        return session;
    }

    private void requireIdle(String operation) {
        if (session != null && session.isOpen()) {
            throw new IllegalStateException(handle.path() + ": " + operation + " while a capture session is open;"
                    + " close the session first");
        }
    }

    /** Closes the capture session, if any, then the device; safe to call more than once. */
    @Override
    public void close() throws V4l2Exception {
        V4l2Exception failure = null;
        if (session != null) {
            try {
                session.close();
            } catch (V4l2Exception e) {
                failure = e;
            }
        }
        try {
            handle.close();
        } catch (V4l2Exception e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
