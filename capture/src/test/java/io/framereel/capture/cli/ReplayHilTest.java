package io.framereel.capture.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framereel.capture.synth.TestPatternSource;
import io.framereel.device.hil.HilTest;
import io.framereel.device.hil.Rig;
import io.framereel.device.hil.VirtualFramebuffer;
import io.framereel.storage.Image;
import io.framereel.storage.ImageIO;
import io.framereel.storage.PixelFormat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

// Scope: `framereel replay` onto the kernel's vfb in the hil rig: the screen shows the recording's last frame
// scaled exactly as expected, 100 frames take their recorded time on the absolute schedule, and a file mixing
// formats and sizes plays through.
@HilTest
class ReplayHilTest {
    private final Rig rig = Rig.require();

    private static double seconds(String json) {
        Matcher m = Pattern.compile("\"seconds\":([0-9.]+)").matcher(json);
        assertTrue(m.find(), json);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void replaysARecordingAtItsRecordedRateAndLeavesTheLastFrameOnScreen() throws IOException {
        VirtualFramebuffer vfb = rig.display();
        Path file = Files.createTempDirectory("replay").resolve("pattern.bin");
        CliRun synth = CliRun.framereel("synth", file.toString(), "--format", "RGB565", "--size", "200x120",
                "--frames", "100", "--fps", "10");
        assertEquals(0, synth.exitCode, synth.toString());
        CliRun replay = CliRun.framereel("replay", file.toString(), "--to", "fb:Virtual FB", "--json");
        assertEquals(0, replay.exitCode, replay.toString());
        assertTrue(replay.out.contains("\"frames\":100"), replay.out);
        // 99 intervals of 100 ms: no earlier than recorded, and an absolute schedule does not accumulate lateness
        double took = seconds(replay.out);
        assertTrue(took >= 9.85 && took < 10.9, "100 frames at 10 fps took " + took + " s");

        TestPatternSource pattern = new TestPatternSource(200, 120, PixelFormat.RGB565, 10);
        pattern.seek(99);
        Image last = pattern.next();
        VirtualFramebuffer.Bitfields screen = vfb.bitfields();
        for (int y = 2; y < 480; y += 23) {
            for (int x = 2; x < 800; x += 31) {
                int rgb565 = last.payload().getShort(2 * ((y / 4) * 200 + x / 4)) & 0xffff;
                int expected = screen.pack(expand(rgb565)); // fbset's bitfields: vfb puts red in the low bits
                assertEquals(expected, vfb.pixel(x, y), "screen (" + x + "," + y + ") is frame 99's ("
                        + x / 4 + "," + y / 4 + ")");
            }
        }
    }

    /** RGB565 to 0xRRGGBB with each channel's top bits in place; packing back to 5-6-5 gives the same bits. */
    private static int expand(int rgb565) {
        return (rgb565 >> 11 & 0x1f) << 19 | (rgb565 >> 5 & 0x3f) << 10 | (rgb565 & 0x1f) << 3;
    }

    @Test
    void playsAFileThatMixesFormatsAndSizes() throws IOException {
        Path file = Files.createTempDirectory("replay").resolve("mixed.bin");
        try (ImageIO out = ImageIO.open(file, "w")) {
            out.write(new TestPatternSource(100, 100, PixelFormat.GRAYSCALE, 30).next());
            out.write(new TestPatternSource(160, 120, PixelFormat.YUV422, 30).next());
            out.write(new TestPatternSource(64, 48, PixelFormat.BAYER_RGGB, 30).next());
            out.write(new TestPatternSource(320, 240, PixelFormat.JPEG, 30).next());
            out.write(new TestPatternSource(80, 60, PixelFormat.BINARY, 30).next());
        }
        CliRun replay = CliRun.framereel("replay", file.toString(), "--to", "fb", "--no-pause", "--json");
        assertEquals(0, replay.exitCode, replay.toString());
        assertTrue(replay.out.contains("\"frames\":5"), replay.out);
        assertEquals(0, rig.display().pixel(10, 240), "the last frame (4:3) is letterboxed on the 5:3 screen");
    }

    @Test
    void anUnknownDisplayIsAClearError() {
        CliRun replay = CliRun.framereel("replay", "/nonexistent.bin", "--to", "fb:hdmi-9");
        assertEquals(1, replay.exitCode, replay.toString());
        assertTrue(replay.err.contains("hdmi-9") && replay.err.contains("Virtual FB"), replay.err);
    }
}
