package io.framereel.device.v4l2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Device discovery against a fake /sys/class/video4linux tree: a UVC webcam with its metadata node, and vivid. */
class V4l2DevicesTest {
    @TempDir
    Path root;
    private Path sysClass;
    private Path dev;

    @BeforeEach
    void buildSysfs() throws IOException {
        sysClass = Files.createDirectories(root.resolve("sys/class/video4linux"));
        dev = Files.createDirectories(root.resolve("dev"));
        Path usb = Files.createDirectories(root.resolve("sys/devices/pci0000:00/0000:00:14.0/usb1/1-3/1-3:1.0"));
        Path vivid = Files.createDirectories(root.resolve("sys/devices/platform/vivid.0"));
        node("video10", "vivid-000-vid-cap", 0, vivid);
        node("video0", "HD Pro Webcam C920", 0, usb);
        node("video1", "HD Pro Webcam C920", 1, usb);
        node("video11", "vivid-000-vid-out", 1, vivid);
        Files.createDirectories(sysClass.resolve("v4l-subdev0")); // not a video node
    }

    private void node(String kernelName, String name, int index, Path device) throws IOException {
        Path dir = Files.createDirectories(sysClass.resolve(kernelName));
        Files.write(dir.resolve("name"), (name + "\n").getBytes(StandardCharsets.UTF_8));
        Files.write(dir.resolve("index"), (index + "\n").getBytes(StandardCharsets.UTF_8));
        Files.createSymbolicLink(dir.resolve("device"), dir.relativize(device));
    }

    @Test
    void listsVideoNodesInNumericOrderWithNameIndexAndHardware() throws IOException {
        List<DeviceNode> nodes = V4l2Devices.at(sysClass, dev).list();
        assertEquals(List.of("video0", "video1", "video10", "video11"),
                nodes.stream().map(DeviceNode::kernelName).toList());
        DeviceNode webcamMeta = nodes.get(1);
        assertEquals(dev.resolve("video1"), webcamMeta.path());
        assertEquals("HD Pro Webcam C920", webcamMeta.name());
        assertEquals(1, webcamMeta.index());
        assertTrue(webcamMeta.hardware().endsWith("usb1/1-3/1-3:1.0"), webcamMeta.hardware());
    }

    @Test
    void findsVividByNameWhereverItIsNumbered() throws IOException {
        assertEquals(dev.resolve("video10"), V4l2Devices.at(sysClass, dev).find("vivid").path());
    }

    @Test
    void nameMatchIsCaseInsensitiveAndPrefersTheMainNodeOverMetadata() throws IOException {
        assertEquals(dev.resolve("video0"), V4l2Devices.at(sysClass, dev).find("c920").path());
    }

    @Test
    void exactNameWinsOverSubstrings() throws IOException {
        assertEquals(dev.resolve("video11"), V4l2Devices.at(sysClass, dev).find("vivid-000-vid-out").path());
    }

    @Test
    void findsByPathAndByKernelName() throws IOException {
        V4l2Devices devices = V4l2Devices.at(sysClass, dev);
        assertEquals("vivid-000-vid-out", devices.find(dev.resolve("video11").toString()).name());
        assertEquals("vivid-000-vid-out", devices.find("video11").name());
    }

    @Test
    void unknownNameListsWhatExists() {
        V4l2Exception e = assertThrows(V4l2Exception.class, () -> V4l2Devices.at(sysClass, dev).find("imx708"));
        assertTrue(e.getMessage().startsWith("imx708: find: no V4L2 device matches; devices: "), e.getMessage());
        assertTrue(e.getMessage().contains("video1 \"HD Pro Webcam C920\" (index 1)"), e.getMessage());
    }

    @Test
    void ambiguousNameNamesTheCandidates() throws IOException {
        node("video20", "vivid-001-vid-cap", 0, root.resolve("sys/devices/platform/vivid.0"));
        V4l2Exception e = assertThrows(V4l2Exception.class, () -> V4l2Devices.at(sysClass, dev).find("vid-cap"));
        assertTrue(e.getMessage().contains("matches more than one device"), e.getMessage());
        assertTrue(e.getMessage().contains("vivid-001-vid-cap"), e.getMessage());
    }

    @Test
    void noVideo4linuxClassMeansNoDevices() throws IOException {
        assertEquals(List.of(), V4l2Devices.at(root.resolve("nothing"), dev).list());
    }

    @Test
    void findsByBusInfoThroughQuerycap() throws IOException {
        FakeCamera camera = new FakeCamera(Abi.current(), dev.resolve("video10").toString());
        camera.busInfo = "platform:vivid-000";
        V4l2Devices devices = V4l2Devices.at(sysClass, dev, camera, Abi.current());
        assertEquals(dev.resolve("video10"), devices.findByBusInfo("platform:vivid-000").path());
        V4l2Exception e = assertThrows(V4l2Exception.class, () -> devices.findByBusInfo("usb-0000:00:14.0-3"));
        assertTrue(e.getMessage().contains("video0=(ENOENT)"), e.getMessage());
        assertTrue(e.getMessage().contains("video10=platform:vivid-000"), e.getMessage());
    }
}
