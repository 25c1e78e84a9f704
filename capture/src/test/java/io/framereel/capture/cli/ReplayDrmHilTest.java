package io.framereel.capture.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.framereel.capture.synth.TestPatternSource;
import io.framereel.device.drm.CrtcState;
import io.framereel.device.drm.DrmCard;
import io.framereel.device.drm.DrmScreen;
import io.framereel.device.hil.HilTest;
import io.framereel.device.hil.Rig;
import io.framereel.storage.Image;
import io.framereel.storage.PixelFormat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

// Scope: `framereel replay --to drm:...` onto the kernel's bochs DRM driver in the hil rig: the CRTC scans out
// the replay's buffer with the recording's last frame scaled as expected, every frame was a completed page flip,
// and the display is given back as it was found.
@HilTest
class ReplayDrmHilTest {
    private final Rig rig = Rig.require();

    /** What the screen looked like after the last frame, read before the replay closed it. */
    private record Picture(int scannedOutFb, int shownFb, CrtcState saved, long flips, int[] samples) {
    }

    @BeforeEach
    void needsTheCard() {
        assumeTrue(rig.hasDrm(), "no DRM card in the " + rig.architecture() + " rig");
    }

    @AfterEach
    void removeTheProbe() {
        ReplayCommand.lastKmsPicture = screen -> { };
    }

    @Test
    void replaysARecordingAndEndsWithItsLastFrameOnTheScanoutBuffer() throws IOException {
        Path file = Files.createTempDirectory("replay-drm").resolve("pattern.bin");
        CliRun synth = CliRun.framereel("synth", file.toString(), "--format", "RGB565", "--size", "160x120",
                "--frames", "20", "--fps", "20");
        assertEquals(0, synth.exitCode, synth.toString());
        AtomicReference<Picture> seen = new AtomicReference<>();
        // Opened while the replay is DRM master, so it only looks; kept open across the replay's close, so the
        // kernel's console restore (on a card's last close) cannot stand in for the replay's own.
        AtomicReference<DrmCard> observer = new AtomicReference<>();
        ReplayCommand.lastKmsPicture = screen -> seen.set(picture(screen, observer));
        CliRun replay;
        try {
            replay = CliRun.framereel("replay", file.toString(), "--to", "drm:" + rig.drmDriver() + ",mode=640x480",
                    "--json");
            assertEquals(0, replay.exitCode, replay.toString());
            CrtcState saved = seen.get().saved();
            assertTrue(saved.active(), "the rig's console was on the display before: " + saved);
            CrtcState after = observer.get().crtc(saved.crtcId());
            assertEquals(saved.fbId(), after.fbId(), "the display is given back: " + after);
            assertEquals(saved.mode(), after.mode());
        } finally {
            if (observer.get() != null) {
                observer.get().close();
            }
        }
        assertTrue(replay.out.contains("\"frames\":20"), replay.out);
        assertTrue(replay.out.contains("bochs-drm"), "names the display: " + replay.out);

        Picture p = seen.get();
        assertEquals(p.shownFb(), p.scannedOutFb(), "GETCRTC: the CRTC scans out the page with the last frame");
        assertEquals(20, p.flips(), "one completed page flip per frame");
        TestPatternSource pattern = new TestPatternSource(160, 120, PixelFormat.RGB565, 20);
        pattern.seek(19);
        Image last = pattern.next();
        int i = 0;
        for (int y = 2; y < 480; y += 23) {
            for (int x = 2; x < 640; x += 31) {
                int rgb565 = last.payload().getShort(2 * ((y / 4) * 160 + x / 4)) & 0xffff;
                assertEquals(xrgb8888(rgb565), p.samples()[i++], "screen (" + x + "," + y + ") is frame 19's ("
                        + x / 4 + "," + y / 4 + ")");
            }
        }
    }

    /** The shown page's pixels at the test's sample points, and what a second descriptor says is scanned out. */
    private static Picture picture(DrmScreen screen, AtomicReference<DrmCard> observer) {
        try {
            observer.set(DrmCard.open(Path.of(screen.path())));
            int crtc = screen.selection().crtcId();
            ByteBuffer page = screen.page(screen.shownPage());
            int[] samples = new int[21 * 21];
            int i = 0;
            for (int y = 2; y < 480; y += 23) {
                for (int x = 2; x < 640; x += 31) {
                    samples[i++] = page.getInt(y * screen.stride() + 4 * x);
                }
            }
            return new Picture(observer.get().crtc(crtc).fbId(), screen.framebufferId(screen.shownPage()),
                    screen.savedCrtc(), screen.flipsCompleted(), samples);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** RGB565 widened to 8 bits a channel by repeating each channel's top bits, as XRGB8888. */
    private static int xrgb8888(int rgb565) {
        int r = rgb565 >> 11 & 0x1f;
        int g = rgb565 >> 5 & 0x3f;
        int b = rgb565 & 0x1f;
        return (r << 3 | r >> 2) << 16 | (g << 2 | g >> 4) << 8 | (b << 3 | b >> 2);
    }
}
