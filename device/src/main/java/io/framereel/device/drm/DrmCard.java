package io.framereel.device.drm;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

import io.framereel.device.libc.Libc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An open DRM card ({@code /dev/dri/cardN}): its driver's name ({@code DRM_IOCTL_VERSION}), whether it has dumb
 * buffers, its CRTCs, encoders and connectors (with their state and modes), and what a CRTC scans out. Cards are
 * found by driver name or path, never by number: on a Pi 5 the HDMI card's number changes with what else probes
 * first. The first process to open a card becomes its DRM master and may set modes; others may only look. Not
 * thread-safe.
 */
public final class DrmCard implements AutoCloseable {
    public static final Path DEV_DRI = Path.of("/dev/dri");

    private final String path;
    private final String driver;
    private int fd;

    private DrmCard(String path, int fd) throws DrmException {
        this.path = path;
        this.fd = fd;
        this.driver = readDriverName();
    }

    /** Opens a card read-write. */
    public static DrmCard open(Path node) throws DrmException {
        String path = node.toString();
        int fd = Libc.open(path);
        if (fd < 0) {
            throw new DrmException(path, "open", Libc.errno(), null);
        }
        try {
            return new DrmCard(path, fd);
        } catch (DrmException | RuntimeException e) {
            Libc.close(fd);
            throw e;
        }
    }

    /**
     * The card a user names: a path ({@code /dev/dri/card1}), a node name ({@code card1}), or a driver name as
     * DRM_IOCTL_VERSION reports it ({@code vc4}, {@code bochs-drm}, {@code virtio_gpu}; case-insensitive). With
     * null or "", the first card that has a connected display.
     *
     * @throws DrmException listing the cards there are, with their drivers, when none or several match
     */
    public static Path find(String selector) throws IOException {
        return find(selector, DEV_DRI);
    }

    static Path find(String selector, Path devDri) throws IOException {
        if (selector != null && selector.startsWith("/")) {
            return Path.of(selector);
        }
        if (selector != null && selector.matches("card[0-9]+")) {
            return devDri.resolve(selector);
        }
        List<String> seen = new ArrayList<>();
        List<Path> matches = new ArrayList<>();
        for (Path node : cards(devDri)) {
            try (DrmCard card = open(node)) {
                boolean match = selector == null || selector.isEmpty()
                        ? card.hasDumbBuffers() && card.connectors().stream().anyMatch(Connector::connected)
                        : card.driver().equalsIgnoreCase(selector);
                seen.add(node.getFileName() + " (" + card.driver() + ")");
                if (match) {
                    matches.add(node);
                }
            } catch (DrmException e) {
                seen.add(node.getFileName() + " (" + e.getMessage() + ")");
            }
        }
        if (matches.size() == 1 || !matches.isEmpty() && (selector == null || selector.isEmpty())) {
            return matches.get(0);
        }
        throw new DrmException(selector == null || selector.isEmpty() ? devDri.toString() : selector, "find", 0,
                (matches.isEmpty() ? selector == null || selector.isEmpty() ? "no card has a connected display"
                        : "no card's driver is called that" : "several cards match " + matches)
                        + "; cards: " + (seen.isEmpty() ? "none under " + devDri : String.join(", ", seen)));
    }

    /** The primary nodes under {@code devDri} in name order (render nodes cannot set modes). */
    static List<Path> cards(Path devDri) throws IOException {
        List<Path> nodes = new ArrayList<>();
        if (Files.isDirectory(devDri)) {
            try (DirectoryStream<Path> dir = Files.newDirectoryStream(devDri, "card[0-9]*")) {
                dir.forEach(nodes::add);
            }
        }
        Collections.sort(nodes);
        return nodes;
    }

