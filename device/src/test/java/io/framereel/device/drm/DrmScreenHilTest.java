package io.framereel.device.drm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.framereel.device.fb.FramebufferDisplay;
import io.framereel.device.fb.PixelLayout;
import io.framereel.device.hil.HilTest;
import io.framereel.device.hil.Rig;
import io.framereel.storage.Image;
import io.framereel.storage.PixelFormat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

// Scope: framereel's DRM/KMS binding on the kernel's bochs driver (QEMU bochs-display) in the hil rig, as the
// unprivileged user: the card found by driver name, its connector and modes, frames drawn through
// FramebufferDisplay onto DrmScreen and page-flipped, checked from a second descriptor with GETCRTC (the CRTC
// scans out our framebuffer), in the mapped buffer (the expected pixels at the driver's pitch), by the flip
// events, and the CRTC given back as found at close; a format the driver lacks fails cleanly.
@HilTest
class DrmScreenHilTest {
    private final Rig rig = Rig.require();

    @BeforeEach
    void needsTheCard() {
        assumeTrue(rig.hasDrm(), "no DRM card in the " + rig.architecture() + " rig");
    }

    /** A 160x120 RGB565 frame: red left half, blue right half, one white row at y=60. */
    private static Image halves(short right) {
        Image frame = Image.allocate(160, 120, PixelFormat.RGB565, true);
        ByteBuffer p = frame.payload();
        for (int y = 0; y < 120; y++) {
            for (int x = 0; x < 160; x++) {
                p.putShort(2 * (y * 160 + x), y == 60 ? (short) 0xFFFF : x < 80 ? (short) 0xF800 : right);
            }
        }
        return frame;
    }

    private static int pixel(DrmScreen screen, int page, int x, int y) {
        return screen.page(page).getInt(y * screen.stride() + 4 * x);
    }

    @Test
    void findsTheCardByDriverNameAndListsItsConnector() throws IOException {
        assertEquals(rig.drmCard(), DrmCard.find(rig.drmDriver()), "by DRM_IOCTL_VERSION's name");
        assertEquals(rig.drmCard(), DrmCard.find(null), "the first card with a connected display");
        try (DrmCard card = DrmCard.open(rig.drmCard())) {
            assertEquals("bochs-drm", card.driver());
            assertTrue(card.hasDumbBuffers());
            List<Connector> connectors = card.connectors();
            assertEquals(1, connectors.size(), connectors.toString());
            Connector virtual = connectors.get(0);
            assertEquals("Virtual-1", virtual.name());
            assertTrue(virtual.connected(), virtual.toString());
            assertTrue(virtual.modes().stream().anyMatch(Mode::preferred), virtual.modes().toString());
            assertTrue(virtual.modes().stream().anyMatch(m -> m.width() == 640 && m.height() == 480),
                    virtual.modes().toString());
        }
    }

