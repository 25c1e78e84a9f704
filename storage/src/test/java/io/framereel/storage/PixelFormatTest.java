package io.framereel.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The OpenMV pixformat codes, their flags and payload-size rules. */
class PixelFormatTest {

    @Test
    void codesMatchTheFirmwareTable() {
        assertEquals(0x08010000, PixelFormat.BINARY.code());
        assertEquals(0x08020001, PixelFormat.GRAYSCALE.code());
        assertEquals(0x0C030002, PixelFormat.RGB565.code());
        assertEquals(0x0C080004, PixelFormat.ARGB8.code());
        assertEquals(84148225, PixelFormat.BAYER_BGGR.code());
        assertEquals(84148481, PixelFormat.BAYER_GBRG.code());
        assertEquals(84148737, PixelFormat.BAYER_GRBG.code());
        assertEquals(84148993, PixelFormat.BAYER_RGGB.code());
        assertEquals(335872002, PixelFormat.YUV422.code());
        assertEquals(335872258, PixelFormat.YVU422.code());
        assertEquals(101056512, PixelFormat.JPEG.code());
        assertEquals(101122048, PixelFormat.PNG.code());
    }

    @Test
    void flagsAndIdsAreDecodedFromTheCode() {
        assertTrue(PixelFormat.JPEG.isCompressed());
        assertTrue(PixelFormat.PNG.isCompressed());
        assertFalse(PixelFormat.RGB565.isCompressed());
        assertTrue(PixelFormat.BAYER_GRBG.isBayer());
        assertTrue(PixelFormat.YVU422.isYuv());
        assertTrue(PixelFormat.RGB565.isColor());
        assertFalse(PixelFormat.GRAYSCALE.isColor());
        assertTrue(PixelFormat.GRAYSCALE.isMutable());
        assertEquals(2, PixelFormat.YUV422.bytesPerPixel());
        assertEquals(5, PixelFormat.YVU422.formatId());
        assertEquals(1, PixelFormat.YVU422.subformatId());
        assertEquals(3, PixelFormat.BAYER_RGGB.subformatId());
    }

    @Test
    void payloadSizesFollowImageSize() {
        assertEquals(8 * 2, PixelFormat.BINARY.uncompressedBytes(33, 2)); // two 32-bit words per row
        assertEquals(4, PixelFormat.BINARY.uncompressedBytes(1, 1));
        assertEquals(9, PixelFormat.GRAYSCALE.uncompressedBytes(3, 3));
        assertEquals(8, PixelFormat.RGB565.uncompressedBytes(2, 2));
        assertEquals(12, PixelFormat.BAYER_BGGR.uncompressedBytes(4, 3));
        assertEquals(2 * 640 * 480, PixelFormat.YVU422.uncompressedBytes(640, 480));
        assertEquals(0, PixelFormat.ARGB8.uncompressedBytes(640, 480));
        assertEquals(-1, PixelFormat.JPEG.uncompressedBytes(640, 480));
    }

    @Test
    void forgedDimensionsDoNotOverflow() {
        assertEquals(2L * 0xFFFFFFFFL * 0xFFFFFFFFL, PixelFormat.RGB565.uncompressedBytes(0xFFFFFFFFL, 0xFFFFFFFFL));
    }

    @Test
    void memorySlotsAreSizedAsOpenMvSizesThem() {
        assertEquals(153600, PixelFormat.RGB565.memorySlotBytes(320, 240));
        assertEquals(19200, PixelFormat.JPEG.memorySlotBytes(320, 240)); // ~2 bits per pixel
        assertEquals(14400, PixelFormat.GRAYSCALE.memorySlotBytes(120, 120));
        assertEquals(32, PixelFormat.GRAYSCALE.memorySlotBytes(3, 3)); // rounded up to 32 bytes
    }

    @Test
    void unknownCodesAreRejected() {
        assertNull(PixelFormat.fromCode(0));
        assertNull(PixelFormat.fromCode(0x0C040002)); // the short-lived pre-V2 YUV422 encoding
        assertEquals(PixelFormat.PNG, PixelFormat.fromCode(0x06070000));
    }

    @Test
    void parsesNamesAndFirmwareAliases() {
        assertEquals(PixelFormat.BAYER_BGGR, PixelFormat.parse("bayer"));
        assertEquals(PixelFormat.YUV422, PixelFormat.parse("YUV"));
        assertEquals(PixelFormat.GRAYSCALE, PixelFormat.parse("gray"));
        assertEquals(PixelFormat.BAYER_RGGB, PixelFormat.parse("bayer-rggb"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PixelFormat.parse("H264"));
        assertTrue(e.getMessage().contains("H264"));
    }
}
