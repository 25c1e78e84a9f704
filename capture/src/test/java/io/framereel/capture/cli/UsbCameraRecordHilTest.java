package io.framereel.capture.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framereel.capture.record.FileFrameStore;
import io.framereel.capture.record.Recorder;
import io.framereel.capture.record.RecordingSummary;
import io.framereel.capture.source.CameraRequest;
import io.framereel.capture.source.V4l2Source;
import io.framereel.device.hil.HilTest;
import io.framereel.device.hil.Rig;
import io.framereel.device.hil.UsbCamera;
import io.framereel.storage.Image;
import io.framereel.storage.ImageIO;
import io.framereel.storage.PixelFormat;
import io.framereel.storage.SyncPolicy;
import io.framereel.storage.pixel.ArgbConverter;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

// Scope: `framereel devices` and `framereel record` on a USB webcam driven by uvcvideo (the rig's UVC camera on
// vhci-hcd): MJPEG is stored as the camera's JPEGs without the padding it adds after EOI, zero copy or not; YUYV
// keeps its colour bars; pulling the cable mid-recording ends it with a clear error and a readable file.
@HilTest
class UsbCameraRecordHilTest {
    /** The camera's colour bars, left to right (vivid's order). */
    private static final int[] BARS = {0xFFFFFF, 0xFFFF00, 0x00FFFF, 0x00FF00, 0xFF00FF, 0xFF0000, 0x0000FF, 0x000000};

    private UsbCamera camera;
    private Path dir;

    @BeforeEach
    void cameraIsPluggedIn() throws IOException {
        camera = Rig.require().pluggedUsbCamera();
        dir = Files.createTempDirectory("usb-rec");
    }

