package io.framereel.webcam;

import static io.framereel.webcam.TestPictures.assertBars;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.sarxos.webcam.WebcamException;

import io.framereel.device.v4l2.FakeV4l2Camera;

import java.awt.Dimension;
import java.awt.image.BufferedImage;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

// Scope: one V4L2 camera through the webcam-capture device API against a fake kernel — open streams in the chosen
// format and size, reads return the newest frame as TYPE_INT_RGB or RGB24, corrupt frames are skipped, timeouts,
// unplugging and misuse fail naming the device, close and dispose release everything, parameters are checked
// when set, and the RGB24 fast path allocates nothing per frame.
class V4l2WebcamDeviceTest {
    private static final String PATH = "/dev/video0";
    private static final String NAME = "Fake Camera (/dev/video0)";
    private static final int W = 64;
    private static final int H = 48;

    private final FakeV4l2Camera camera = new FakeV4l2Camera(PATH);
    private final V4l2WebcamDevice device =
            (V4l2WebcamDevice) new V4l2Driver(FakeAccess.of(PATH, camera), 3000).getDevices().get(0);

    @AfterEach
    void disposeTheDevice() {
        device.dispose();
    }

    /** The device opened at the small test size. */
    private V4l2WebcamDevice opened() {
        device.setResolution(new Dimension(W, H));
        device.open();
        return device;
    }

    private static int rgb24At(ByteBuffer buffer, int offset, int x, int y) {
        int at = offset + 3 * (y * W + x);
        return (buffer.get(at) & 0xFF) << 16 | (buffer.get(at + 1) & 0xFF) << 8 | buffer.get(at + 2) & 0xFF;
    }

    @Test
    void getImageReturnsTheNewestFrameAsANewIntRgbImage() {
        opened();
        assertTrue(device.isOpen());
        assertTrue(camera.streaming());
        camera.produce(0, TestPictures.yuyvGrey(W, H, 10));
        camera.produce(1, TestPictures.yuyvGrey(W, H, 20));
        camera.produce(2, TestPictures.yuyvBars(W, H, 2 * W));

        BufferedImage image = device.getImage();
        assertEquals(BufferedImage.TYPE_INT_RGB, image.getType());
        assertEquals(W, image.getWidth());
        assertEquals(H, image.getHeight());
        assertBars(image::getRGB, W, H);

        camera.produce(3, TestPictures.yuyvGrey(W, H, 200));
        BufferedImage next = device.getImage();
        assertEquals(0xC8C8C8, next.getRGB(0, 0) & 0xFFFFFF, "the older frames' buffers were given back");
        assertEquals(0xFFFFFF, image.getRGB(W / 8, H / 2) & 0xFFFFFF, "each call returns its own image");
    }

    @Test
    void getImageBytesWritesRgb24FromThePositionAndLeavesThePositionThere() {
        opened();
        ByteBuffer target = ByteBuffer.allocateDirect(10 + W * H * 3).position(10);
        camera.produce(0, TestPictures.yuyvBars(W, H, 2 * W));
        device.getImageBytes(target);
        assertEquals(10, target.position(), "as webcam-capture's built-in driver: the position does not move");
        assertBars((x, y) -> rgb24At(target, 10, x, y), W, H);
    }

    @Test
    void getImageBytesWithoutATargetReturnsTheDevicesOwnReadOnlyBuffer() {
        opened();
        camera.produce(0, TestPictures.yuyvGrey(W, H, 100));
        ByteBuffer first = device.getImageBytes();
        assertTrue(first.isReadOnly());
        assertEquals(0, first.position());
        assertEquals(W * H * 3, first.limit());
        assertEquals(100, first.get(W * H * 3 - 1));
        first.position(7);
        camera.produce(1, TestPictures.yuyvGrey(W, H, 50));
        ByteBuffer second = device.getImageBytes();
        assertSame(first, second, "reused, not allocated per frame");
        assertEquals(0, second.position(), "rewound for the next reader");
        assertEquals(50, second.get(0));
    }

