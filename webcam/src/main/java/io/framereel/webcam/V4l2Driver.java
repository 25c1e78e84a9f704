package io.framereel.webcam;

import com.github.sarxos.webcam.WebcamDevice;
import com.github.sarxos.webcam.WebcamDiscoverySupport;
import com.github.sarxos.webcam.WebcamDriver;
import com.github.sarxos.webcam.WebcamException;

import io.framereel.device.v4l2.Capability;
import io.framereel.device.v4l2.DeviceNode;
import io.framereel.device.v4l2.V4l2Device;
import io.framereel.device.v4l2.V4l2Exception;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A webcam-capture driver for Linux cameras through framereel's JNA V4L2 binding: no BridJ and no bundled native
 * library, so it works wherever JNA does, including 64-bit Raspberry Pi OS, where webcam-capture's built-in
 * driver cannot load. Install it before the first webcam-capture call:
 *
 * <pre>{@code
 * Webcam.setDriver(new V4l2Driver());
 * Webcam webcam = Webcam.getDefault();
 * }</pre>
 *
 * <p>Cameras are found through sysfs ({@code /sys/class/video4linux}), whatever their /dev/videoN number, and
 * kept when VIDIOC_QUERYCAP says the node streams single-planar video capture: metadata nodes, output nodes and
 * the Raspberry Pi's ISP and codec nodes are left out, and so are cameras with no format the driver converts to
 * RGB. A node that cannot be opened (no permission, unplugged while listing) is left out and logged once,
 * through {@link System.Logger}.
 *
 * <p>Thread-safe; the devices lock themselves, so {@link #isThreadSafe()} is true and webcam-capture calls them
 * from the caller's thread instead of funnelling every camera through its one processor thread.
 */
public final class V4l2Driver implements WebcamDriver, WebcamDiscoverySupport {
    private static final System.Logger LOG = System.getLogger(V4l2Driver.class.getName());

    private final CameraAccess access;
    private final long scanIntervalMs;
    /** Problems already logged, by node and reason, so a rescan every few seconds does not repeat them. */
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    /** The machine's cameras, rescanned for hot-plug every {@link #DEFAULT_SCAN_INTERVAL} ms. */
    public V4l2Driver() {
        this(DEFAULT_SCAN_INTERVAL);
    }

    /** The machine's cameras, rescanned every {@code scanIntervalMs} while webcam-capture's discovery runs. */
    public V4l2Driver(long scanIntervalMs) {
        this(CameraAccess.SYSTEM, scanIntervalMs);
    }

    V4l2Driver(CameraAccess access, long scanIntervalMs) {
        if (scanIntervalMs < 1) {
            throw new IllegalArgumentException("scanIntervalMs cannot be less than 1 (was " + scanIntervalMs + ")");
        }
        this.access = access;
        this.scanIntervalMs = scanIntervalMs;
    }

    /**
     * The capture cameras now present, as new closed devices, in /dev/videoN order.
     *
     * @throws WebcamException when sysfs cannot be read
     */
    @Override
    public List<WebcamDevice> getDevices() {
        List<DeviceNode> nodes;
        try {
            nodes = access.nodes();
        } catch (IOException e) {
            throw new WebcamException("cannot list V4L2 devices: " + e.getMessage(), e);
        }
        List<WebcamDevice> devices = new ArrayList<>();
        for (DeviceNode node : nodes) {
            V4l2WebcamDevice device = probe(node);
            if (device != null) {
                devices.add(device);
            }
        }
        return devices;
    }

    /** The node as a webcam-capture device, or null when it is not a camera the driver can use. */
    private V4l2WebcamDevice probe(DeviceNode node) {
        try (V4l2Device device = access.open(node.path())) {
            Capability cap = device.capability();
            if (!CameraProfile.isCamera(cap)) {
                return null; // metadata, output or ISP node: not a camera, nothing to report
            }
            Optional<CameraProfile> profile = CameraProfile.probe(device, null);
            if (profile.isEmpty()) {
                report(Level.INFO, node, node.path() + " (" + cap.card() + ") offers no format this driver converts"
                        + " to RGB (" + RgbFormat.names() + ")");
                return null;
            }
            return new V4l2WebcamDevice(access, node, profile.get());
        } catch (V4l2Exception e) {
            report(Level.WARNING, node, e.getMessage()); // one bad node must not hide the other cameras
            return null;
        } catch (IllegalArgumentException e) {
            report(Level.WARNING, node, node.path() + ": " + e.getMessage());
            return null;
        }
    }

    /** Logs why a node is not offered, once per node and reason; {@code problem} names the node's path. */
    private void report(Level level, DeviceNode node, String problem) {
        if (reported.add(problem)) {
            LOG.log(level, "webcam-capture will not see \"{0}\": {1}", node.name(), problem);
        }
    }

    /** True: each device serialises its own calls. */
    @Override
    public boolean isThreadSafe() {
        return true;
    }

    @Override
    public long getScanInterval() {
        return scanIntervalMs;
    }

    /** True: listing reads sysfs and opens each node briefly, which works whenever the cameras do. */
    @Override
    public boolean isScanPossible() {
        return true;
    }

    @Override
    public String toString() {
        return "V4l2Driver (framereel JNA V4L2)";
    }
}
