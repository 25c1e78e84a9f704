package io.framereel.device.fb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FramebufferFindTest {
    @TempDir
    Path root;

    private Path sysfs() throws IOException {
        Path sys = root.resolve("sys/class/graphics");
        Files.createDirectories(sys.resolve("fb0"));
        Files.writeString(sys.resolve("fb0/name"), "vc4drmfb\n");
        Files.createDirectories(sys.resolve("fb1"));
        Files.writeString(sys.resolve("fb1/name"), "Virtual FB\n");
        Files.createDirectories(sys.resolve("fbcon")); // not a framebuffer
        return sys;
    }

    @Test
    void findsAFramebufferByNameKernelNameOrPath() throws IOException {
        Path sys = sysfs();
        Path dev = root.resolve("dev");
        assertEquals(dev.resolve("fb1"), Framebuffer.find("Virtual FB", sys, dev));
        assertEquals(dev.resolve("fb1"), Framebuffer.find("virtual", sys, dev));
        assertEquals(dev.resolve("fb0"), Framebuffer.find("fb0", sys, dev));
        assertEquals(Path.of("/dev/fb7"), Framebuffer.find("/dev/fb7", sys, dev));
    }

    @Test
    void namesEveryFramebufferWhenNothingMatches() throws IOException {
        FbException e = assertThrows(FbException.class, () -> Framebuffer.find("hdmi", sysfs(), root.resolve("dev")));
        assertTrue(e.getMessage().contains("fb0 (vc4drmfb)") && e.getMessage().contains("fb1 (Virtual FB)"),
                e.getMessage());
    }
}
