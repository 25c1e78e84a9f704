package io.framereel.capture.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framereel.capture.source.RpicamOptions;
import io.framereel.capture.source.RpicamStandIn;
import io.framereel.capture.synth.TestPatternSource;
import io.framereel.storage.Image;
import io.framereel.storage.ImageIO;
import io.framereel.storage.PixelFormat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code framereel record --device rpicam}: a Pi camera through rpicam-vid, here a stand-in that writes the test
 * pattern, named by the {@value RpicamOptions#EXECUTABLE_PROPERTY} system property as FRAMEREEL_RPICAM would.
 */
class RecordRpicamTest {
    @TempDir
    Path dir;

    private void useStandIn(String... switches) throws IOException {
        System.setProperty(RpicamOptions.EXECUTABLE_PROPERTY, RpicamStandIn.install(dir, false, switches).toString());
    }

    @AfterEach
    void forgetTheStandIn() {
        System.clearProperty(RpicamOptions.EXECUTABLE_PROPERTY);
    }

    @Test
    void recordsThePiCameraAsYuv422AtItsSensorTimes() throws IOException {
        useStandIn();
        Path file = dir.resolve("pi.bin");
        CliRun run = CliRun.framereel("record", "--device", "rpicam", "--size", "100x60", "--fps", "30", "--frames",
                "10", "--store", file.toString(), "--json");
        assertEquals(0, run.exitCode, run.toString());
        assertTrue(run.out.contains("\"frames\":10") && run.out.contains("\"dropped\":0"), run.out);
        assertTrue(run.out.contains("rpicam-vid (pid ") && run.out.contains("camera 0 YUV420 100x60 (128 bytes per "
                + "line) at 30 fps -> YUV422 (converted)"), run.out);
        TestPatternSource luma = new TestPatternSource(100, 60, PixelFormat.GRAYSCALE, 30);
        try (ImageIO in = ImageIO.open(file, "r")) {
            assertEquals(10, in.count());
            int elapsed = 0;
            for (int k = 0; k < 10; k++) {
                Image frame = in.read(false, false, false);
                assertEquals(PixelFormat.YUV422, frame.format());
                assertEquals(100, frame.width());
                luma.seek(k);
                assertLumaEquals(luma.next(), frame, "frame " + k);
                if (k > 0) {
                    assertTrue(frame.elapsedMs() == 33 || frame.elapsedMs() == 34, "frame " + k + ": "
                            + frame.elapsedMs() + " ms");
                    elapsed += frame.elapsedMs();
                }
            }
            assertEquals(300, elapsed, "nine 30 fps periods of sensor time, rounded without drift");
        }
    }

    /** The Y bytes of a YUV422 frame are the GRAYSCALE pattern's bytes. */
    private static void assertLumaEquals(Image gray, Image yuv, String what) {
        ByteBuffer g = gray.payload();
        ByteBuffer y = yuv.payload();
        for (int i = 0; i < gray.width() * gray.height(); i++) {
            if (g.get(g.position() + i) != y.get(y.position() + 2 * i)) {
                throw new AssertionError(what + ": luma differs at pixel " + i);
            }
        }
    }

    @Test
    void passesCameraFormatAndSettingsToRpicamVidAndStoresItsJpegs() throws IOException {
        Path args = dir.resolve("args.txt");
        useStandIn("args-file=" + args);
        Path file = dir.resolve("mjpeg.bin");
        CliRun run = CliRun.framereel("record", "--device", "rpicam:1", "--format", "MJPG", "--size", "64x48", "--fps",
                "30", "--frames", "3", "--set", "shutter=20000", "--set", "awb=daylight", "--set", "hflip", "--store",
                file.toString());
        assertEquals(0, run.exitCode, run.toString());
        List<String> argv = Files.readAllLines(args);
        assertTrue(argv.containsAll(List.of("--shutter=20000", "--awb=daylight", "--hflip")), argv.toString());
        assertEquals(List.of("--camera", "1"), argv.subList(argv.indexOf("--camera"), argv.indexOf("--camera") + 2));
        assertEquals("mjpeg", argv.get(argv.indexOf("--codec") + 1));
        try (ImageIO in = ImageIO.open(file, "r")) {
            assertEquals(3, in.count());
            assertEquals(PixelFormat.JPEG, in.read(false, false, false).format());
        }
    }

    @Test
    void storesGrayscaleOnRequest() throws IOException {
        useStandIn();
        Path file = dir.resolve("gray.bin");
        CliRun run = CliRun.framereel("record", "--device", "rpicam", "--size", "64x48", "--fps", "30", "--frames",
                "2", "--store-as", "GRAYSCALE", "--store", file.toString());
        assertEquals(0, run.exitCode, run.toString());
        TestPatternSource luma = new TestPatternSource(64, 48, PixelFormat.GRAYSCALE, 30);
        try (ImageIO in = ImageIO.open(file, "r")) {
            assertTrue(luma.next().samePixels(in.read(false, false, false)), "frame 0 is the pattern's luma");
        }
    }

    @Test
    void optionsRpicamVidCannotHonourAreUsageErrors() throws IOException {
        useStandIn();
        Path file = dir.resolve("never.bin");
        assertUsage("rpicam-vid records YUV420 (also YU12, I420) or MJPEG", "rpicam", "--format", "YUYV");
        assertUsage("the camera after 'rpicam:' is an index", "rpicam:front");
        assertUsage("MJPEG frames are stored as JPEG", "rpicam", "--format", "MJPEG", "--store-as", "RGB565");
        assertUsage("'--output=x.h264' is set by framereel", "rpicam", "--set", "output=x.h264");
        assertUsage("rpicam-vid frame sizes are even", "rpicam", "--size", "99x60");
        assertFalse(Files.exists(file));
    }

    private void assertUsage(String message, String device, String... options) {
        List<String> args = new ArrayList<>(List.of("record", "--device", device));
        args.addAll(List.of(options));
        args.addAll(List.of("--store", dir.resolve("never.bin").toString()));
        CliRun run = CliRun.framereel(args.toArray(new String[0]));
        assertEquals(2, run.exitCode, run.toString());
        assertTrue(run.err.contains(message), "expected '" + message + "' in: " + run.err);
    }

    @Test
    void aCameraThatIsNotThereIsOneLineQuotingRpicamVid() throws IOException {
        useStandIn("fail=camera");
        Path file = dir.resolve("none.bin");
        CliRun run = CliRun.framereel("record", "--device", "rpicam", "--size", "64x48", "--frames", "1", "--store",
                file.toString());
        assertEquals(1, run.exitCode, run.toString());
        assertEquals(1, run.errLines().size(), "one line: " + run.err);
        assertTrue(run.err.startsWith("framereel: rpicam-vid (pid "), run.err);
        assertTrue(run.err.contains("exited with status 255 before its first frame")
                && run.err.contains("ERROR: *** no cameras available ***"), run.err);
    }

    @Test
    void aMissingRpicamVidSaysWhereItLooked() {
        System.setProperty(RpicamOptions.EXECUTABLE_PROPERTY, dir.resolve("bin/rpicam-vid").toString());
        CliRun run = CliRun.framereel("record", "--device", "rpicam", "--frames", "1", "--store",
                dir.resolve("none.bin").toString());
        assertEquals(1, run.exitCode, run.toString());
        assertTrue(run.err.startsWith("framereel: " + dir.resolve("bin/rpicam-vid") + " does not exist; point "
                + "FRAMEREEL_RPICAM at rpicam-vid or install rpicam-apps"), run.err);
    }

    @Test
    void rpicamVidDyingMidRecordingKeepsTheFramesBeforeAndSaysWhy() throws IOException {
        useStandIn("die-after=4");
        Path file = dir.resolve("cut.bin");
        CliRun run = CliRun.framereel("record", "--device", "rpicam", "--size", "64x48", "--fps", "30", "--frames",
                "100", "--store", file.toString());
        assertEquals(1, run.exitCode, run.toString());
        assertTrue(run.err.contains("recording stopped: rpicam-vid (pid ") && run.err.contains("exited with status 255 "
                + "after 4 frames") && run.err.contains("Camera frontend has timed out!"), run.err);
        assertTrue(run.err.contains("(4 frames kept in " + file + ")"), run.err);
        try (ImageIO in = ImageIO.open(file, "r")) {
            assertEquals(4, in.count());
        }
    }
}