    private String readDriverName() throws DrmException {
        DrmLayout.Version v = DrmLayout.Version.forPointerSize(Native.POINTER_SIZE);
        Memory version = new Memory(v.size());
        version.clear();
        Memory name = new Memory(64);
        name.clear();
        // date and desc stay NULL with length 0: the kernel copies nothing there and only reports their lengths.
        putSize(version, v.nameLen(), name.size());
        version.setPointer(v.name(), name);
        ioctl(v.ioctl(), version, "DRM_IOCTL_VERSION");
        long length = Math.min(getSize(version, v.nameLen()), name.size());
        return new String(name.getByteArray(0, (int) length), StandardCharsets.US_ASCII);
    }

    private static void putSize(Memory m, int offset, long value) {
        if (Native.SIZE_T_SIZE == 8) {
            m.setLong(offset, value);
        } else {
            m.setInt(offset, (int) value);
        }
    }

    private static long getSize(Memory m, int offset) {
        return Native.SIZE_T_SIZE == 8 ? m.getLong(offset) : Integer.toUnsignedLong(m.getInt(offset));
    }

    /** Runs a DRM ioctl; throws naming the device, the ioctl and the errno. */
    void ioctl(int request, Pointer argument, String name) throws DrmException {
        int errno = tryIoctl(request, argument);
        if (errno != 0) {
            throw new DrmException(path, name, errno, null);
        }
    }

    /** Runs a DRM ioctl; 0 or the errno, for callers with a fallback. */
    int tryIoctl(int request, Pointer argument) {
        ensureOpen();
        return Libc.ioctl(fd, request, argument);
    }

    int fd() {
        ensureOpen();
        return fd;
    }

    public String path() {
        return path;
    }

    /** The driver's name from DRM_IOCTL_VERSION, e.g. "vc4", "bochs-drm", "virtio_gpu". */
    public String driver() {
        return driver;
    }

    /** Whether the driver offers dumb buffers (DRM_CAP_DUMB_BUFFER): plain CPU-drawn scanout memory. */
    public boolean hasDumbBuffers() throws DrmException {
        return capability(DrmLayout.CAP_DUMB_BUFFER, "DRM_CAP_DUMB_BUFFER") != 0;
    }

    /** A DRM_IOCTL_GET_CAP value. */
    long capability(int capability, String name) throws DrmException {
        Memory cap = new Memory(DrmLayout.GET_CAP_SIZE);
        cap.clear();
        cap.setLong(0, capability);
        int errno = tryIoctl(DrmLayout.IOCTL_GET_CAP, cap);
        if (errno != 0) {
            throw new DrmException(path, "DRM_IOCTL_GET_CAP " + name, errno, null);
        }
        return cap.getLong(DrmLayout.GET_CAP_VALUE);
    }

    /** The card's object ids from DRM_IOCTL_MODE_GETRESOURCES: CRTCs, encoders, connectors, in the kernel's order. */
    record Resources(List<Integer> crtcIds, List<Integer> encoderIds, List<Integer> connectorIds) {
    }

