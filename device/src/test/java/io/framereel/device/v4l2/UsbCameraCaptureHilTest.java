package io.framereel.device.v4l2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framereel.device.hil.HilTest;
import io.framereel.device.hil.Rig;
import io.framereel.device.hil.UsbCamera;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Capture from a USB webcam through the kernel's uvcvideo driver: the rig's UVC camera on vhci-hcd (see
 * {@link UsbCamera}). What vivid cannot show: a driver with a metadata node beside the capture node, MJPEG frames
 * of varying size with the camera's own padding, controls that travel over USB to the camera, and a device that
 * leaves the bus mid-stream.
 */
@HilTest
class UsbCameraCaptureHilTest {
    private UsbCamera camera;

    @BeforeEach
    void cameraIsPluggedIn() {
        camera = Rig.require().pluggedUsbCamera();
    }

    @Test
    void findsTheCameraByNameAndPassesOverItsMetadataNode() throws IOException {
        DeviceNode node = V4l2Devices.system().find(UsbCamera.NAME);
        assertEquals(camera.node(), node.path());
        List<DeviceNode> both = new ArrayList<>();
        for (DeviceNode n : V4l2Devices.system().list()) {
            if (n.name().startsWith(UsbCamera.NAME)) {
                both.add(n);
            }
        }
        assertEquals(2, both.size(), "uvcvideo makes a capture and a metadata node: " + both);
        try (V4l2Device device = V4l2Device.open(node.path())) {
            Capability cap = device.capability();
            assertEquals("uvcvideo", cap.driver());
            assertTrue(cap.canCaptureVideo() && cap.canStream(), cap.toString());
            assertTrue(cap.busInfo().startsWith("usb-vhci_hcd"), cap.busInfo());
            assertEquals(node.path(), V4l2Devices.system().findByBusInfo(cap.busInfo()).path());
        }
        DeviceNode metadata = both.get(0).equals(node) ? both.get(1) : both.get(0);
        try (V4l2Device device = V4l2Device.open(metadata.path())) {
            assertTrue(device.capability().isMetadataOnly(), device.capability().toString());
        }
    }

    @Test
    void listsMjpegAndYuyvWithTheCamerasSizesAndRates() throws IOException {
        try (V4l2Device device = V4l2Device.open(camera.node())) {
            List<String> fourccs = new ArrayList<>();
            for (FormatDescription f : device.formats()) {
                fourccs.add(f.fourccName());
            }
            assertEquals(List.of("MJPG", "YUYV"), fourccs);
            assertEquals(List.of(FrameSize.of(640, 480), FrameSize.of(320, 240)), device.frameSizes(FourCc.MJPEG));
            assertEquals(List.of(FrameSize.of(320, 240)), device.frameSizes(FourCc.YUYV));
            List<FrameInterval> rates = device.frameIntervals(FourCc.MJPEG, 640, 480);
            assertEquals(2, rates.size(), rates.toString());
            assertEquals(30.0, rates.get(0).min().framesPerSecond(), 0.01);
            assertEquals(15.0, rates.get(1).min().framesPerSecond(), 0.01);
        }
    }

    @Test
    void brightnessTravelsToTheCamera() throws IOException {
        try (V4l2Device device = V4l2Device.open(camera.node())) {
            ControlInfo brightness = device.control("brightness");
            assertEquals(0, brightness.minimum());
            assertEquals(255, brightness.maximum());
            assertEquals(128, brightness.defaultValue());
            int wanted = camera.brightness() == 77 ? 78 : 77;
            assertEquals(wanted, device.set("Brightness", Integer.toString(wanted)));
            assertEquals(wanted, camera.brightness(), "the camera's own record of the SET_CUR");
            assertEquals(wanted, device.get(brightness));
        }
    }

    @Test
    void streamsMjpegFramesAsTheCameraSentThemPaddingIncluded() throws IOException {
        int streamsBefore = camera.streams().size();
        try (V4l2Device device = V4l2Device.open(camera.node())) {
            VideoFormat format = device.setFormat(VideoFormat.of(FourCc.MJPEG, 640, 480));
            assertEquals(FourCc.MJPEG, format.fourcc());
            device.setFrameInterval(Fraction.perSecond(30));
            List<byte[]> frames = new ArrayList<>();
            long[] sequences = new long[12];
            long[] timestamps = new long[sequences.length];
            try (CaptureSession session = device.startCapture(4)) {
                for (int i = 0; i < sequences.length; i++) {
                    Frame frame = session.next(5000);
                    assertNotNull(frame, "no frame " + i + " within 5 s");
                    assertFalse(frame.isError(), "error flag on frame " + i);
                    ByteBuffer data = frame.data();
                    byte[] bytes = new byte[data.remaining()];
                    data.get(bytes);
                    frames.add(bytes);
                    sequences[i] = frame.sequence();
                    timestamps[i] = frame.timestampNanos();
                    frame.release();
                }
            }
            // uvcvideo numbers the frames from 0 at STREAMON, counting the ones it had no buffer for, as the camera
            // numbers what it sends: the sequence number tells which frame arrived (with or without Huffman tables,
            // padded or not). The bytes come as sent, however the packets cut them.
            for (int i = 0; i < frames.size(); i++) {
                byte[] jpeg = camera.servedFrame(640, 480, sequences[i]);
                byte[] got = frames.get(i);
                int padding = UsbCamera.padding(sequences[i]);
                assertEquals(jpeg.length + padding, got.length, "bytesused of frame " + sequences[i]);
                assertArrayEquals(jpeg, Arrays.copyOf(got, jpeg.length), "frame " + sequences[i]);
                assertTrue(Arrays.equals(new byte[padding], Arrays.copyOfRange(got, jpeg.length, got.length)),
                        "the padding of frame " + sequences[i]);
                if (i > 0) {
                    assertTrue(sequences[i] > sequences[i - 1], "sequence went back at frame " + i);
                    assertTrue(timestamps[i] > timestamps[i - 1], "timestamp went back at frame " + i);
                }
            }
        }
        List<String> streams = camera.streams();
        assertEquals("start format=1 frame=1 interval=333333", streams.get(streamsBefore), "what the camera was asked");
    }

    @Test
    void unplugMidStreamIsAClearErrorAndTheCameraComesBack() throws IOException {
        V4l2Device device = V4l2Device.open(camera.node());
        CaptureSession session = device.startCapture(4);
        try {
            assertNotNull(session.next(5000), "no frame before the unplug");
            camera.unplug();
            V4l2Exception e = assertThrows(V4l2Exception.class, () -> {
                for (int i = 0; i < 100; i++) {
                    Frame frame = session.next(5000);
                    if (frame != null) {
                        frame.release(); // frames already delivered before the cable went
                    }
                }
            });
            assertTrue(e.getMessage().contains("ENODEV") || e.getMessage().contains("hung up"), e.getMessage());
        } finally {
            device.close();
        }
        camera.plug();
        try (V4l2Device again = V4l2Device.open(V4l2Devices.system().find(UsbCamera.NAME).path());
                CaptureSession session2 = again.startCapture(4)) {
            assertNotNull(session2.next(5000), "no frame after plugging the camera back in");
        }
    }
}
