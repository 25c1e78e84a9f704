package io.framereel.device.v4l2;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The device module's fake kernel ({@link FakeCamera}) behind a {@link V4l2Devices}, for tests of the capture
 * module's V4L2 source: one capture node, {@code /dev/video0} named "vivid-000-vid-cap", in a sysfs tree built
 * under a temporary directory.
 */
public final class FakeCameraDevices {
    private final FakeCamera camera;
    private final V4l2Devices devices;

    private FakeCameraDevices(FakeCamera camera, V4l2Devices devices) {
        this.camera = camera;
        this.devices = devices;
    }

    public static FakeCameraDevices under(Path root) throws IOException {
        Path sysClass = Files.createDirectories(root.resolve("sys/class/video4linux"));
        Path dev = Files.createDirectories(root.resolve("dev"));
        Path hardware = Files.createDirectories(root.resolve("sys/devices/platform/vivid.0"));
        Path node = Files.createDirectories(sysClass.resolve("video0"));
        Files.write(node.resolve("name"), "vivid-000-vid-cap\n".getBytes(StandardCharsets.UTF_8));
        Files.write(node.resolve("index"), "0\n".getBytes(StandardCharsets.UTF_8));
        Files.createSymbolicLink(node.resolve("device"), node.relativize(hardware));
        FakeCamera camera = new FakeCamera(Abi.current(), dev.resolve("video0").toString());
        camera.maxBuffers = 32;
        return new FakeCameraDevices(camera, V4l2Devices.at(sysClass, dev, camera, Abi.current()));
    }

    public V4l2Devices devices() {
        return devices;
    }

    /** The next VIDIOC_REQBUFS fails with {@code errno} (Errno's constants), as a driver out of memory would. */
    public void failNextRequestBuffers(int errno) {
        camera.failNext.put(VideoIoctl.VIDIOC_REQBUFS, errno);
    }

    /** The most buffers the fake driver grants, whatever was asked for (vb2 drivers lower the count). */
    public void grantAtMost(int buffers) {
        camera.maxBuffers = buffers;
    }

    /** The ioctls and mmaps the fake kernel saw, in order ("REQBUFS 16", "STREAMON", ...). */
    public List<String> log() {
        return camera.log;
    }
}
