package io.framereel.capture.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framereel.storage.PixelFormat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** From the record command's camera options to rpicam-vid's. */
class RpicamRequestTest {
    @Test
    void rpicamAndRpicamNNameTheRpicamSource() {
        assertTrue(RpicamRequest.names("rpicam"));
        assertTrue(RpicamRequest.names("rpicam:1"));
        assertFalse(RpicamRequest.names("/dev/video0"));
        assertFalse(RpicamRequest.names("rpicamera"));
    }

    @Test
    void defaultsToCameraZeroYuv420At640x480And30Fps() {
        RpicamOptions o = RpicamRequest.options("rpicam", Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), List.of());
        assertEquals(0, o.camera());
        assertEquals(RpicamCodec.YUV420, o.codec());
        assertEquals(640, o.width());
        assertEquals(480, o.height());
        assertEquals(30, o.fps());
        assertEquals(Optional.empty(), o.storedAs());
    }

    @Test
    void mapsEveryOptionAndTurnsSettingsIntoRpicamOptions() {
        RpicamOptions o = RpicamRequest.options("rpicam:1", Optional.of("MJPG"), Optional.of(new int[] {1280, 720}),
                Optional.of(15.0), Optional.empty(), List.of("shutter=20000", "awb = daylight", "hflip"));
        assertEquals(1, o.camera());
        assertEquals(RpicamCodec.MJPEG, o.codec());
        assertEquals(1280, o.width());
        assertEquals(15, o.fps());
        assertEquals(List.of("--shutter=20000", "--awb=daylight", "--hflip"), o.extraArgs());
        RpicamOptions gray = RpicamRequest.options("rpicam", Optional.of("YU12"), Optional.empty(), Optional.empty(),
                Optional.of(PixelFormat.GRAYSCALE), List.of());
        assertEquals(Optional.of(PixelFormat.GRAYSCALE), gray.storedAs());
    }

    @Test
    void refusesWhatRpicamVidCannotDoNamingTheChoices() {
        assertMessage("rpicam-vid records YUV420 (also YU12, I420) or MJPEG", "rpicam", Optional.of("YUYV"), List.of());
        assertMessage("the camera after 'rpicam:' is an index", "rpicam:front", Optional.empty(), List.of());
        assertMessage("an rpicam-vid setting is name=value or name, without dashes", "rpicam", Optional.empty(),
                List.of("--shutter=1"));
        assertMessage("'--output=x' is set by framereel", "rpicam", Optional.empty(), List.of("output=x"));
    }

    private static void assertMessage(String expected, String device, Optional<String> format, List<String> controls) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RpicamRequest.options(device,
                format, Optional.empty(), Optional.empty(), Optional.empty(), controls));
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
    }
}
