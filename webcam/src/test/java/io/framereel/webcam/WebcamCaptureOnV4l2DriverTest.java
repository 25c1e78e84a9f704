package io.framereel.webcam;

import static io.framereel.webcam.TestPictures.assertBars;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.sarxos.webcam.Webcam;

import io.framereel.capture.source.CapturedFrame;
import io.framereel.device.v4l2.FakeV4l2Camera;
import io.framereel.storage.Image;
import io.framereel.storage.PixelFormat;
import io.framereel.storage.pixel.ArgbConverter;

import java.awt.Dimension;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

// Scope: the driver as webcam-capture programs use it — Webcam.setDriver, getWebcams, open, getImage,
// getImageBytes — over a fake V4L2 kernel, with BridJ absent from the classpath; and a V4L2 camera recorded
// through WebcamSource.
class WebcamCaptureOnV4l2DriverTest {
    private static final String PATH = "/dev/video0";
    private static final Dimension SIZE = new Dimension(64, 48);

    private final FakeV4l2Camera camera = new FakeV4l2Camera(PATH);
    private Webcam webcam;

    @BeforeEach
    void installTheDriver() {
        Webcam.setDriver(new V4l2Driver(FakeAccess.of(PATH, camera), 3000));
        // the fake kernel is single-threaded: no hot-plug scans from webcam-capture's discovery thread
        Webcam.getDiscoveryService().setEnabled(false);
        List<Webcam> webcams = Webcam.getWebcams();
        assertEquals(1, webcams.size());
        webcam = webcams.get(0);
        webcam.getLock().disable();
        webcam.setCustomViewSizes(SIZE);
        webcam.setViewSize(SIZE);
    }

    @AfterEach
    void forgetTheDriver() {
        Webcam.resetDriver();
    }

    @Test
    void bridjIsNotOnTheClasspath() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.bridj.Pointer"));
    }

    @Test
    void webcamCaptureFindsOpensAndReadsTheCameraWithoutBridj() {
        assertSame(V4l2Driver.class, Webcam.getDriver().getClass());
        assertEquals("Fake Camera (/dev/video0)", webcam.getName());
        assertTrue(webcam.open());

        camera.produce(0, TestPictures.yuyvBars(SIZE.width, SIZE.height, 2 * SIZE.width));
        BufferedImage image = webcam.getImage();
        assertBars(image::getRGB, SIZE.width, SIZE.height);

        camera.produce(1, TestPictures.yuyvBars(SIZE.width, SIZE.height, 2 * SIZE.width));
        ByteBuffer rgb = ByteBuffer.allocateDirect(SIZE.width * SIZE.height * 3);
        webcam.getImageBytes(rgb);
        assertBars((x, y) -> {
            int at = 3 * (y * SIZE.width + x);
            return (rgb.get(at) & 0xFF) << 16 | (rgb.get(at + 1) & 0xFF) << 8 | rgb.get(at + 2) & 0xFF;
        }, SIZE.width, SIZE.height);
        assertEquals(30, webcam.getFPS(), 0.01, "from the device's frame timestamps");

        assertTrue(webcam.close());
        assertTrue(!camera.streaming());
    }

    @Test
    void aV4l2CameraRecordsThroughWebcamSourceAsRgb565() throws IOException {
        try (WebcamSource source = new WebcamSource(webcam)) {
            assertEquals(30, source.start().framesPerSecond(), 1e-9, "the camera's nominal rate");
            camera.produce(0, TestPictures.yuyvBars(SIZE.width, SIZE.height, 2 * SIZE.width));
            ByteBuffer slot = ByteBuffer.allocateDirect(SIZE.width * SIZE.height * 2).order(ByteOrder.LITTLE_ENDIAN);
            CapturedFrame frame = new CapturedFrame();
            assertTrue(source.next(slot, frame, 1000));
            int[] argb = new int[SIZE.width * SIZE.height];
            ArgbConverter.convert(Image.of(SIZE.width, SIZE.height, PixelFormat.RGB565, slot.limit(frame.bytes)), argb);
            // RGB565 keeps 5 or 6 bits per channel: off by at most 7 from the camera's colours
            int y = SIZE.height / 2;
            for (int bar = 0; bar < TestPictures.BARS_RGB.length; bar++) {
                int x = (2 * bar + 1) * SIZE.width / 8;
                int actual = argb[y * SIZE.width + x] & 0xFFFFFF;
                assertTrue(TestPictures.distance(actual, TestPictures.BARS_RGB[bar]) <= 7,
                        String.format("bar %d is %06x", bar, actual));
            }
        }
    }
}
