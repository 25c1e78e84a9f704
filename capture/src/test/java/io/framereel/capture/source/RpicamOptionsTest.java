package io.framereel.capture.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framereel.storage.PixelFormat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The rpicam-vid command line framereel runs, and the options it refuses. */
class RpicamOptionsTest {
    private static final Path FIFO = Path.of("/tmp/framereel-rpicam-1/metadata.json");

    @Test
    void runsRpicamVidUntilStoppedWithFramesOnStdoutAndMetadataInTheFifo() {
        RpicamOptions options = RpicamOptions.of(RpicamCodec.YUV420, 640, 480, 30).withExecutable("/opt/rpicam-vid");
        assertEquals(List.of("/opt/rpicam-vid", "-t", "0", "-n", "--camera", "0", "--width", "640", "--height", "480",
                "--framerate", "30", "--codec", "yuv420", "--flush", "--metadata", FIFO.toString(),
                "--metadata-format", "json", "-o", "-"), options.command(FIFO));
    }

    @Test
    void passesTheCameraIndexAndExtraOptionsBeforeTheOutput() {
        RpicamOptions options = RpicamOptions.of(RpicamCodec.MJPEG, 1280, 720, 12.5).withExecutable("rpicam-vid")
                .withCamera(1).withExtraArgs(List.of("--shutter=20000", "--awb", "daylight", "--ev", "-0.5"));
        List<String> command = options.command(FIFO);
        assertEquals(List.of("--camera", "1"), command.subList(4, 6));
        assertEquals(List.of("--framerate", "12.500", "--codec", "mjpeg"), command.subList(10, 14));
        assertEquals(List.of("--shutter=20000", "--awb", "daylight", "--ev", "-0.5", "-o", "-"),
                command.subList(command.size() - 7, command.size()));
    }

    @Test
    void refusesOptionsFramereelSetsOrThatWouldEndOrRedirectTheRecording() {
        for (String arg : List.of("-o", "--output=x.h264", "--codec", "--width=10", "-t", "--frames=100",
                "--metadata", "--camera", "--segment", "--config=rpicam.txt", "--initial", "--list-cameras")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> RpicamOptions.of(RpicamCodec.YUV420, 640, 480, 30).withExtraArgs(List.of(arg)), arg);
            assertTrue(e.getMessage().contains("'" + arg + "' is set by framereel"), e.getMessage());
        }
    }

    @Test
    void checksEachValueAndNamesItsBound() {
        assertMessage("rpicam-vid frame sizes are even (was 641x480)",
                () -> RpicamOptions.of(RpicamCodec.YUV420, 641, 480, 30));
        assertMessage("fps must be in (0, 1000] (was 0.0)", () -> RpicamOptions.of(RpicamCodec.YUV420, 640, 480, 0));
        assertMessage("camera cannot be less than 0 (was -1)",
                () -> RpicamOptions.of(RpicamCodec.YUV420, 640, 480, 30).withCamera(-1));
        assertMessage("MJPEG frames are stored as JPEG; only YUV420 converts to RGB565",
                () -> RpicamOptions.of(RpicamCodec.MJPEG, 640, 480, 30).withStoredAs(Optional.of(PixelFormat.RGB565)));
        assertMessage("bytesPerLine must be 0 (the platform's) or an even number of at least the width 640 (was 600)",
                () -> RpicamOptions.of(RpicamCodec.YUV420, 640, 480, 30).withBytesPerLine(600));
    }

    @Test
    void theExecutableComesFromThePropertyThenTheEnvironmentThenPath() {
        String before = System.getProperty(RpicamOptions.EXECUTABLE_PROPERTY);
        try {
            System.setProperty(RpicamOptions.EXECUTABLE_PROPERTY, "/usr/local/bin/rpicam-vid");
            assertEquals("/usr/local/bin/rpicam-vid", RpicamOptions.of(RpicamCodec.YUV420, 640, 480, 30).executable());
            System.clearProperty(RpicamOptions.EXECUTABLE_PROPERTY);
            String env = System.getenv(RpicamOptions.EXECUTABLE_ENV);
            assertEquals(env != null && !env.isBlank() ? env : "rpicam-vid", RpicamOptions.configuredExecutable());
        } finally {
            if (before != null) {
                System.setProperty(RpicamOptions.EXECUTABLE_PROPERTY, before);
            }
        }
    }

    @Test
    void theStrideIsThePlatformsUnlessGiven() {
        RpicamOptions options = RpicamOptions.of(RpicamCodec.YUV420, 780, 480, 30);
        assertEquals(832, options.bytesPerLine(RpicamPlatform.VC4));
        assertEquals(896, options.bytesPerLine(RpicamPlatform.PISP));
        assertEquals(1024, options.withBytesPerLine(1024).bytesPerLine(RpicamPlatform.PISP));
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable action) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action);
        assertTrue(e.getMessage().startsWith(expected), "expected '" + expected + "' in: " + e.getMessage());
    }
}
