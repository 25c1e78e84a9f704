package io.framereel.device.hil;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

// Scope: the rig itself, seen with independent tools (v4l2-ctl, gpioget, fbset, plain file I/O) and as the
// unprivileged test user: the devices the other hil tests rely on exist, are reachable by group, and behave as
// the rig's API says. A failure here points at the rig, not at framereel's code.
@HilTest
class RigSelfCheckHilTest {
    private final Rig rig = Rig.require();

    @Test
    void runsAsAnUnprivilegedUserWithDeviceGroupAccess() throws IOException {
        String id = rig.run("id", "-u").orFail().stdout().trim();
        assertFalse(id.equals("0"), "the hil tests must not run as root");
        assertTrue(Files.isReadable(rig.camera().node()) && Files.isWritable(rig.camera().node()));
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(rig.camera().node());
        assertFalse(permissions.contains(PosixFilePermission.OTHERS_READ)
                || permissions.contains(PosixFilePermission.OTHERS_WRITE),
                "device nodes are group-restricted, as under the production udev rules: " + permissions);
    }

    @Test
    void vividStreamsTheFormatSetWithV4l2Ctl() throws IOException {
        VividCamera camera = rig.camera();
        camera.setFormat("YUYV", 640, 480);
        camera.setFrameRate(25);
        Path frames = Files.createTempFile("vivid", ".yuyv");
        camera.captureWithV4l2Ctl(5, frames);
        assertEquals(5L * 640 * 480 * 2, Files.size(frames));
        assertTrue(camera.describe().contains("640/480"), "format readback");
        Files.delete(frames);
    }

    @Test
    void vividInjectsDroppedBuffers() {
        VividCamera camera = rig.camera();
        try {
            camera.dropPercent(50);
            assertTrue(rig.run("v4l2-ctl", "-d", camera.node().toString(), "-C", "percentage_of_dropped_buffers")
                    .orFail().stdout().contains("50"));
        } finally {
            camera.resetFaults();
        }
    }

    @Test
    void aPressedButtonReadsHighThroughLibgpiod() {
        assumeTrue(rig.hasGpio(), "no gpio-sim on " + rig.architecture());
        SimulatedGpio gpio = rig.gpio();
        String chip = gpio.chip().getFileName().toString();
        gpio.press(SimulatedGpio.START);
        assertEquals("1", rig.run("gpioget", chip, Integer.toString(SimulatedGpio.START)).orFail().stdout().trim());
        gpio.release(SimulatedGpio.START);
        assertEquals("0", rig.run("gpioget", chip, Integer.toString(SimulatedGpio.START)).orFail().stdout().trim());
        assertEquals(SimulatedGpio.START + "", rig.run("gpiofind", "start").orFail().stdout().trim().split(" ")[1]);
    }

    @Test
    void vfbKeepsAPatternInBothDisplayModes() throws IOException {
        assumeTrue(rig.hasDisplay(), "no vfb on " + rig.architecture());
        VirtualFramebuffer display = rig.display();
        try {
            assertEquals(new VirtualFramebuffer.Geometry(800, 480, 16, 1600), display.geometry());
            roundTripsRandomBytes(display);
            display.setMode(800, 480, 32);
            assertEquals(new VirtualFramebuffer.Geometry(800, 480, 32, 3200), display.geometry());
            roundTripsRandomBytes(display);
            try (RandomAccessFile fb = new RandomAccessFile(display.node().toFile(), "rw")) {
                fb.seek(20L * 3200 + 10 * 4);
                fb.write(new byte[] {0x33, 0x22, 0x11, 0x00}); // XRGB8888 little-endian: 0x00112233
            }
            assertEquals(0x00112233, display.pixel(10, 20));
        } finally {
            display.setMode(800, 480, 16);
        }
    }

    private static void roundTripsRandomBytes(VirtualFramebuffer display) throws IOException {
        VirtualFramebuffer.Geometry g = display.geometry();
        byte[] pattern = new byte[g.stride() * g.height()];
        new Random(g.bitsPerPixel()).nextBytes(pattern);
        try (RandomAccessFile fb = new RandomAccessFile(display.node().toFile(), "rw")) {
            fb.write(pattern);
        }
        assertArrayEquals(pattern, display.readBack());
    }
}
