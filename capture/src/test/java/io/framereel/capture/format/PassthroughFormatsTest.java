package io.framereel.capture.format;

import static io.framereel.capture.format.CameraFrames.bytes;
import static io.framereel.capture.format.CameraFrames.camera;
import static io.framereel.capture.format.CameraFrames.convert;
import static io.framereel.capture.format.CameraFrames.natural;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framereel.device.v4l2.FourCc;
import io.framereel.storage.PixelFormat;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

// Scope: formats stored as the camera delivers them, line padding for every raw format, buffer positions.
class PassthroughFormatsTest {

    @Test
    void storesGreyAsGrayscaleUnchanged() throws Exception {
        FrameConversion c = FrameConversion.of(FourCc.of("GREY"), 3, 2, 3, natural());
        byte[] frame = bytes(0, 1, 2, 253, 254, 255);
        assertEquals(PixelFormat.GRAYSCALE, c.storedFormat());
        assertTrue(c.isPassthrough());
        assertArrayEquals(frame, convert(c, camera(frame)));
    }

    @Test
    void storesRgbpAsIsBecauseOpenMvRgb565IsLittleEndianToo() throws Exception {
        // V4L2 RGBP red is 0xF800 little-endian: 00 F8; green 0x07E0: E0 07; blue 0x001F: 1F 00.
        byte[] frame = bytes(0x00, 0xF8, 0xE0, 0x07, 0x1F, 0x00);
        FrameConversion c = FrameConversion.of(FourCc.of("RGBP"), 3, 1, 6, natural());
        byte[] stored = convert(c, camera(frame));
        assertEquals(PixelFormat.RGB565, c.storedFormat());
        assertTrue(c.isPassthrough());
        assertArrayEquals(frame, stored);
        assertArrayEquals(new int[] {0xFFFF0000, 0xFF00FF00, 0xFF0000FF},
                CameraFrames.argbByArgbConverter(3, 1, PixelFormat.RGB565, stored));
    }

    @ParameterizedTest
    @CsvSource({"YUYV, YUV422", "YVYU, YVU422"})
    void storesYuyvAsYuv422AndYvyuAsYvu422Unchanged(String fourcc, PixelFormat stored) throws Exception {
        byte[] frame = bytes(16, 100, 17, 200, 18, 101, 19, 201);
        FrameConversion c = FrameConversion.of(FourCc.of(fourcc), 4, 1, 8, natural());
        assertEquals(stored, c.storedFormat());
        assertTrue(c.isPassthrough());
        assertArrayEquals(frame, convert(c, camera(frame)));
    }

    @ParameterizedTest
    @CsvSource({"BA81, BAYER_BGGR", "GBRG, BAYER_GBRG", "GRBG, BAYER_GRBG", "RGGB, BAYER_RGGB"})
    void stores8BitBayerAsTheOpenMvPatternOfTheSameName(String fourcc, PixelFormat stored) throws Exception {
        byte[] frame = bytes(1, 2, 3, 4, 5, 6, 7, 8);
        FrameConversion c = FrameConversion.of(FourCc.of(fourcc), 4, 2, 4, natural());
        assertEquals(stored, c.storedFormat());
        assertTrue(c.isPassthrough());
        assertArrayEquals(frame, convert(c, camera(frame)));
    }

    @Test
    void anUnpaddedPassthroughFrameIsStoredWhereItIsWithItsLengthChecked() throws Exception {
        FrameConversion c = FrameConversion.of(FourCc.of("YUYV"), 4, 2, 8, natural());
        assertTrue(c.storesInPlace());
        ByteBuffer frame = camera(bytes(16, 100, 17, 200, 18, 101, 19, 201, 20, 102, 21, 202, 22, 103, 23, 203, 9, 9));
        int position = frame.position();
        int limit = frame.limit();
        assertEquals(16, c.inPlaceLength(frame), "the frame without the driver's 2 extra bytes");
        assertEquals(position, frame.position());
        assertEquals(limit, frame.limit());
        FrameFormatException e = assertThrows(FrameFormatException.class,
                () -> c.inPlaceLength(camera(bytes(16, 100, 17, 200))));
        assertEquals("frame has 4 bytes, YUYV 4x2 needs 16", e.getMessage());
    }

