package io.framereel.capture.format;

import static io.framereel.capture.format.CameraFrames.as;
import static io.framereel.capture.format.CameraFrames.camera;
import static io.framereel.capture.format.CameraFrames.natural;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.framereel.device.v4l2.FourCc;
import io.framereel.storage.PixelFormat;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

// Scope: what FrameConversion refuses and the messages that say why.
class FrameConversionErrorsTest {

    @Test
    void rejectsAnUnsupportedFourccNamingItAndListingTheSupportedOnes() {
        UnsupportedCameraFormatException e = assertThrows(UnsupportedCameraFormatException.class,
                () -> FrameConversion.of(FourCc.of("NV16"), 640, 480, 640, natural()));
        assertEquals("camera format 'NV16' is not supported; supported formats: GREY, RGBP, YUYV, YVYU, UYVY, VYUY, "
                + "NV12, NV21, YU12, YV12, BA81, GBRG, GRBG, RGGB, BG10, GB10, BA10, RG10, pBAA, pGAA, pgAA, pRAA, "
                + "MJPG, JPEG", e.getMessage());
        assertEquals(FourCc.of("NV16"), e.fourcc());
    }

    @Test
    void supportedFourccsListsEveryMappedFormatInOrder() {
        List<String> names = FrameConversion.supportedFourccs().stream().map(FourCc::toString)
                .collect(Collectors.toList());
        assertEquals(List.of("GREY", "RGBP", "YUYV", "YVYU", "UYVY", "VYUY", "NV12", "NV21", "YU12", "YV12", "BA81",
                "GBRG", "GRBG", "RGGB", "BG10", "GB10", "BA10", "RG10", "pBAA", "pGAA", "pgAA", "pRAA", "MJPG", "JPEG"),
                names);
        assertThrows(UnsupportedOperationException.class, () -> FrameConversion.supportedFourccs().add(1));
    }

    @Test
    void reportsAShortFrameWithItsSizeAndWhatTheGeometryNeeds() {
        FrameConversion c = FrameConversion.of(FourCc.of("YUYV"), 640, 480, 1280, natural());
        FrameFormatException e = assertThrows(FrameFormatException.class,
                () -> c.convert(camera(new byte[1000]), ByteBuffer.allocate(c.maxOutputBytes())));
        assertEquals("frame has 1000 bytes, YUYV 640x480 needs 614400", e.getMessage());
    }

    @Test
    void shortFrameMessageNamesAPaddedStride() {
        FrameConversion c = FrameConversion.of(FourCc.of("NV12"), 640, 480, 704, natural());
        FrameFormatException e = assertThrows(FrameFormatException.class,
                () -> c.convert(camera(new byte[704 * 480]), ByteBuffer.allocate(c.maxOutputBytes())));
        assertEquals("frame has 337920 bytes, NV12 640x480 (704 bytes per line) needs 506880", e.getMessage());
    }

    @Test
    void rejectsADestinationSmallerThanTheStoredFrame() {
        FrameConversion c = FrameConversion.of(FourCc.of("YUYV"), 4, 2, 8, as(PixelFormat.GRAYSCALE));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> c.convert(camera(new byte[16]), ByteBuffer.allocate(7)));
        assertEquals("destination holds 7 bytes, YUYV 4x2 stored as GRAYSCALE needs 8", e.getMessage());
    }

    @Test
    void rejectsAStrideShorterThanALine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FrameConversion.of(FourCc.of("YUYV"), 640, 480, 640, natural()));
        assertEquals("YUYV 640x480: bytesPerLine 640 is shorter than a line (1280 bytes)", e.getMessage());
    }

    @Test
    void rejectsAnOddWidthForYuvAndAnOddHeightFor420() {
        assertEquals("UYVY 3x2: a YUV format needs an even width", assertThrows(IllegalArgumentException.class,
                () -> FrameConversion.of(FourCc.of("UYVY"), 3, 2, 6, natural())).getMessage());
        assertEquals("NV12 4x3: a 4:2:0 format needs an even height", assertThrows(IllegalArgumentException.class,
                () -> FrameConversion.of(FourCc.of("NV12"), 4, 3, 4, natural())).getMessage());
        assertEquals("YU12 4x2: bytesPerLine 5 must be even", assertThrows(IllegalArgumentException.class,
                () -> FrameConversion.of(FourCc.of("YU12"), 4, 2, 5, natural())).getMessage());
    }

    @Test
    void rejectsANonPositiveSize() {
        assertEquals("GREY frame size must be positive (was 0x480)", assertThrows(IllegalArgumentException.class,
                () -> FrameConversion.of(FourCc.of("GREY"), 0, 480, 640, natural())).getMessage());
    }

    @Test
    void rejectsAFrameOverTwoGibibytes() {
        assertEquals("RGBP 65536x32768 frames need 4294967296 bytes, more than one buffer holds",
                assertThrows(IllegalArgumentException.class,
                        () -> FrameConversion.of(FourCc.of("RGBP"), 65536, 32768, 131072, natural())).getMessage());
    }

    @Test
    void rejectsTargetsOtherThanRgb565AndGrayscaleFromYuvOrBayer() {
        assertEquals("cannot store RGBP frames as GRAYSCALE: RGBP is stored as RGB565, and only YUV and Bayer "
                + "formats convert, to RGB565 or GRAYSCALE", assertThrows(IllegalArgumentException.class,
                        () -> FrameConversion.of(FourCc.of("RGBP"), 4, 2, 8, as(PixelFormat.GRAYSCALE))).getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> FrameConversion.of(FourCc.of("BA81"), 4, 2, 4, as(PixelFormat.YUV422)));
        assertThrows(IllegalArgumentException.class,
                () -> FrameConversion.of(FourCc.of("NV12"), 4, 2, 4, as(PixelFormat.BAYER_BGGR)));
    }

    @Test
    void acceptsTheNaturalFormatAsATarget() {
        FrameConversion c = FrameConversion.of(FourCc.of("GREY"), 4, 2, 4, as(PixelFormat.GRAYSCALE));
        assertEquals(PixelFormat.GRAYSCALE, c.storedFormat());
        assertEquals(true, c.isPassthrough());
    }

    @Test
    void rejectsARawFourccForCompressedFrames() {
        assertEquals("YUYV is not a compressed format; use FrameConversion.of with its bytesPerLine",
                assertThrows(IllegalArgumentException.class,
                        () -> FrameConversion.ofCompressed(FourCc.of("YUYV"), 640, 480, 1000)).getMessage());
    }

    @Test
    void describesItselfForLogs() {
        assertEquals("YUYV 640x480 -> RGB565",
                FrameConversion.of(FourCc.of("YUYV"), 640, 480, 1280, as(PixelFormat.RGB565)).toString());
        assertEquals("GREY 640x480 (704 bytes per line) -> GRAYSCALE (as is)",
                FrameConversion.of(FourCc.of("GREY"), 640, 480, 704, natural()).toString());
    }
}