    @Test
    void drawsFlipsAndGivesTheDisplayBack() throws IOException {
        DrmScreen screen = DrmScreen.open(DrmTarget.parse("drm:" + rig.drmDriver() + ",connector=Virtual-1,mode=640x480"));
        // Opened after the screen, so it does not take DRM mastership; it stays open across the screen's close,
        // so the kernel's own console restore (on the card's last close) cannot stand in for ours.
        try (DrmCard observer = DrmCard.open(rig.drmCard())) {
            CrtcState before;
            int crtc;
            try (screen) {
                crtc = screen.selection().crtcId();
                before = screen.savedCrtc();
                assertTrue(before.active(), "the rig shows the fbdev console before: " + before);
                assertEquals(640, screen.width());
                assertEquals(480, screen.height());
                assertEquals(PixelLayout.XRGB8888, screen.layout());
                assertTrue(screen.stride() >= 640 * 4, "pitch " + screen.stride());
                assertEquals(screen.framebufferId(0), observer.crtc(crtc).fbId(), "lit with page 0 at open");
                assertEquals(640, observer.crtc(crtc).mode().width());

                FramebufferDisplay display = new FramebufferDisplay(screen);
                display.show(halves((short) 0x001F));
                assertEquals(1, screen.shownPage(), "drawn on the hidden page and flipped to it");
                assertEquals(screen.framebufferId(1), observer.crtc(crtc).fbId(), "the CRTC scans out page 1");
                // 160x120 is 4:3 like 640x480: 4x in both directions, no bars
                assertEquals(0x00FF0000, pixel(screen, 1, 10, 10), "red half as XRGB8888");
                assertEquals(0x000000FF, pixel(screen, 1, 630, 10), "blue half");
                assertEquals(0x00FFFFFF, pixel(screen, 1, 320, 241), "the white row, scaled 4x: rows 240..243");
                assertEquals(0x000000FF, pixel(screen, 1, 630, 250));

                display.show(halves((short) 0x07E0));
                assertEquals(0, screen.shownPage(), "flips alternate");
                assertEquals(screen.framebufferId(0), observer.crtc(crtc).fbId(), "the CRTC scans out page 0");
                assertEquals(0x0000FF00, pixel(screen, 0, 630, 10), "green right half on the new page");
                assertEquals(0x000000FF, pixel(screen, 1, 630, 10), "the old page kept its frame");

                for (int i = 0; i < 8; i++) {
                    display.show(halves(i % 2 == 0 ? (short) 0x001F : (short) 0x07E0));
                }
                assertTrue(screen.pageFlipping(), "bochs page-flips: " + screen);
                assertEquals(10, screen.flipsCompleted(), "one flip-complete event per frame shown");
                assertEquals(0, screen.shownPage(), "ten flips from page 0 end on page 0");
                assertEquals(screen.framebufferId(0), observer.crtc(crtc).fbId());
            }
            CrtcState after = observer.crtc(crtc);
            assertEquals(before.fbId(), after.fbId(), "the console's framebuffer is back");
            assertEquals(before.mode(), after.mode(), "in its mode");
        }
    }

    @Test
    void aFlipAndItsWaitAllocateNothingAfterWarmUp() throws IOException {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (DrmScreen screen = DrmScreen.open(DrmTarget.parse("drm:" + rig.drmDriver() + ",mode=640x480"))) {
            for (int i = 1; i <= 60; i++) {
                screen.show(i % 2);
            }
            long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
            for (int i = 1; i <= 60; i++) {
                screen.show(i % 2);
            }
            long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
            assertEquals(120, screen.flipsCompleted(), "every show was a completed flip");
            assertTrue(allocated < 1024, allocated + " bytes allocated over 60 flips");
        }
    }

    @Test
    void aFormatTheDriverLacksFailsNamingTheIoctlAndLeavesTheCardUsable() throws IOException {
        DrmException e = assertThrows(DrmException.class,
                () -> DrmScreen.open(DrmTarget.parse("drm:" + rig.drmDriver() + ",mode=640x480,format=RGB565")));
        assertTrue(e.getMessage().startsWith(rig.drmCard() + ": DRM_IOCTL_MODE_ADDFB2 RGB565 failed: EINVAL"),
                e.getMessage());
        assertTrue(e.getMessage().contains("use XRGB8888"), e.getMessage());
        // Everything the failed open made is gone: the card opens again as master and a screen lights it.
        try (DrmScreen screen = DrmScreen.open(DrmTarget.parse("drm:" + rig.drmDriver() + ",mode=640x480"))) {
            assertNotEquals(0, screen.framebufferId(0));
        }
    }

    @Test
    void anUnknownDriverOrModeIsAClearError() {
        DrmException card = assertThrows(DrmException.class, () -> DrmCard.find("vc4"));
        assertTrue(card.getMessage().contains("vc4") && card.getMessage().contains("(bochs-drm)"), card.getMessage());
        DrmException mode = assertThrows(DrmException.class,
                () -> DrmScreen.open(DrmTarget.parse("drm:" + rig.drmDriver() + ",mode=641x481")));
        assertTrue(mode.getMessage().contains("has no 641x481 mode; modes: "), mode.getMessage());
    }
}