    @Test
    void paddedOrConvertedFramesMustBeCopied() {
        FrameConversion padded = FrameConversion.of(FourCc.of("GREY"), 4, 2, 6, natural());
        FrameConversion converted = FrameConversion.of(FourCc.of("YUYV"), 4, 2, 8, Optional.of(PixelFormat.RGB565));
        assertTrue(padded.isPassthrough());
        assertFalse(padded.storesInPlace());
        assertFalse(converted.storesInPlace());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> padded.inPlaceLength(camera(new byte[12])));
        assertEquals("GREY 4x2 (6 bytes per line) -> GRAYSCALE (as is) cannot be stored from the camera's buffer: "
                + "it is padded to its line stride", e.getMessage());
    }

    @Test
    void dropsLinePaddingOfAPassthroughFrame() throws Exception {
        // 2 lines of 4 GREY pixels at a 6-byte stride: the 2 padding bytes of each line are not stored.
        ByteBuffer padded = camera(bytes(1, 2, 3, 4, 0xEE, 0xEE, 5, 6, 7, 8, 0xEE, 0xEE));
        FrameConversion c = FrameConversion.of(FourCc.of("GREY"), 4, 2, 6, natural());
        assertArrayEquals(bytes(1, 2, 3, 4, 5, 6, 7, 8), convert(c, padded));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("io.framereel.capture.format.CameraFrames#rawPaths")
    void honoursBytesPerLineForEveryRawFormatAndTarget(CameraFormat f, Optional<PixelFormat> target) throws Exception {
        int width = 8;
        int height = 4;
        int tightStride = (int) f.minBytesPerLine(width);
        int paddedStride = tightStride + 6;
        byte[] frame = CameraFrames.random(f, width, height, f.ordinal());
        FrameConversion tight = FrameConversion.of(f.fourcc(), width, height, tightStride, target);
        FrameConversion padded = FrameConversion.of(f.fourcc(), width, height, paddedStride, target);
        assertArrayEquals(convert(tight, camera(f, width, height, tightStride, frame)),
                convert(padded, camera(f, width, height, paddedStride, frame)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("io.framereel.capture.format.CameraFrames#rawPaths")
    void writesExactlyTheStoredSizeAndLeavesBothBuffersPositionAndLimitAlone(CameraFormat f,
            Optional<PixelFormat> target) throws Exception {
        FrameConversion c = FrameConversion.of(f.fourcc(), 8, 4, (int) f.minBytesPerLine(8) + 2, target);
        ByteBuffer src = camera(f, 8, 4, (int) f.minBytesPerLine(8) + 2, CameraFrames.random(f, 8, 4, 1));
        ByteBuffer dst = CameraFrames.destination(c.maxOutputBytes());
        int srcPosition = src.position();
        int srcLimit = src.limit();
        int n = c.convert(src, dst);
        assertEquals(c.storedFormat().uncompressedBytes(8, 4), n);
        assertEquals(c.maxOutputBytes(), n);
        CameraFrames.written(dst, n);
        assertEquals(srcPosition, src.position());
        assertEquals(srcLimit, src.limit());
        assertEquals(0, dst.position());
        assertEquals(dst.capacity(), dst.limit());
    }

    @Test
    void ignoresBytesThatFollowARawFrame() throws Exception {
        FrameConversion c = FrameConversion.of(FourCc.of("GREY"), 2, 1, 2, natural());
        assertArrayEquals(bytes(7, 8), convert(c, camera(bytes(7, 8, 9, 9, 9))));
    }

    @ParameterizedTest
    @EnumSource(CameraFormat.class)
    void isPassthroughExactlyWhenTheCameraBytesAreStored(CameraFormat f) {
        FrameConversion c = f.family() == CameraFormat.Family.COMPRESSED
                ? FrameConversion.ofCompressed(f.fourcc(), 8, 4, 1000)
                : FrameConversion.of(f.fourcc(), 8, 4, (int) f.minBytesPerLine(8), natural());
        boolean reordered = switch (f) {
            case UYVY, VYUY, NV12, NV21, YUV420, YVU420 -> true;
            default -> f.family() == CameraFormat.Family.BAYER && f.bayer() != BayerPacking.BITS_8;
        };
        assertEquals(!reordered, c.isPassthrough(), c.toString());
        assertEquals(f.naturalFormat(), c.storedFormat());
        assertEquals(f.fourcc(), c.fourcc());
    }

    @ParameterizedTest
    @EnumSource(value = CameraFormat.class, names = {"YUYV", "SBGGR8", "GREY"})
    void asIsFormatsAreNoLongerPassthroughOnceConverted(CameraFormat f) {
        Optional<PixelFormat> target = Optional.of(f == CameraFormat.GREY ? PixelFormat.GRAYSCALE : PixelFormat.RGB565);
        FrameConversion c = FrameConversion.of(f.fourcc(), 8, 4, (int) f.minBytesPerLine(8), target);
        // GREY "to GRAYSCALE" is its natural format, so it stays a copy.
        assertEquals(f == CameraFormat.GREY, c.isPassthrough());
        assertFalse(c.isPassthrough() && c.storedFormat() != f.naturalFormat());
    }
}
