package io.framereel.webcam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.sarxos.webcam.WebcamDevice;
import com.github.sarxos.webcam.WebcamException;

import io.framereel.device.v4l2.DeviceNode;
import io.framereel.device.v4l2.FakeV4l2Camera;
import io.framereel.device.v4l2.V4l2Device;
import io.framereel.device.v4l2.V4l2Devices;
import io.framereel.device.v4l2.V4l2Exception;

import java.awt.Dimension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

// Scope: which V4L2 nodes the driver offers webcam-capture — found through sysfs whatever their number, capture
// cameras only, nodes that cannot be opened left out without hiding the others — and what each device says
// before it is opened.
class V4l2DriverTest {
    @TempDir
    Path root;

    /** A sysfs class directory with the given videoN nodes, and a /dev directory for their files. */
    private V4l2Devices sysfs(String... kernelNames) throws IOException {
        Path sysClass = Files.createDirectories(root.resolve("sys/class/video4linux"));
        for (String kernelName : kernelNames) {
            Path dir = Files.createDirectories(sysClass.resolve(kernelName));
            Files.write(dir.resolve("name"), ("node " + kernelName + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return V4l2Devices.at(sysClass, root.resolve("dev"));
    }

    /** Opens the fake registered for each path; other paths are missing. */
    private CameraAccess access(V4l2Devices devices, Map<Path, FakeV4l2Camera> cameras) {
        return new CameraAccess() {
            @Override
            public List<DeviceNode> nodes() throws IOException {
                return devices.list();
            }

            @Override
            public V4l2Device open(Path node) throws V4l2Exception {
                FakeV4l2Camera camera = cameras.get(node);
                if (camera == null) {
                    throw FakeV4l2Camera.missing(node.toString());
                }
                return camera.open();
            }
        };
    }

    @Test
    void findsCamerasThroughSysfsWhateverTheirNumberAndLeavesOutMetadataAndUnopenableNodes() throws IOException {
        V4l2Devices devices = sysfs("video3", "video4", "video7", "video12");
        Path dev = root.resolve("dev");
        FakeV4l2Camera webcam = new FakeV4l2Camera(dev.resolve("video4").toString());
        FakeV4l2Camera metadata = new FakeV4l2Camera(dev.resolve("video7").toString());
        metadata.metadataOnly();
        FakeV4l2Camera second = new FakeV4l2Camera(dev.resolve("video12").toString());
        V4l2Driver driver = new V4l2Driver(access(devices, Map.of(dev.resolve("video4"), webcam,
                dev.resolve("video7"), metadata, dev.resolve("video12"), second)), 3000);

        List<WebcamDevice> found = driver.getDevices(); // video3 cannot be opened: logged, left out
        assertEquals(List.of("Fake Camera (" + dev.resolve("video4") + ")",
                "Fake Camera (" + dev.resolve("video12") + ")"), found.stream().map(WebcamDevice::getName).toList());
        assertEquals(dev.resolve("video4"), ((V4l2WebcamDevice) found.get(0)).path());
        assertEquals(0, webcam.mappedBuffers(), "listing does not stream");
        assertEquals(1, webcam.closes(), "listing closes the node it probed");
    }

    @Test
    void aMachineWithoutVideo4linuxHasNoCameras() {
        V4l2Devices none = V4l2Devices.at(root.resolve("no/such/class"), root.resolve("dev"));
        assertEquals(List.of(), new V4l2Driver(access(none, Map.of()), 3000).getDevices());
    }

    @Test
    void anUnreadableSysfsFailsTheListingWithTheReason() {
        CameraAccess broken = new CameraAccess() {
            @Override
            public List<DeviceNode> nodes() throws IOException {
                throw new NoSuchFileException("/sys/class/video4linux/video0/name");
            }

            @Override
            public V4l2Device open(Path node) {
                throw new AssertionError("nothing to open");
            }
        };
        WebcamException e = assertThrows(WebcamException.class, () -> new V4l2Driver(broken, 3000).getDevices());
        assertEquals("cannot list V4L2 devices: /sys/class/video4linux/video0/name", e.getMessage());
    }

    @Test
    void aListedDeviceOffersTheSizesOfAllItsFormatsEachInThePreferredFormatThatHasIt() {
        // the fake offers YUYV at 640x480 and 1280x720, GREY stepwise from 160x120 to 1920x1080
        FakeAccess access = FakeAccess.of("/dev/video0", new FakeV4l2Camera("/dev/video0"));
        V4l2WebcamDevice device = (V4l2WebcamDevice) new V4l2Driver(access, 3000).getDevices().get(0);
        List<Dimension> sizes = Arrays.asList(device.getResolutions());
        assertEquals(new Dimension(160, 120), sizes.get(0), sizes.toString());
        assertEquals(new Dimension(1920, 1080), sizes.get(sizes.size() - 1), sizes.toString());
        assertTrue(sizes.contains(new Dimension(640, 480)) && sizes.contains(new Dimension(1280, 720)), sizes.toString());
        assertEquals(new Dimension(640, 480), device.getResolution());
        assertEquals("YUYV", device.pixelFormat(), "YUYV preferred over the fake's GREY where both have the size");
        device.setResolution(new Dimension(1280, 720));
        assertEquals("YUYV", device.pixelFormat());
        device.setResolution(new Dimension(1920, 1080));
        assertEquals("GREY", device.pixelFormat(), "a size only GREY offers is captured in GREY");
        assertFalse(device.isOpen());
        assertEquals(0, device.getFPS());
    }

    @Test
    void theDriverIsThreadSafeAndScansForHotPlug() {
        V4l2Driver driver = new V4l2Driver(new FakeAccess(), 1500);
        assertTrue(driver.isThreadSafe(), "devices lock themselves; no need for webcam-capture's processor thread");
        assertTrue(driver.isScanPossible());
        assertEquals(1500, driver.getScanInterval());
        assertEquals(3000, new V4l2Driver().getScanInterval());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new V4l2Driver(0));
        assertEquals("scanIntervalMs cannot be less than 1 (was 0)", e.getMessage());
    }
}