    Resources resources() throws DrmException {
        Memory res = new Memory(DrmLayout.CARD_RES_SIZE);
        // Twice: once for the counts, once with arrays that large. A hotplug in between can grow a count; the
        // kernel then fills nothing and says so by the larger count, so ask again.
        for (int attempt = 0; attempt < 5; attempt++) {
            res.clear();
            ioctl(DrmLayout.IOCTL_MODE_GETRESOURCES, res, "DRM_IOCTL_MODE_GETRESOURCES");
            int crtcs = res.getInt(DrmLayout.CARD_RES_COUNT_CRTCS);
            int encoders = res.getInt(DrmLayout.CARD_RES_COUNT_ENCODERS);
            int connectors = res.getInt(DrmLayout.CARD_RES_COUNT_CONNECTORS);
            Memory crtcIds = ids(crtcs);
            Memory encoderIds = ids(encoders);
            Memory connectorIds = ids(connectors);
            res.clear();
            res.setLong(DrmLayout.CARD_RES_CRTC_ID_PTR, Pointer.nativeValue(crtcIds));
            res.setLong(DrmLayout.CARD_RES_ENCODER_ID_PTR, Pointer.nativeValue(encoderIds));
            res.setLong(DrmLayout.CARD_RES_CONNECTOR_ID_PTR, Pointer.nativeValue(connectorIds));
            res.setInt(DrmLayout.CARD_RES_COUNT_CRTCS, crtcs);
            res.setInt(DrmLayout.CARD_RES_COUNT_ENCODERS, encoders);
            res.setInt(DrmLayout.CARD_RES_COUNT_CONNECTORS, connectors);
            ioctl(DrmLayout.IOCTL_MODE_GETRESOURCES, res, "DRM_IOCTL_MODE_GETRESOURCES");
            if (res.getInt(DrmLayout.CARD_RES_COUNT_CRTCS) <= crtcs
                    && res.getInt(DrmLayout.CARD_RES_COUNT_ENCODERS) <= encoders
                    && res.getInt(DrmLayout.CARD_RES_COUNT_CONNECTORS) <= connectors) {
                return new Resources(list(crtcIds, res.getInt(DrmLayout.CARD_RES_COUNT_CRTCS)),
                        list(encoderIds, res.getInt(DrmLayout.CARD_RES_COUNT_ENCODERS)),
                        list(connectorIds, res.getInt(DrmLayout.CARD_RES_COUNT_CONNECTORS)));
            }
        }
        throw new DrmException(path, "DRM_IOCTL_MODE_GETRESOURCES", 0, "the counts kept changing (hotplug storm?)");
    }

    /** A zeroed array of {@code count} __u32 ids; JNA's Memory cannot be empty, so at least one. */
    private static Memory ids(int count) {
        Memory m = new Memory(4L * Math.max(1, count));
        m.clear();
        return m;
    }

