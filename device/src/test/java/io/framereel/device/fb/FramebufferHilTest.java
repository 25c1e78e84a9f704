package io.framereel.device.fb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framereel.device.hil.HilTest;
import io.framereel.device.hil.Rig;
import io.framereel.device.hil.VirtualFramebuffer;
import io.framereel.storage.Image;
import io.framereel.storage.PixelFormat;

import java.io.IOException;
import java.nio.ByteBuffer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

// Scope: framereel's fbdev binding on the kernel's vfb in the hil rig, as the unprivileged user: found by name,
// geometry and pixel layout read from the driver (RGB565, and vfb's red-low 32-bit layout), frames drawn through
// FramebufferDisplay and read back by the rig with plain file reads, page flipping with FBIOPAN_DISPLAY.
@HilTest
class FramebufferHilTest {
    private final Rig rig = Rig.require();
    private final VirtualFramebuffer vfb = rig.display();

    @AfterEach
    void restoreTheRigsMode() {
        vfb.setMode(800, 480, 16);
    }

    /** A 200x120 frame in RGB565: a red left half, a blue right half, a white pixel row at y=60. */
    private static Image halves() {
        Image frame = Image.allocate(200, 120, PixelFormat.RGB565, true);
        ByteBuffer p = frame.payload();
        for (int y = 0; y < 120; y++) {
            for (int x = 0; x < 200; x++) {
                short rgb = y == 60 ? (short) 0xFFFF : x < 100 ? (short) 0xF800 : (short) 0x001F;
                p.putShort(2 * (y * 200 + x), rgb);
            }
        }
        return frame;
    }

    @Test
    void findsVfbByNameAndReadsItsGeometryAndBitfields() throws IOException {
        try (Framebuffer fb = Framebuffer.open(Framebuffer.find("Virtual FB"))) {
            assertEquals(vfb.node().toString(), fb.path());
            assertEquals("Virtual FB", fb.id());
            assertEquals(800, fb.width());
            assertEquals(480, fb.height());
            assertEquals(1600, fb.stride());
            assertEquals(new PixelLayout(16, 0, 5, 5, 6, 11, 5), fb.layout(), "vfb's 5-6-5 has red in the low bits");
            assertEquals(vfb.pack(0xFF0000), fb.layout().pack(0xFFFF0000), "as fbset reports it");
            assertEquals(1, fb.pages(), "the rig's virtual screen is one screen high");
        }
    }

    @Test
    void drawsAFrameTheRigReadsBackPixelForPixel() throws IOException {
        try (Framebuffer fb = Framebuffer.open(Framebuffer.find("Virtual FB"))) {
            FramebufferDisplay display = new FramebufferDisplay(fb);
            display.show(halves());
            // 200x120 (5:3) fills 800x480 exactly: 4x in both directions
            int red = vfb.pack(0xFF0000);
            int blue = vfb.pack(0x0000FF);
            assertEquals(red, vfb.pixel(10, 10), "red half");
            assertEquals(blue, vfb.pixel(790, 10), "blue half");
            assertEquals(vfb.pack(0xFFFFFF), vfb.pixel(400, 241), "the white row, scaled 4x: rows 240..243");
            assertEquals(blue, vfb.pixel(400, 250));
        }
    }

    @Test
    void followsVfbsOwn32BitLayoutAndLetterboxes() throws IOException {
        vfb.setMode(800, 480, 32);
        try (Framebuffer fb = Framebuffer.open(vfb.node())) {
            assertEquals(32, fb.layout().bitsPerPixel());
            assertEquals(3200, fb.stride());
            FramebufferDisplay display = new FramebufferDisplay(fb);
            Image square = Image.allocate(60, 60, PixelFormat.RGB565, true);
            for (int i = 0; i < 3600; i++) {
                square.payload().putShort(2 * i, (short) 0xF800);
            }
            display.show(square);
            assertEquals(vfb.pack(0xFF0000), vfb.pixel(400, 240), "red in the layout vfb declares (" + fb.layout() + ")");
            assertEquals(0, vfb.pixel(100, 240), "black bar left of a square frame on a wide screen");
            assertEquals(0, vfb.pixel(700, 240), "and right of it");
        }
    }

    @Test
    void flipsPagesWhenTheVirtualScreenHoldsTwo() throws IOException {
        vfb.setMode(800, 480, 960, 16);
        try (Framebuffer fb = Framebuffer.open(vfb.node())) {
            assertEquals(2, fb.pages(), fb.toString());
            FramebufferDisplay display = new FramebufferDisplay(fb);
            display.show(halves());
            int firstPan = vfb.panRow();
            assertEquals(vfb.pack(0xFF0000), vfb.pixel(10, 10));
            Image blue = Image.allocate(200, 120, PixelFormat.RGB565, true);
            for (int i = 0; i < 200 * 120; i++) {
                blue.payload().putShort(2 * i, (short) 0x001F);
            }
            display.show(blue);
            assertTrue(vfb.panRow() != firstPan, "the display panned to the other page");
            assertEquals(vfb.pack(0x0000FF), vfb.pixel(10, 10), "and shows the new frame");
        }
    }
}
