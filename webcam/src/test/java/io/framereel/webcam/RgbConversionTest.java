package io.framereel.webcam;

import static io.framereel.webcam.TestPictures.assertBars;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

// Scope: camera frames to ARGB and RGB24 — YUYV in place and with padded lines, grey, MJPEG as UVC cameras send
// it, torn frames reported as unusable, the frame buffer left as it was.
class RgbConversionTest {
    private static final int W = 16;
    private static final int H = 4;

    private static int[] argb(RgbConversion conversion, ByteBuffer frame) throws UnusableFrameException {
        int[] argb = new int[conversion.pixels()];
        conversion.toArgb(frame, argb);
        return argb;
    }

    @Test
    void yuyvBarsComeOutInTheirColours() throws UnusableFrameException {
        RgbConversion conversion = RgbConversion.of(RgbFormat.YUYV, W, H, 2 * W);
        int[] argb = argb(conversion, ByteBuffer.wrap(TestPictures.yuyvBars(W, H, 2 * W)));
        assertBars((x, y) -> argb[y * W + x], W, H);
    }

    @Test
    void neutralChromaGivesExactGreys() throws UnusableFrameException {
        for (int level : new int[] {0, 1, 127, 128, 254, 255}) {
            RgbConversion conversion = RgbConversion.of(RgbFormat.YUYV, W, H, 2 * W);
            int[] argb = argb(conversion, ByteBuffer.wrap(TestPictures.yuyvGrey(W, H, level)));
            for (int pixel : argb) {
                assertEquals(0xFF000000 | level * 0x010101, pixel, "grey " + level);
            }
        }
    }

    @Test
    void paddedLinesAreReadWithoutThePadding() throws UnusableFrameException {
        int stride = 2 * W + 12;
        RgbConversion conversion = RgbConversion.of(RgbFormat.YUYV, W, H, stride);
        // the last line's padding may be missing from the buffer: drivers count bytesused without it
        byte[] frame = Arrays.copyOf(TestPictures.yuyvBars(W, H, stride), stride * H - 12);
        int[] argb = argb(conversion, ByteBuffer.wrap(frame));
        for (int y = 0; y < H; y++) {
            int row = y;
            assertBars((x, ignored) -> argb[row * W + x], W, H);
        }
        assertTrue(conversion.toString().contains("44 bytes per line"), conversion.toString());
    }

    @Test
    void rgb24IsRedGreenBlueInThatByteOrder() {
        ByteBuffer dst = ByteBuffer.allocateDirect(2 + 2 * 3);
        dst.position(1);
        RgbConversion.packRgb24(new int[] {0xFF112233, 0x00445566}, 2, dst, 2);
        assertEquals(1, dst.position(), "absolute puts leave the position alone");
        byte[] written = new byte[6];
        dst.get(2, written);
        assertEquals("[17, 34, 51, 68, 85, 102]", Arrays.toString(written));
    }

    @Test
    void greyFramesAreGrey() throws UnusableFrameException {
        byte[] frame = new byte[W * H];
        Arrays.fill(frame, (byte) 200);
        int[] argb = argb(RgbConversion.of(RgbFormat.GREY, W, H, W), ByteBuffer.wrap(frame));
        assertEquals(0xFFC8C8C8, argb[W * H - 1]);
    }

    @Test
    void mjpegFramesDecode() throws Exception {
        byte[] jpeg = jpegOfBars(32, 16);
        RgbConversion conversion = RgbConversion.of(RgbFormat.MJPG, 32, 16, 0);
        int[] argb = argb(conversion, ByteBuffer.wrap(jpeg));
        assertBarsRoughly(argb, 32, 16);
    }

    /** UVC cameras leave the standard Huffman tables out of their MJPEG frames; the decoder must supply them. */
    @Test
    void mjpegFramesWithoutHuffmanTablesDecode() throws Exception {
        byte[] jpeg = withoutHuffmanTables(jpegOfBars(32, 16));
        int[] argb = argb(RgbConversion.of(RgbFormat.MJPG, 32, 16, 0), ByteBuffer.wrap(jpeg));
        assertBarsRoughly(argb, 32, 16);
    }

