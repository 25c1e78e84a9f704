package io.framereel.capture.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framereel.device.gpio.button.TriggerMode;
import io.framereel.storage.SyncPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon's configuration file: documented defaults, and refusals that name the file and line. */
class DaemonConfigTest {
    /** The commented default shipped in the package. */
    static final Path SHIPPED = Path.of("..", "systemd", "framereel.conf");

    @TempDir
    Path dir;

    private Path file(String... lines) throws IOException {
        Path f = dir.resolve("framereel.conf");
        Files.write(f, List.of(lines));
        return f;
    }

    @Test
    void theShippedFileParsesToTheBuiltInDefaults() throws Exception {
        DaemonConfig shipped = DaemonConfig.load(SHIPPED);
        DaemonConfig builtIn = DaemonConfig.defaults(SHIPPED, Map.of());
        assertEquals(builtIn.camera.describe(), shipped.camera.describe());
        assertEquals(builtIn.storeDirectory, shipped.storeDirectory);
        assertEquals(builtIn.sync, shipped.sync);
        assertEquals(builtIn.minFreeBytes, shipped.minFreeBytes);
        assertEquals(builtIn.maxBytes, shipped.maxBytes);
        assertEquals(builtIn.maxDuration, shipped.maxDuration);
        assertEquals(builtIn.pre, shipped.pre);
        assertEquals(builtIn.preMaxBytes, shipped.preMaxBytes);
        assertEquals(builtIn.post, shipped.post);
        assertEquals(builtIn.button, shipped.button);
        assertEquals(builtIn.controlSocket, shipped.controlSocket);
        assertEquals(builtIn.displayTarget, shipped.displayTarget);
        assertEquals(Path.of("/var/lib/framereel/recordings"), shipped.storeDirectory);
    }

    @Test
    void theShippedFileDocumentsEveryKey() throws Exception {
        String text = Files.readString(SHIPPED);
        Matcher m = Pattern.compile("(?m)^#?\\s*([a-z]+\\.[a-z-]+)\\s*=").matcher(text);
        java.util.Set<String> documented = new java.util.TreeSet<>();
        while (m.find()) {
            documented.add(m.group(1));
        }
        assertEquals(new java.util.TreeSet<>(DaemonConfig.keys()), documented);
    }

    @Test
    void readsEveryKindOfValue() throws Exception {
        DaemonConfig c = DaemonConfig.load(file(
                "# a comment",
                "camera.device = vivid",
                "camera.format = YUYV",
                "camera.size = 1280x720",
                "camera.fps = 25",
                "camera.store-as = RGB565",
                "camera.set = brightness=100",
                "camera.set = contrast=50",
                "store.directory = /srv/rec",
                "store.sync = frames:5",
                "store.min-free = 1.5G",
                "store.max-duration = 90s",
                "trigger.pre = 500ms",
                "trigger.post = 2min",
                "gpio.chip = pinctrl-rp1",
                "gpio.mode = start-stop",
                "gpio.start = GPIO17",
                "gpio.stop = 27",
                "gpio.long-press = 0",
                "display.target = shm:live",
                "control.group = video"));
        assertEquals("vivid YUYV 1280x720@25", c.camera.describe());
        assertEquals(List.of("brightness=100", "contrast=50"), c.camera.controls());
        assertEquals(Path.of("/srv/rec"), c.storeDirectory);
        assertEquals(SyncPolicy.everyFrames(5), c.sync);
        assertEquals(1536L << 20, c.minFreeBytes);
        assertEquals(Duration.ofSeconds(90), c.maxDuration);
        assertEquals(Duration.ofMillis(500), c.pre);
        assertEquals(Duration.ofMinutes(2), c.post);
        assertEquals(TriggerMode.START_STOP, c.gpioMode);
        assertEquals("GPIO17", c.startLine);
        assertFalse(c.button.longPressEnabled());
        assertEquals("shm:live", c.displayTarget);
        assertEquals("video", c.controlGroup.orElseThrow());
    }

    @Test
    void aRecordingAsTheCameraKeepsItsOwnSizeAndRateUnlessTheyAreSet() throws Exception {
        DaemonConfig own = DaemonConfig.load(file("camera.device = recording:/srv/webcam.bin", "camera.size =",
                "camera.fps ="));
        assertTrue(own.camera.size().isEmpty(), "the recording's size");
        assertTrue(own.camera.fps().isEmpty(), "the recording's intervals");
        DaemonConfig set = DaemonConfig.load(file("camera.device = recording:/srv/webcam.bin", "camera.fps = 15"));
        assertEquals(15.0, set.camera.fps().orElseThrow());
        DaemonConfig camera = DaemonConfig.load(file("camera.device = vivid"));
        assertEquals(640, camera.camera.size().orElseThrow()[0], "a camera keeps the documented defaults");
        assertEquals(30.0, camera.camera.fps().orElseThrow());
    }