    @Test
    void devicesListsTheUsbCameraWithMjpegStorable() {
        CliRun run = CliRun.framereel("devices", "--json");
        assertEquals(0, run.exitCode, run.toString());
        assertTrue(run.out.contains("\"path\":\"" + camera.node() + "\""), run.out);
        assertTrue(run.out.contains("\"driver\":\"uvcvideo\""), run.out);
        assertTrue(run.out.contains("{\"fourcc\":\"MJPG\""), run.out);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"--zero-copy", "--copy"})
    void recordsTheCamerasJpegsWithoutTheirPadding(String handoff) throws IOException {
        Path file = dir.resolve("mjpeg" + handoff + ".bin");
        CliRun run = CliRun.framereel("record", "--device", UsbCamera.NAME, "--format", "MJPG", "--size", "640x480",
                "--fps", "30", "--frames", "14", handoff, "--store", "file:" + file, "--json");
        assertEquals(0, run.exitCode, run.toString());
        assertTrue(run.out.contains("\"frames\":14"), run.out);
        // A cold JVM under emulation may miss a frame or two at the start (the camera does not wait): the order
        // is checked only when none was dropped or skipped.
        assertStoredAsServed(file, run.out.contains("\"dropped\":0,") && run.out.contains("\"unusable\":0,"));
        try (ImageIO in = ImageIO.open(file, "r")) {
            for (int i = 0; i < in.count(); i++) {
                // framereel's own decode, which gives a frame without Huffman tables the standard ones
                Image frame = in.seek(i).read(false, false, false);
                assertEquals(640, frame.width());
                assertEquals(480, frame.height());
                int[] argb = new int[640 * 480];
                ArgbConverter.convert(frame, argb);
                assertTrue(distance(BARS[2], argb[120 * 640 + 5 * 640 / 16] & 0xFFFFFF) <= 48,
                        "frame " + i + " decodes to the cyan bar");
            }
        }
    }

    /**
     * Every stored frame is one the camera sent (one of six JPEGs, with or without Huffman tables) byte for byte,
     * so its padding was dropped; in the order sent when nothing was lost.
     */
    private void assertStoredAsServed(Path file, boolean inOrder) throws IOException {
        try (ImageIO in = ImageIO.open(file, "r")) {
            for (int i = 0; i < in.count(); i++) {
                Image frame = in.seek(i).read(false, false, false);
                assertEquals(PixelFormat.JPEG, frame.format(), "frame " + i);
                byte[] stored = bytes(frame.payload());
                if (inOrder) {
                    assertArrayEquals(camera.servedFrame(640, 480, i), stored, "frame " + i);
                    continue;
                }
                boolean sent = false;
                for (int n = 0; n < 12 && !sent; n++) { // the six JPEGs, each with and without tables
                    sent = Arrays.equals(camera.servedFrame(640, 480, n), stored);
                }
                assertTrue(sent, "frame " + i + " (" + stored.length + " bytes) is none the camera sent");
            }
        }
    }

    @Test
    void recordsYuyvColourBarsFromTheUsbCamera() throws IOException {
        Path file = dir.resolve("yuyv.bin");
        CliRun run = CliRun.framereel("record", "--device", UsbCamera.NAME, "--format", "YUYV", "--size", "320x240",
                "--fps", "15", "--frames", "4", "--store", "file:" + file, "--json");
        assertEquals(0, run.exitCode, run.toString());
        try (ImageIO in = ImageIO.open(file, "r")) {
            assertEquals(4, in.count());
            Image frame = in.seek(3).read(false, false, false);
            assertEquals(PixelFormat.YUV422, frame.format());
            int[] argb = new int[320 * 240];
            ArgbConverter.convert(frame, argb);
            int y = 40; // above the frame-number marker in the middle rows
            for (int bar = 0; bar < BARS.length; bar++) {
                int x = (2 * bar + 1) * 320 / (2 * BARS.length);
                int actual = argb[y * 320 + x] & 0xFFFFFF;
                assertTrue(distance(BARS[bar], actual) <= 48,
                        String.format("bar %d at (%d,%d) is %06x, expected about %06x", bar, x, y, actual, BARS[bar]));
            }
        }
    }

    @ParameterizedTest(name = "zero copy {0}")
    @ValueSource(booleans = {false, true})
    void pullingTheCableMidRecordingEndsItWithAClearErrorAndAReadableFile(boolean zeroCopy) throws Exception {
        Path file = dir.resolve("unplugged.bin");
        String node = camera.node().toString();
        CameraRequest request = new CameraRequest(UsbCamera.NAME, Optional.of("MJPG"), Optional.of(new int[] {640, 480}),
                Optional.of(30.0), Optional.empty(), List.of(), 8);
        Recorder recorder = new Recorder(new V4l2Source(request), new FileFrameStore(file, SyncPolicy.NEVER), 8,
                Recorder.Limits.seconds(30), zeroCopy ? Recorder.Handoff.LEND : Recorder.Handoff.COPY);
        int streamsBefore = camera.streams().size();
        Thread pull = new Thread(() -> {
            try {
                // once the camera is streaming (the JVM may take seconds to get there), two seconds of frames
                long deadline = System.nanoTime() + 60_000_000_000L;
                while (camera.streams().size() == streamsBefore && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                Thread.sleep(2000);
                camera.unplug();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        pull.setDaemon(true);
        pull.start();
        RecordingSummary summary = recorder.record(null, 100);
        pull.join(90_000);
        assertFalse(pull.isAlive(), "the cable was not pulled");
        Throwable error = summary.error().orElseThrow(() -> new AssertionError("no error after unplug: " + summary));
        assertTrue(error.getMessage().contains(node), error.getMessage());
        assertTrue(error.getMessage().contains("ENODEV") || error.getMessage().contains("disconnected")
                || error.getMessage().contains("hung up"), error.getMessage());
        assertTrue(summary.stored() > 10, summary.toString());
        assertTrue(camera.streams().size() > streamsBefore, "the camera streamed");
        try (ImageIO in = ImageIO.open(file, "r")) {
            assertEquals(summary.stored(), in.count(), "every stored frame is readable");
        }
        assertStoredAsServed(file, summary.dropped() == 0 && summary.unusable() == 0);
        camera.plug();
    }

    private static byte[] bytes(ByteBuffer payload) {
        byte[] b = new byte[payload.remaining()];
        payload.duplicate().get(b);
        return b;
    }

    private static int distance(int a, int b) {
        int d = 0;
        for (int shift = 0; shift <= 16; shift += 8) {
            d = Math.max(d, Math.abs((a >> shift & 0xff) - (b >> shift & 0xff)));
        }
        return d;
    }
}
