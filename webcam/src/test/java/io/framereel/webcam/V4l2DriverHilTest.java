package io.framereel.webcam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.github.sarxos.webcam.Webcam;
import com.github.sarxos.webcam.WebcamException;

import io.framereel.device.hil.HilTest;
import io.framereel.device.hil.Rig;
import io.framereel.device.hil.UsbCamera;

import java.awt.Dimension;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.IntBinaryOperator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

// Scope: webcam-capture on V4l2Driver with the kernel's vivid camera and the rig's USB (uvcvideo) camera, without
// BridJ: cameras are found through sysfs, vivid opens at 640x480 in YUYV, getImage and getImageBytes show its colour
// bars across the whole frame, the USB camera's MJPEG is decoded to its bars, and an unplugged camera fails the
// read with a message naming it.
@HilTest
class V4l2DriverHilTest {
    private static final int W = 640;
    private static final int H = 480;
    /** vivid's "100% Colorbar", left to right. */
    private static final int[] BARS = {0xFFFFFF, 0xFFFF00, 0x00FFFF, 0x00FF00, 0xFF00FF, 0xFF0000, 0x0000FF, 0x000000};
    /** vivid's YUYV is limited range, converted as full range: channels shift by up to 20; a wrong bar by 255. */
    private static final int TOLERANCE = 48;

    private final Rig rig = Rig.require();

    @BeforeEach
    void showStillColourBars() throws IOException {
        rig.camera().resetFaults();
        rig.camera().setMenu("test_pattern", "100% Colorbar");
        rig.camera().setMenu("osd_text_mode", "None");
    }

    @AfterEach
    void forgetTheDriver() {
        Webcam.resetDriver(); // stops the discovery thread and disposes every webcam it found
    }

    /** vivid as webcam-capture finds it with the driver installed, at 640x480 and vivid's top rate. */
    private Webcam vivid() {
        Webcam webcam = named("vivid (" + rig.camera().node() + ")");
        assertEquals("YUYV", ((V4l2WebcamDevice) webcam.getDevice()).pixelFormat());
        assertTrue(Arrays.asList(webcam.getViewSizes()).contains(new Dimension(W, H)),
                Arrays.toString(webcam.getViewSizes()));
        webcam.setViewSize(new Dimension(W, H));
        webcam.setParameters(Map.of("fps", 25));
        return webcam;
    }

    /** The webcam of that name among those webcam-capture finds with the driver installed (vivid and the USB one). */
    private static Webcam named(String name) {
        Webcam.setDriver(new V4l2Driver());
        List<Webcam> webcams = Webcam.getWebcams();
        for (Webcam webcam : webcams) {
            if (webcam.getName().equals(name)) {
                return webcam;
            }
        }
        return fail("no webcam named '" + name + "' among " + webcams);
    }

    @Test
    void webcamCaptureDecodesTheUsbCamerasMjpegThroughTheDriver() {
        UsbCamera usb = rig.pluggedUsbCamera();
        Webcam webcam = named(UsbCamera.NAME + " (" + usb.node() + ")");
        // 640x480 comes only as MJPEG from this camera: the driver asks for it and decodes every frame
        webcam.setViewSize(new Dimension(W, H));
        assertTrue(webcam.open());
        try {
            assertEquals("MJPG", ((V4l2WebcamDevice) webcam.getDevice()).pixelFormat());
            for (int i = 0; i < 3; i++) {
                BufferedImage image = webcam.getImage();
                assertEquals(W, image.getWidth());
                assertEquals(H, image.getHeight());
                assertBars("getImage of JPEG frame " + i, image::getRGB, H / 4); // above the frame marker
            }
        } finally {
            webcam.close();
        }
    }

    @Test
    void bridjIsNotOnTheRigsClasspath() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.bridj.Pointer"));
    }

    @Test
    void webcamCaptureSeesVividsColourBarsThroughTheDriver() {
        Webcam webcam = vivid();
        assertTrue(webcam.open());
        try {
            BufferedImage image = webcam.getImage();
            assertEquals(W, image.getWidth());
            assertEquals(H, image.getHeight());
            assertBars("getImage", image::getRGB);

            ByteBuffer rgb = ByteBuffer.allocateDirect(W * H * 3);
            for (int i = 0; i < rgb.capacity(); i++) {
                rgb.put(i, (byte) 0x5A); // a colour no bar has: any byte left unwritten shows
            }
            webcam.getImageBytes(rgb);
            IntBinaryOperator rgbAt = (x, y) -> {
                int at = 3 * (y * W + x);
                return (rgb.get(at) & 0xFF) << 16 | (rgb.get(at + 1) & 0xFF) << 8 | rgb.get(at + 2) & 0xFF;
            };
            assertBars("getImageBytes", rgbAt);
            assertNear("first byte triple (white bar)", BARS[0], rgbAt.applyAsInt(0, 0));
            assertNear("last byte triple (black bar)", BARS[7], rgbAt.applyAsInt(W - 1, H - 1));
            assertTrue(webcam.getFPS() > 0, "fps " + webcam.getFPS());
        } finally {
            webcam.close();
        }
    }

    @Test
    void anUnpluggedCameraFailsTheReadNamingIt() {
        Webcam webcam = vivid();
        assertTrue(webcam.open());
        try {
            webcam.getImage();
            rig.camera().disconnect();
            WebcamException e = assertThrows(WebcamException.class, () -> {
                for (int i = 0; i < 50; i++) { // frames already queued may still arrive
                    webcam.getImage();
                }
            });
            assertTrue(e.getMessage().startsWith("vivid (" + rig.camera().node() + "): capture failed: "),
                    e.getMessage());
        } finally {
            webcam.close(); // the last handle: vivid plugs the camera back in
        }
    }

    private static void assertBars(String what, IntBinaryOperator rgbAt) {
        assertBars(what, rgbAt, H / 2);
    }

    private static void assertBars(String what, IntBinaryOperator rgbAt, int y) {
        for (int bar = 0; bar < BARS.length; bar++) {
            int x = (2 * bar + 1) * W / (2 * BARS.length);
            assertNear(what + ": bar " + bar + " at (" + x + "," + y + ")", BARS[bar], rgbAt.applyAsInt(x, y));
        }
    }

    private static void assertNear(String what, int expected, int actual) {
        int rgb = actual & 0xFFFFFF;
        if (TestPictures.distance(rgb, expected) > TOLERANCE) {
            fail(String.format("%s is %06x, expected about %06x", what, rgb, expected));
        }
    }
}
