package io.framereel.webcam;

import io.framereel.device.v4l2.DeviceNode;
import io.framereel.device.v4l2.FakeV4l2Camera;
import io.framereel.device.v4l2.V4l2Device;
import io.framereel.device.v4l2.V4l2Exception;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Camera nodes for the driver without a kernel: each node a {@link FakeV4l2Camera}, or missing. */
final class FakeAccess implements CameraAccess {
    private final Map<Path, FakeV4l2Camera> cameras = new LinkedHashMap<>();
    private final List<DeviceNode> nodes = new ArrayList<>();
    int opens;

    /** Adds a node named as sysfs would name it; {@code camera} null makes its open fail with ENOENT. */
    FakeAccess node(String path, String sysfsName, FakeV4l2Camera camera) {
        nodes.add(new DeviceNode(Path.of(path), sysfsName, 0, ""));
        if (camera != null) {
            cameras.put(Path.of(path), camera);
        }
        return this;
    }

    /** One fake camera at {@code path}. */
    static FakeAccess of(String path, FakeV4l2Camera camera) {
        return new FakeAccess().node(path, "Fake Camera", camera);
    }

    @Override
    public List<DeviceNode> nodes() {
        return List.copyOf(nodes);
    }

    @Override
    public V4l2Device open(Path node) throws V4l2Exception {
        opens++;
        FakeV4l2Camera camera = cameras.get(node);
        if (camera == null) {
            throw FakeV4l2Camera.missing(node.toString());
        }
        return camera.open();
    }
}