    private static List<Integer> list(Memory ids, int count) {
        List<Integer> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            list.add(ids.getInt(4L * i));
        }
        return List.copyOf(list);
    }

    /** The CRTC ids in the kernel's order: bit i of an encoder's possible_crtcs is the i-th. */
    public List<Integer> crtcIds() throws DrmException {
        return resources().crtcIds();
    }

    /** Every connector with its state and modes (a fresh probe: a display plugged in since is seen). */
    public List<Connector> connectors() throws DrmException {
        List<Connector> connectors = new ArrayList<>();
        for (int id : resources().connectorIds()) {
            connectors.add(connector(id));
        }
        return connectors;
    }

    /** One connector from DRM_IOCTL_MODE_GETCONNECTOR. */
    public Connector connector(int id) throws DrmException {
        Memory c = new Memory(DrmLayout.CONNECTOR_SIZE);
        for (int attempt = 0; attempt < 5; attempt++) {
            // count_modes 0 asks the driver to probe the display (EDID); properties are not fetched.
            c.clear();
            c.setInt(DrmLayout.CONNECTOR_CONNECTOR_ID, id);
            ioctl(DrmLayout.IOCTL_MODE_GETCONNECTOR, c, "DRM_IOCTL_MODE_GETCONNECTOR " + id);
            int modes = c.getInt(DrmLayout.CONNECTOR_COUNT_MODES);
            int encoders = c.getInt(DrmLayout.CONNECTOR_COUNT_ENCODERS);
            Memory modeInfo = new Memory((long) DrmLayout.MODEINFO_SIZE * Math.max(1, modes));
            Memory encoderIds = ids(encoders);
            c.clear();
            c.setInt(DrmLayout.CONNECTOR_CONNECTOR_ID, id);
            c.setLong(DrmLayout.CONNECTOR_MODES_PTR, Pointer.nativeValue(modeInfo));
            c.setInt(DrmLayout.CONNECTOR_COUNT_MODES, modes);
            c.setLong(DrmLayout.CONNECTOR_ENCODERS_PTR, Pointer.nativeValue(encoderIds));
            c.setInt(DrmLayout.CONNECTOR_COUNT_ENCODERS, encoders);
            ioctl(DrmLayout.IOCTL_MODE_GETCONNECTOR, c, "DRM_IOCTL_MODE_GETCONNECTOR " + id);
            int gotModes = c.getInt(DrmLayout.CONNECTOR_COUNT_MODES);
            int gotEncoders = c.getInt(DrmLayout.CONNECTOR_COUNT_ENCODERS);
            if (gotModes > modes || gotEncoders > encoders) {
                continue;
            }
            List<Mode> modeList = new ArrayList<>(gotModes);
            for (int i = 0; i < gotModes; i++) {
                modeList.add(Mode.of(modeInfo.getByteArray((long) i * DrmLayout.MODEINFO_SIZE, DrmLayout.MODEINFO_SIZE)));
            }
            return new Connector(id, Connector.name(c.getInt(DrmLayout.CONNECTOR_TYPE),
                    c.getInt(DrmLayout.CONNECTOR_TYPE_ID)), Connector.Connection.of(c.getInt(DrmLayout.CONNECTOR_CONNECTION)),
                    modeList, list(encoderIds, gotEncoders), c.getInt(DrmLayout.CONNECTOR_ENCODER_ID));
        }
        throw new DrmException(path, "DRM_IOCTL_MODE_GETCONNECTOR " + id, 0, "the mode count kept changing");
    }

    /** Every encoder by id (DRM_IOCTL_MODE_GETENCODER). */
    public Map<Integer, Encoder> encoders() throws DrmException {
        Map<Integer, Encoder> encoders = new LinkedHashMap<>();
        Memory e = new Memory(DrmLayout.ENCODER_SIZE);
        for (int id : resources().encoderIds()) {
            e.clear();
            e.setInt(DrmLayout.ENCODER_ID, id);
            ioctl(DrmLayout.IOCTL_MODE_GETENCODER, e, "DRM_IOCTL_MODE_GETENCODER " + id);
            encoders.put(id, new Encoder(id, e.getInt(DrmLayout.ENCODER_CRTC_ID), e.getInt(DrmLayout.ENCODER_POSSIBLE_CRTCS)));
        }
        return encoders;
    }

    /** What CRTC {@code crtcId} scans out now (DRM_IOCTL_MODE_GETCRTC); any opener may ask. */
    public CrtcState crtc(int crtcId) throws DrmException {
        Memory c = new Memory(DrmLayout.CRTC_SIZE);
        c.clear();
        c.setInt(DrmLayout.CRTC_CRTC_ID, crtcId);
        ioctl(DrmLayout.IOCTL_MODE_GETCRTC, c, "DRM_IOCTL_MODE_GETCRTC " + crtcId);
        Mode mode = c.getInt(DrmLayout.CRTC_MODE_VALID) != 0
                ? Mode.of(c.getByteArray(DrmLayout.CRTC_MODE, DrmLayout.MODEINFO_SIZE)) : null;
        return new CrtcState(crtcId, c.getInt(DrmLayout.CRTC_FB_ID), c.getInt(DrmLayout.CRTC_X),
                c.getInt(DrmLayout.CRTC_Y), mode);
    }

    /** Sets the request's CRTC to scan out framebuffer {@code fbId} (DRM_IOCTL_MODE_SETCRTC). Master only. */
    void setCrtc(CrtcRequest request, int fbId) throws DrmException {
        int errno = tryIoctl(DrmLayout.IOCTL_MODE_SETCRTC, request.framebuffer(fbId));
        if (errno != 0) {
            throw new DrmException(path, "DRM_IOCTL_MODE_SETCRTC", errno, "CRTC " + request.crtcId + ", framebuffer "
                    + fbId);
        }
    }

    private void ensureOpen() {
        if (fd < 0) {
            throw new IllegalStateException(path + " is closed");
        }
    }

    /** Closes the card; safe to call more than once. As the last opener that was master, gives mastership up. */
    @Override
    public void close() throws DrmException {
        if (fd < 0) {
            return;
        }
        int rc = Libc.close(fd);
        fd = -1;
        if (rc != 0) {
            throw new DrmException(path, "close", Libc.errno(), null);
        }
    }

    @Override
    public String toString() {
        return path + " (" + driver + ")";
    }
}
