package io.framereel.capture.format;

import static io.framereel.capture.format.CameraFrames.as;
import static io.framereel.capture.format.CameraFrames.bytes;
import static io.framereel.capture.format.CameraFrames.camera;
import static io.framereel.capture.format.CameraFrames.convert;
import static io.framereel.capture.format.CameraFrames.natural;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framereel.device.v4l2.FourCc;
import io.framereel.storage.PixelFormat;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

// Scope: MJPG / JPEG frames stored as JPEG: trimmed after the last EOI, refused without SOI or EOI.
class JpegPassthroughTest {
    /** A minimal marker skeleton: SOI, an APP0 segment, scan data with a stuffed FF 00, EOI. */
    private static final byte[] JPEG = bytes(0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x4A, 0x46, 0x12, 0xFF, 0x00, 0x34,
            0xFF, 0xD9);

    private static FrameConversion mjpeg() {
        return FrameConversion.ofCompressed(FourCc.of("MJPG"), 640, 480, 1000);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        return ByteBuffer.allocate(a.length + b.length).put(a).put(b).array();
    }

    @ParameterizedTest
    @ValueSource(strings = {"MJPG", "JPEG"})
    void storesACompressedFrameAsJpegUnchanged(String fourcc) throws Exception {
        FrameConversion c = FrameConversion.ofCompressed(FourCc.of(fourcc), 640, 480, 1000);
        assertEquals(PixelFormat.JPEG, c.storedFormat());
        assertTrue(c.isPassthrough());
        assertArrayEquals(JPEG, convert(c, camera(JPEG)));
    }

    @Test
    void dropsTrailingBytesAfterTheLastEoi() throws Exception {
        byte[] withGarbage = concat(JPEG, bytes(0x00, 0x00, 0xFF, 0x12, 0x00));
        assertArrayEquals(JPEG, convert(mjpeg(), camera(withGarbage)));
    }

    @Test
    void aFrameStoredInTheCamerasBufferEndsAtItsLastEoiToo() throws Exception {
        FrameConversion c = mjpeg();
        assertTrue(c.storesInPlace());
        ByteBuffer frame = camera(concat(JPEG, bytes(0x00, 0x00, 0xFF, 0x12, 0x00)));
        assertEquals(JPEG.length, c.inPlaceLength(frame));
        FrameFormatException e = assertThrows(FrameFormatException.class,
                () -> c.inPlaceLength(camera(bytes(0xFF, 0xD8, 0x01, 0x02))));
        assertEquals("MJPG frame of 4 bytes has no JPEG EOI marker (FF D9): the frame is truncated or corrupt",
                e.getMessage());
    }

    @Test
    void keepsEverythingUpToTheLastEoiWhenTheFrameHoldsTwo() throws Exception {
        // A JPEG with an embedded thumbnail has an inner EOI; the image ends at the last one.
        byte[] nested = concat(bytes(0xFF, 0xD8, 0x01, 0xFF, 0xD9, 0x02), bytes(0xFF, 0xD9));
        assertArrayEquals(nested, convert(mjpeg(), camera(concat(nested, bytes(0, 0, 0)))));
    }

    @Test
    void rejectsAFrameWithoutEoi() {
        byte[] truncated = bytes(0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x4A, 0x46, 0x12, 0xFF, 0x00);
        FrameFormatException e = assertThrows(FrameFormatException.class, () -> convert(mjpeg(), camera(truncated)));
        assertEquals("MJPG frame of 11 bytes has no JPEG EOI marker (FF D9): the frame is truncated or corrupt",
                e.getMessage());
    }

    @Test
    void rejectsAFrameThatDoesNotStartWithSoi() {
        byte[] shifted = concat(bytes(0x00), JPEG);
        FrameFormatException e = assertThrows(FrameFormatException.class, () -> convert(mjpeg(), camera(shifted)));
        assertEquals("MJPG frame of 15 bytes does not start with a JPEG SOI marker (FF D8) but with 00 FF",
                e.getMessage());
    }

    @Test
    void rejectsAnEmptyFrame() {
        FrameFormatException e = assertThrows(FrameFormatException.class, () -> convert(mjpeg(), camera(new byte[0])));
        assertEquals("frame has 0 bytes, a MJPG frame needs at least 4 (SOI and EOI markers)", e.getMessage());
    }

    @Test
    void rejectsAFrameLargerThanTheDestination() {
        FrameConversion c = mjpeg();
        ByteBuffer dst = ByteBuffer.allocate(10);
        FrameFormatException e = assertThrows(FrameFormatException.class, () -> c.convert(camera(JPEG), dst));
        assertEquals("MJPG frame has 14 bytes of JPEG, more than the 10 the destination holds", e.getMessage());
    }

    @Test
    void maxOutputBytesIsTheCamerasSizeimage() {
        assertEquals(1000, mjpeg().maxOutputBytes());
        // sizeimage passed as bytesPerLine * height, as of() takes it.
        assertEquals(640 * 480, FrameConversion.of(FourCc.of("MJPG"), 640, 480, 640, natural()).maxOutputBytes());
    }

    @Test
    void asksForTheSizeimageWhenAnMjpegStrideIsZero() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FrameConversion.of(FourCc.of("MJPG"), 640, 480, 0, natural()));
        assertEquals("MJPG frames have no line stride (bytesPerLine 0); give the camera's sizeimage to "
                + "FrameConversion.ofCompressed", e.getMessage());
    }

    @Test
    void refusesToConvertCompressedFramesToAnotherFormat() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FrameConversion.of(FourCc.of("MJPG"), 640, 480, 640, as(PixelFormat.RGB565)));
        assertEquals("cannot store MJPG frames as RGB565: MJPG is stored as JPEG, and only YUV and Bayer formats "
                + "convert, to RGB565 or GRAYSCALE", e.getMessage());
    }

    @Test
    void leavesTheCameraBufferPositionAndLimitAlone() throws Exception {
        ByteBuffer src = camera(concat(JPEG, bytes(0, 0)));
        int position = src.position();
        int limit = src.limit();
        convert(mjpeg(), src);
        assertEquals(position, src.position());
        assertEquals(limit, src.limit());
    }
}
