package io.framereel.capture.format;

import static io.framereel.capture.format.CameraFrames.as;
import static io.framereel.capture.format.CameraFrames.bytes;
import static io.framereel.capture.format.CameraFrames.camera;
import static io.framereel.capture.format.CameraFrames.convert;
import static io.framereel.capture.format.CameraFrames.natural;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framereel.device.v4l2.FourCc;
import io.framereel.storage.PixelFormat;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

// Scope: Bayer fourccs to OpenMV's 8-bit patterns (10-bit unpacked and MIPI-packed keep their top 8 bits), and
// Bayer to RGB565 / GRAYSCALE through storage's demosaic.
class BayerConversionTest {
    private static final String BAYER_FORMATS = "S(BGGR|GBRG|GRBG|RGGB)(8|10|10P)";
    private static final int W = 16;
    private static final int H = 8;

    /** A W x H unpadded camera frame stored in the natural format (target null) or converted to target. */
    private static byte[] stored(CameraFormat f, byte[] frame, PixelFormat target) throws Exception {
        FrameConversion c = FrameConversion.of(f.fourcc(), W, H, (int) f.minBytesPerLine(W),
                target == null ? natural() : as(target));
        assertEquals(target == null ? f.naturalFormat() : target, c.storedFormat());
        return convert(c, camera(frame));
    }

    @ParameterizedTest
    @CsvSource({
        "BA81, BAYER_BGGR", "GBRG, BAYER_GBRG", "GRBG, BAYER_GRBG", "RGGB, BAYER_RGGB",
        "BG10, BAYER_BGGR", "GB10, BAYER_GBRG", "BA10, BAYER_GRBG", "RG10, BAYER_RGGB",
        "pBAA, BAYER_BGGR", "pGAA, BAYER_GBRG", "pgAA, BAYER_GRBG", "pRAA, BAYER_RGGB",
    })
    void mapsEachBayerFourccToTheOpenMvPatternOfItsFirstLine(String fourcc, PixelFormat pattern) {
        int code = FourCc.of(fourcc);
        CameraFormat f = CameraFormat.of(code);
        assertEquals(pattern, FrameConversion.of(code, 8, 2, (int) f.minBytesPerLine(8), natural()).storedFormat());
    }

    @ParameterizedTest
    @CsvSource({"BG10", "GB10", "BA10", "RG10"})
    void unpacks10BitBayerWordsToTheirTop8Bits(String fourcc) throws Exception {
        // Little-endian words 0x3FF, 0x200, 0x003, 0x0FC hold top-8-bit values 0xFF, 0x80, 0x00, 0x3F.
        byte[] words = bytes(0xFF, 0x03, 0x00, 0x02, 0x03, 0x00, 0xFC, 0x00);
        FrameConversion c = FrameConversion.of(FourCc.of(fourcc), 4, 1, 8, natural());
        assertArrayEquals(bytes(0xFF, 0x80, 0x00, 0x3F), convert(c, camera(words)));
    }

    @ParameterizedTest
    @CsvSource({"pBAA", "pGAA", "pgAA", "pRAA"})
    void unpacksMipiPacked10BitBayerToItsTop8Bits(String fourcc) throws Exception {
        // Two lines of 8 pixels (two 5-byte groups: 4 top bytes, then the 2 low bits of each) at a 12-byte
        // stride: the low-bit bytes and the 2 padding bytes are dropped.
        byte[] frame = bytes(
                0x12, 0x34, 0x56, 0x78, 0xE4, 0xFF, 0x00, 0x80, 0x01, 0x1B, 0xEE, 0xEE,
                0x9A, 0xBC, 0xDE, 0xF0, 0x00, 0x01, 0x02, 0x03, 0x04, 0xFF, 0xEE, 0xEE);
        FrameConversion c = FrameConversion.of(FourCc.of(fourcc), 8, 2, 12, natural());
        assertArrayEquals(bytes(0x12, 0x34, 0x56, 0x78, 0xFF, 0x00, 0x80, 0x01,
                0x9A, 0xBC, 0xDE, 0xF0, 0x01, 0x02, 0x03, 0x04), convert(c, camera(frame)));
    }

