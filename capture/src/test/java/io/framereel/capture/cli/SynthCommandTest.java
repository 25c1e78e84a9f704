package io.framereel.capture.cli;

import static io.framereel.capture.cli.CliRun.framereel;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framereel.storage.Image;
import io.framereel.storage.ImageIO;
import io.framereel.storage.PixelFormat;
import io.framereel.storage.file.FileStream;
import io.framereel.storage.file.FrameIndex;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

// Scope: `framereel synth`: reproducible files, elapsed values that follow the frame rate, every format.
class SynthCommandTest {
    @TempDir
    Path dir;

    private Path synth(String name, String... options) {
        Path out = dir.resolve(name);
        String[] args = new String[options.length + 2];
        args[0] = "synth";
        args[1] = out.toString();
        System.arraycopy(options, 0, args, 2, options.length);
        CliRun run = framereel(args);
        assertEquals(0, run.exitCode, run.toString());
        return out;
    }

    private static int[] elapsed(Path file) throws IOException {
        try (ImageIO in = ImageIO.open(file, "r")) {
            FrameIndex index = ((FileStream) in).index();
            int[] e = new int[index.size()];
            for (int i = 0; i < e.length; i++) {
                e[i] = index.elapsedMs(i);
            }
            return e;
        }
    }

    @ParameterizedTest
    @EnumSource(value = PixelFormat.class, names = {"RGB565", "JPEG", "YUV422"})
    void sameArgumentsGiveIdenticalFiles(PixelFormat format) throws IOException {
        String[] options = {"--format", format.name(), "--size", "64x48", "--frames", "12", "--fps", "25"};
        Path a = synth("a.bin", options);
        Path b = synth("b.bin", options);

        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    }

    @Test
    void elapsedValuesFollowThirtyFpsWithoutDrift() throws IOException {
        int[] e = elapsed(synth("30.bin", "--size", "8x8", "--frames", "90", "--fps", "30"));

        assertEquals(90, e.length);
        // Rounded to whole ms with the remainder carried: 33, 33, 34, 33, 33, 34, ...
        assertEquals(33, e[0]);
        assertArrayEquals(new int[] {33, 34, 33, 33, 34, 33}, java.util.Arrays.copyOfRange(e, 1, 7));
        for (int start = 0; start < 90; start += 30) {
            int sum = 0;
            for (int i = start; i < start + 30; i++) {
                sum += e[i];
            }
            assertEquals(1000, sum, "frames " + start + ".." + (start + 29));
        }
    }

    @Test
    void elapsedValuesTrackFractionalRates() throws IOException {
        int[] e = elapsed(synth("ntsc.bin", "--size", "8x8", "--frames", "300", "--fps", "29.97"));

        long sum = 0;
        for (int i = 0; i < e.length; i++) {
            sum += e[i];
            long expected = Math.round((i + 1) * 1000 / 29.97);
            assertTrue(Math.abs(sum - expected) <= 1, "after frame " + i + ": " + sum + " ms, expected " + expected);
        }
    }

    @ParameterizedTest
    @EnumSource(value = PixelFormat.class, mode = EnumSource.Mode.EXCLUDE, names = {"ARGB8", "PNG"})
    void writesEveryFormatWithConsecutiveFramesDiffering(PixelFormat format) throws IOException {
        Path file = synth("f.bin", "--format", format.name(), "--size", "37x21", "--frames", "4");

        try (ImageIO in = ImageIO.open(file, "r")) {
            assertEquals(4, in.count());
            Image previous = null;
            for (int i = 0; i < 4; i++) {
                Image frame = in.read(false, false, false);
                assertEquals(37, frame.width());
                assertEquals(21, frame.height());
                assertEquals(format, frame.format());
                if (previous != null) {
                    assertFalse(frame.samePixels(previous), "frame " + i + " equals frame " + (i - 1));
                }
                previous = frame;
            }
        }
    }

    @Test
    void jpegFramesDecodeAtTheRequestedSize() throws IOException {
        Path file = synth("j.bin", "--format", "jpeg", "--size", "80x60", "--frames", "2");

        try (ImageIO in = ImageIO.open(file, "r")) {
            Image frame = in.read(false, false, false);
            ByteBuffer payload = frame.payload();
            byte[] jpeg = new byte[payload.remaining()];
            payload.duplicate().get(jpeg);
            BufferedImage decoded = javax.imageio.ImageIO.read(new ByteArrayInputStream(jpeg));
            assertNotNull(decoded, "payload is not a decodable JPEG");
            assertEquals(80, decoded.getWidth());
            assertEquals(60, decoded.getHeight());
            // The first colour bar is white (below the box, which starts in the top-left corner).
            assertTrue((decoded.getRGB(4, 30) & 0xFF) > 240, Integer.toHexString(decoded.getRGB(4, 30)));
        }
    }

    @Test
    void acceptsASyncPolicyAndAliasesForFormats() throws IOException {
        Path file = synth("s.bin", "--format", "bayer", "--size", "4x4", "--frames", "3", "--sync", "frames:2");

        try (ImageIO in = ImageIO.open(file, "r")) {
            assertEquals(PixelFormat.BAYER_BGGR, in.read(false, false, false).format());
        }
    }

    @Test
    void printsWhatItWrote() {
        Path out = dir.resolve("p.bin");
        CliRun run = framereel("synth", out.toString(), "--size", "16x8", "--frames", "30", "--format", "GRAYSCALE");

        assertTrue(run.out.startsWith("wrote " + out + ": 30 frames of 16x8 GRAYSCALE, " + (16 + 30 * (32 + 128))
                + " bytes, 1000 ms recorded at 30 fps, in "), run.out);
    }
}
