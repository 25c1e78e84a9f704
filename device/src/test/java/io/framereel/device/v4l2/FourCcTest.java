package io.framereel.device.v4l2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** fourcc packing as v4l2_fourcc() does it, and printing codes back. */
class FourCcTest {
    @Test
    void yuyvPacksFirstCharacterIntoTheLowByte() {
        assertEquals(0x56595559, FourCc.of("YUYV"));
        assertEquals(Videodev2.V4L2_PIX_FMT_YUYV, FourCc.of("YUYV"));
        assertEquals(0x47504a4d, FourCc.MJPEG);
    }

    @Test
    void shortNamesArePaddedWithSpacesLikeTheHeader() {
        assertEquals(Videodev2.V4L2_PIX_FMT_Y10, FourCc.of("Y10"));
        assertEquals("Y10", FourCc.toString(Videodev2.V4L2_PIX_FMT_Y10));
    }

    @Test
    void printsTheCharactersBack() {
        assertEquals("pBAA", FourCc.toString(Videodev2.V4L2_PIX_FMT_SBGGR10P));
        assertEquals("BA81", FourCc.toString(Videodev2.V4L2_PIX_FMT_SBGGR8));
    }

    @Test
    void unprintableCodesPrintAsHex() {
        assertEquals("0x00000001", FourCc.toString(1));
    }

    @Test
    void rejectsNamesLongerThanFourCharacters() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FourCc.of("YUYV2"));
        assertEquals("a fourcc has 1 to 4 characters (was \"YUYV2\")", e.getMessage());
    }

    @Test
    void rejectsNonAscii() {
        assertThrows(IllegalArgumentException.class, () -> FourCc.of("YÜYV"));
    }
}