    @Test
    void aTornJpegIsUnusableNotAFailure() throws Exception {
        byte[] jpeg = jpegOfBars(32, 16);
        ByteBuffer torn = ByteBuffer.wrap(Arrays.copyOf(jpeg, 40));
        UnusableFrameException e = assertThrows(UnusableFrameException.class,
                () -> argb(RgbConversion.of(RgbFormat.MJPG, 32, 16, 0), torn));
        assertTrue(e.getMessage().startsWith("MJPG 32x16 frame of 40 bytes: "), e.getMessage());
    }

    @Test
    void aJpegOfAnotherSizeIsUnusable() throws Exception {
        ByteBuffer jpeg = ByteBuffer.wrap(jpegOfBars(32, 16));
        UnusableFrameException e = assertThrows(UnusableFrameException.class,
                () -> argb(RgbConversion.of(RgbFormat.MJPG, 64, 16, 0), jpeg));
        assertTrue(e.getMessage().contains("32x16"), e.getMessage());
    }

    @Test
    void aShortRawFrameIsUnusableAndSaysWhatItNeeded() {
        ByteBuffer shortFrame = ByteBuffer.wrap(new byte[100]);
        UnusableFrameException e = assertThrows(UnusableFrameException.class,
                () -> argb(RgbConversion.of(RgbFormat.YUYV, W, H, 2 * W), shortFrame));
        assertEquals("frame has 100 bytes, YUYV 16x4 needs 128", e.getMessage());
    }

    @Test
    void theFrameBufferKeepsItsPositionAndLimit() throws UnusableFrameException {
        byte[] bytes = new byte[8 + 2 * W * H + 8];
        System.arraycopy(TestPictures.yuyvBars(W, H, 2 * W), 0, bytes, 8, 2 * W * H);
        ByteBuffer frame = ByteBuffer.wrap(bytes).position(8).limit(bytes.length - 4);
        int[] argb = argb(RgbConversion.of(RgbFormat.YUYV, W, H, 2 * W), frame);
        assertEquals(8, frame.position());
        assertEquals(bytes.length - 4, frame.limit());
        assertBars((x, y) -> argb[y * W + x], W, H);
    }

    private static byte[] jpegOfBars(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, TestPictures.BARS_RGB[TestPictures.bar(x, width)]);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(image, "jpeg", out), "this JRE writes JPEG");
        return out.toByteArray();
    }

    /** JPEG ringing blurs the bar edges; the middle of each bar keeps its colour within a few steps. */
    private static void assertBarsRoughly(int[] argb, int width, int height) {
        int y = height / 2;
        for (int bar = 0; bar < TestPictures.BARS_RGB.length; bar++) {
            int x = (2 * bar + 1) * width / (2 * TestPictures.BARS_RGB.length);
            int actual = argb[y * width + x] & 0xFFFFFF;
            assertTrue(TestPictures.distance(actual, TestPictures.BARS_RGB[bar]) <= 24,
                    String.format("bar %d is %06x, expected about %06x", bar, actual, TestPictures.BARS_RGB[bar]));
        }
    }

    /** The JPEG with its DHT segments removed, as a UVC camera sends MJPEG frames. */
    private static byte[] withoutHuffmanTables(byte[] jpeg) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2); // SOI
        int at = 2;
        while (true) {
            int marker = jpeg[at + 1] & 0xFF;
            if (marker == 0xDA) { // start of scan: the entropy-coded data and EOI follow
                out.write(jpeg, at, jpeg.length - at);
                return out.toByteArray();
            }
            int length = (jpeg[at + 2] & 0xFF) << 8 | jpeg[at + 3] & 0xFF;
            if (marker != 0xC4) {
                out.write(jpeg, at, length + 2);
            }
            at += length + 2;
        }
    }
}