    @Test
    void anUnknownKeyIsRefusedWithItsLineAndTheNearestKey() throws Exception {
        Path f = file("camera.device = vivid", "", "trigger.pre-seconds = 3s");
        ConfigException e = assertThrows(ConfigException.class, () -> DaemonConfig.load(f));
        assertEquals(f + ":3: unknown key 'trigger.pre-seconds'; did you mean 'trigger.pre'?", e.getMessage());
    }

    @Test
    void aBadValueIsRefusedWithItsLine() throws Exception {
        Path f = file("store.min-free = lots");
        ConfigException e = assertThrows(ConfigException.class, () -> DaemonConfig.load(f));
        assertEquals(f + ":1: store.min-free: 'lots' is not a size, e.g. 512K, 64M, 2G", e.getMessage());
        assertMessage("trigger.post = 3", "trigger.post: '3' is not a duration: expected a unit of ms, s, min or h");
        assertMessage("camera.size = 640*480", "camera.size: '640*480' is not a size: expected WxH, e.g. 640x480");
        assertMessage("store.directory = recordings", "store.directory: 'recordings' must be an absolute path");
        assertMessage("gpio.mode = sometimes", "gpio.mode: 'sometimes' is not a mode");
        assertMessage("camera.buffers = 64", "camera.buffers: '64' must be 2..32");
        assertMessage("store.sync = hourly", "store.sync: bad sync policy 'hourly'");
        assertMessage("display.target = hdmi", "display.target: 'hdmi' is not a display: expected none, shm:NAME, "
                + "fb, fb:/dev/fbN or drm[:CARD]");
        assertMessage("display.target = drm:vc4,mode=720p", "display.target: 'drm:vc4,mode=720p': mode '720p' is not "
                + "WIDTHxHEIGHT");
    }

    @Test
    void aKmsDisplayIsATarget() throws Exception {
        assertEquals("drm:vc4,connector=HDMI-A-1,mode=1280x720",
                DaemonConfig.load(file("display.target = drm:vc4,connector=HDMI-A-1,mode=1280x720")).displayTarget);
        assertEquals("drm", DaemonConfig.load(file("display.target = drm")).displayTarget);
    }

    @Test
    void aTrailingCommentIsPartOfTheValueAndSoRefused() throws Exception {
        assertMessage("trigger.pre = 3s # three seconds", "trigger.pre: '3s # three seconds' is not a duration");
    }

    @Test
    void aKeyGivenTwiceIsRefusedExceptRepeatableControls() throws Exception {
        Path f = file("trigger.pre = 1s", "trigger.pre = 2s");
        ConfigException e = assertThrows(ConfigException.class, () -> DaemonConfig.load(f));
        assertEquals(f + ":2: trigger.pre is already set on line 1", e.getMessage());
    }

    @Test
    void aLineWithoutEqualsIsRefused() throws Exception {
        assertMessage("camera.device vivid", "expected key = value, found 'camera.device vivid'");
    }

    @Test
    void rulesAcrossKeysNameTheKeyToChange() throws Exception {
        Path f = file("gpio.chip = hil-sim", "gpio.mode = start-stop");
        ConfigException e = assertThrows(ConfigException.class, () -> DaemonConfig.load(f));
        assertEquals(f + ":2: gpio.mode = start-stop needs gpio.stop", e.getMessage());
        assertMessage("trigger.timer-period = 10s", "set both or neither");
        Path g = file("trigger.timer-period = 10s", "trigger.timer-record = 10s");
        assertTrue(assertThrows(ConfigException.class, () -> DaemonConfig.load(g)).getMessage()
                .endsWith(":2: trigger.timer-record must be shorter than trigger.timer-period"));
        assertMessage("gpio.debounce = 20ms\ngpio.long-press = 15ms", "must be longer than the debounce period");
    }

    @Test
    void overridesApplyAfterTheFile() throws Exception {
        DaemonConfig c = DaemonConfig.load(file("store.directory = /srv/a"), Map.of("store.directory", "/tmp/b"));
        assertEquals(Path.of("/tmp/b"), c.storeDirectory);
    }

    @Test
    void aMissingFileIsNamed() {
        Path f = dir.resolve("nope.conf");
        ConfigException e = assertThrows(ConfigException.class, () -> DaemonConfig.load(f));
        assertTrue(e.getMessage().startsWith(f + ": cannot read"), e.getMessage());
    }

    private void assertMessage(String content, String expectedPart) throws IOException {
        Path f = file(content.split("\n"));
        ConfigException e = assertThrows(ConfigException.class, () -> DaemonConfig.load(f));
        assertTrue(e.getMessage().contains(expectedPart), e.getMessage());
        assertTrue(e.getMessage().startsWith(f + ":"), e.getMessage());
    }
}