    @Test
    void unpacksAMipiLineWhoseWidthIsNotAMultipleOf4() throws Exception {
        // 6 pixels: one whole group, then 2 top bytes of a partial group (the kernel's stride ceil(6*5/4) = 8).
        FrameConversion c = FrameConversion.of(FourCc.of("pBAA"), 6, 1, 8, natural());
        assertArrayEquals(bytes(1, 2, 3, 4, 5, 6), convert(c, camera(bytes(1, 2, 3, 4, 0x55, 5, 6, 0x50))));
    }

    @ParameterizedTest
    @CsvSource({"BA81, 128", "BG10, 512", "pBAA, 128"})
    void flatMidGrayBayerIsMidGrayInRgb565AndGrayscale(String fourcc, int sample) throws Exception {
        CameraFormat f = CameraFormat.of(FourCc.of(fourcc));
        int width = 8;
        int height = 4;
        byte[] frame = new byte[(int) f.frameBytes((int) f.minBytesPerLine(width), height)];
        for (int i = 0; i < frame.length; i++) {
            // 8-bit: the sample; unpacked words: low byte, high byte; MIPI: 4 top bytes and a zero low-bit byte.
            frame[i] = switch (f.bayer()) {
                case BITS_8 -> (byte) sample;
                case UNPACKED_10 -> (byte) (i % 2 == 0 ? sample : sample >> 8);
                case MIPI_10 -> (byte) (i % 5 == 4 ? 0 : sample);
            };
        }
        int stride = (int) f.minBytesPerLine(width);
        byte[] rgb565 = convert(FrameConversion.of(f.fourcc(), width, height, stride, as(PixelFormat.RGB565)),
                camera(frame));
        byte[] gray = convert(FrameConversion.of(f.fourcc(), width, height, stride, as(PixelFormat.GRAYSCALE)),
                camera(frame));
        for (int i = 0; i < width * height; i++) {
            assertEquals(0x10, rgb565[2 * i]);
            assertEquals((byte) 0x84, rgb565[2 * i + 1]);
        }
        byte[] midGray = new byte[width * height];
        Arrays.fill(midGray, (byte) 128);
        assertArrayEquals(midGray, gray);
    }

    @ParameterizedTest
    @EnumSource(value = CameraFormat.class, names = BAYER_FORMATS, mode = EnumSource.Mode.MATCH_ANY)
    void rgb565FromBayerMatchesArgbConverterOfTheStoredBayerFrame(CameraFormat f) throws Exception {
        byte[] frame = CameraFrames.random(f, W, H, f.ordinal());
        byte[] expected = CameraFrames.rgb565ByArgbConverter(W, H, f.naturalFormat(), stored(f, frame, null));
        assertArrayEquals(expected, stored(f, frame, PixelFormat.RGB565));
    }

    @ParameterizedTest
    @EnumSource(value = CameraFormat.class, names = BAYER_FORMATS, mode = EnumSource.Mode.MATCH_ANY)
    void grayscaleFromBayerIsTheBt601LumaOfTheDemosaicedFrame(CameraFormat f) throws Exception {
        byte[] frame = CameraFrames.random(f, W, H, 7 + f.ordinal());
        int[] argb = CameraFrames.argbByArgbConverter(W, H, f.naturalFormat(), stored(f, frame, null));
        byte[] gray = stored(f, frame, PixelFormat.GRAYSCALE);
        for (int i = 0; i < argb.length; i++) {
            double luma = 0.299 * (argb[i] >> 16 & 0xFF) + 0.587 * (argb[i] >> 8 & 0xFF) + 0.114 * (argb[i] & 0xFF);
            int actual = gray[i] & 0xFF;
            assertTrue(Math.abs(luma - actual) <= 0.5 + 1e-9, "pixel " + i + ": luma " + luma + ", stored " + actual);
        }
    }
}