    @Test
    void aTargetTooSmallIsRefusedWithTheSizes() {
        opened();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> device.getImageBytes(ByteBuffer.allocate(100)));
        assertEquals(NAME + ": the target buffer has 100 bytes remaining, an RGB24 frame of 64x48 needs 9216",
                e.getMessage());
    }

    @Test
    void noFrameWithinTheTimeoutNamesTheDeviceAndTheWait() {
        device.setParameters(Map.of("frameTimeoutMs", 50));
        opened();
        WebcamException e = assertThrows(WebcamException.class, device::getImage);
        assertEquals(NAME + ": no usable frame within 50 ms", e.getMessage());
    }

    @Test
    void framesTheDriverFlagsAsCorruptAreSkippedAndCounted() {
        opened();
        camera.produceCorrupt(0, TestPictures.yuyvGrey(W, H, 10));
        WebcamException e = assertThrows(WebcamException.class, device::getImage);
        assertTrue(e.getMessage().endsWith("(1 skipped, the last because the driver flagged frame 0 as corrupt)"),
                e.getMessage());
        camera.produce(1, TestPictures.yuyvGrey(W, H, 30));
        assertEquals(0x1E1E1E, device.getImage().getRGB(0, 0) & 0xFFFFFF, "the corrupt frame's buffer came back");
    }

    @Test
    void anUnpluggedCameraFailsTheReadNamingTheDeviceAndClosesCleanly() {
        opened();
        camera.disconnect();
        WebcamException e = assertThrows(WebcamException.class, device::getImage);
        assertTrue(e.getMessage().startsWith(NAME + ": capture failed: /dev/video0: VIDIOC_DQBUF failed: ENODEV"),
                e.getMessage());
        device.close();
        assertFalse(device.isOpen());
        assertEquals(0, camera.mappedBuffers());
    }

    @Test
    void closeStopsStreamingAndReleasesTheBuffersAndTheDeviceOpensAgain() {
        opened();
        device.close();
        assertFalse(device.isOpen());
        assertFalse(camera.streaming());
        assertEquals(0, camera.mappedBuffers());
        device.close(); // closing twice is harmless
        device.open();
        camera.produce(0, TestPictures.yuyvGrey(W, H, 77));
        assertEquals(0x4D4D4D, device.getImage().getRGB(W - 1, H - 1) & 0xFFFFFF);
    }

    @Test
    void aDisposedDeviceCannotOpenAndSaysWhereToGetANewOne() {
        opened();
        device.dispose();
        assertFalse(camera.streaming());
        WebcamException e = assertThrows(WebcamException.class, device::open);
        assertEquals(NAME + ": cannot open while disposed; get the camera again from Webcam.getWebcams()",
                e.getMessage());
        device.dispose(); // twice is harmless
    }

    @Test
    void readsAndResolutionChangesNeedTheRightState() {
        WebcamException closed = assertThrows(WebcamException.class, device::getImage);
        assertEquals(NAME + ": cannot get an image while closed; open() it first", closed.getMessage());
        opened();
        WebcamException open = assertThrows(WebcamException.class, () -> device.setResolution(new Dimension(640, 480)));
        assertEquals(NAME + ": cannot change the resolution while open; close() it first", open.getMessage());
    }

    @Test
    void aSizeTheCameraCannotGiveFailsOpenAndLeavesNothingOpen() {
        device.setResolution(new Dimension(4000, 3000));
        int closesBefore = camera.closes();
        WebcamException e = assertThrows(WebcamException.class, device::open);
        assertTrue(e.getMessage().startsWith(NAME + ": cannot capture YUYV 4000x3000: /dev/video0: VIDIOC_S_FMT"),
                e.getMessage());
        assertTrue(e.getMessage().contains("1920x1080"), "names what the camera would give: " + e.getMessage());
        assertFalse(device.isOpen());
        assertEquals(closesBefore + 1, camera.closes(), "the node was closed again");
    }

    @Test
    void fpsIsTheNominalRateUntilTwoFramesAreReadThenTheMeasuredOne() {
        device.setParameters(Map.of("fps", 60));
        opened();
        assertEquals(60, device.getFPS(), 1e-9, "the rate VIDIOC_S_PARM set");
        camera.produce(0, TestPictures.yuyvGrey(W, H, 1));
        device.getImage();
        camera.produce(3, TestPictures.yuyvGrey(W, H, 1)); // the fake stamps frames 33.333 ms apart
        device.getImage();
        assertEquals(30, device.getFPS(), 0.01, "three frames' numbers over 100 ms of timestamps");
        device.close();
        assertEquals(0, device.getFPS());
    }

    @Test
    void aSizeOnlyAnotherFormatOffersIsCapturedInThatFormat() {
        device.setResolution(new Dimension(320, 240)); // in the fake's GREY range; its YUYV has 640x480 and 720p only
        assertEquals("GREY", device.pixelFormat());
        device.open();
        byte[] grey = new byte[320 * 240];
        Arrays.fill(grey, (byte) 90);
        camera.produce(0, grey);
        java.awt.image.BufferedImage image = device.getImage();
        assertEquals(320, image.getWidth());
        assertEquals(0x5A5A5A, image.getRGB(3, 3) & 0xFFFFFF);
    }

    @Test
    void aPixelFormatParameterSwitchesFormatAndItsSizes() {
        device.setParameters(Map.of("pixelFormat", "GREY"));
        assertEquals("GREY", device.pixelFormat());
        List<Dimension> sizes = Arrays.asList(device.getResolutions());
        assertEquals(new Dimension(160, 120), sizes.get(0), "common sizes within the stepwise range, smallest first");
        assertTrue(sizes.contains(new Dimension(640, 480)), sizes.toString());
        assertEquals(new Dimension(1920, 1080), sizes.get(sizes.size() - 1), "and the largest");
        assertEquals(new Dimension(640, 480), device.getResolution(), "kept: GREY offers it too");
        opened();
        byte[] grey = new byte[W * H];
        Arrays.fill(grey, (byte) 90);
        camera.produce(0, grey);
        assertEquals(0x5A5A5A, device.getImage().getRGB(3, 3) & 0xFFFFFF);
    }

    @Test
    void parametersAreCheckedWhenSet() {
        assertEquals("unknown parameter exposure; known: [pixelFormat, fps, buffers, frameTimeoutMs, "
                + "control.<v4l2 control name>]", assertThrows(IllegalArgumentException.class,
                        () -> device.setParameters(Map.of("exposure", 3))).getMessage());
        assertEquals("pixelFormat NV12 is not one this driver converts to RGB; use one of [YUYV, MJPG, JPEG, YVYU, "
                + "RGBP, GREY, BA81, GBRG, GRBG, RGGB]", assertThrows(IllegalArgumentException.class,
                        () -> device.setParameters(Map.of("pixelFormat", "NV12"))).getMessage());
        assertEquals("/dev/video0 (Fake Camera) does not offer MJPG; it offers [YUYV, GREY]",
                assertThrows(IllegalArgumentException.class,
                        () -> device.setParameters(Map.of("pixelFormat", "MJPG"))).getMessage());
        assertEquals("buffers cannot be less than 2 (was 1)", assertThrows(IllegalArgumentException.class,
                () -> device.setParameters(Map.of("buffers", 1))).getMessage());
        assertEquals("fps must be a number (was fast)", assertThrows(IllegalArgumentException.class,
                () -> device.setParameters(Map.of("fps", "fast"))).getMessage());
        assertEquals("YUYV", device.pixelFormat(), "a refused parameter changes nothing");
        opened();
        WebcamException open = assertThrows(WebcamException.class, () -> device.setParameters(Map.of("fps", 5)));
        assertEquals(NAME + ": cannot set parameters while open; close() it first", open.getMessage());
    }

    @Test
    void controlParametersAreAppliedAtOpen() {
        device.setParameters(Map.of("control.brightness", 200, "control.power_line_frequency", "50 Hz"));
        opened();
        device.close();
        device.setParameters(Map.of("control.exposure", 3));
        WebcamException e = assertThrows(WebcamException.class, device::open);
        assertTrue(e.getMessage().contains("no control exposure; available: [brightness, power_line_frequency]"),
                e.getMessage());
        assertFalse(device.isOpen());
    }

    @Test
    void theRgb24FastPathAllocatesNothingPerFrame() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported(), "this JVM cannot count per-thread allocation");
        threads.setThreadAllocatedMemoryEnabled(true);
        opened();
        byte[] picture = TestPictures.yuyvBars(W, H, 2 * W);
        ByteBuffer target = ByteBuffer.allocateDirect(W * H * 3);
        long sequence = 0;
        for (int i = 0; i < 2_000; i++) {
            camera.produce(sequence++, picture);
            device.getImageBytes(target);
        }
        int frames = 100;
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < frames; i++) {
            camera.produce(sequence++, picture);
            device.getImageBytes(target);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        // a frame's worth of anything would be thousands of bytes; the measurement itself may cost a few hundred
        assertTrue(allocated < 1024, allocated + " bytes allocated over " + frames + " frames");
        assertBars((x, y) -> rgb24At(target, 0, x, y), W, H);
    }
}
