package io.framereel.webcam;

import io.framereel.device.v4l2.DeviceNode;
import io.framereel.device.v4l2.V4l2Device;
import io.framereel.device.v4l2.V4l2Devices;
import io.framereel.device.v4l2.V4l2Exception;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the driver finds and opens V4L2 nodes: the machine's sysfs and device files, or a fake kernel in tests.
 * Implementations are thread-safe.
 */
interface CameraAccess {
    /** The machine's own: nodes listed by sysfs ({@link V4l2Devices#system()}), opened through the JNA binding. */
    CameraAccess SYSTEM = of(V4l2Devices.system());

    /** Every video4linux node, by number (including metadata and output nodes, which the driver filters). */
    List<DeviceNode> nodes() throws IOException;

    /** Opens a node and reads its capabilities. */
    V4l2Device open(Path node) throws V4l2Exception;

    /** Nodes listed by {@code devices}, opened through the JNA binding. */
    static CameraAccess of(V4l2Devices devices) {
        return new CameraAccess() {
            @Override
            public List<DeviceNode> nodes() throws IOException {
                return devices.list();
            }

            @Override
            public V4l2Device open(Path node) throws V4l2Exception {
                return V4l2Device.open(node);
            }
        };
    }
}
