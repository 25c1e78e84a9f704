package io.framereel.storage.pixel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framereel.storage.Image;
import io.framereel.storage.PixelFormat;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

// Scope: packing ARGB into little-endian RGB565 and XRGB8888 framebuffer memory.
class DisplayPackerTest {

    @Test
    void primariesPackToTheirRgb565Codes() {
        assertEquals((short) 0xF800, DisplayPacker.toRgb565(0xFFFF0000));
        assertEquals((short) 0x07E0, DisplayPacker.toRgb565(0xFF00FF00));
        assertEquals((short) 0x001F, DisplayPacker.toRgb565(0xFF0000FF));
        assertEquals((short) 0xFFFF, DisplayPacker.toRgb565(0xFFFFFFFF));
        assertEquals((short) 0x0000, DisplayPacker.toRgb565(0xFF000000));
        assertEquals((short) 0x8410, DisplayPacker.toRgb565(0xFF878387), "truncates the low bits");
    }

    @Test
    void everyRgb565ValueSurvivesExpandingAndPackingAgain() {
        byte[] all = new byte[65536 * 2];
        for (int v = 0; v < 65536; v++) {
            all[2 * v] = (byte) v;
            all[2 * v + 1] = (byte) (v >>> 8);
        }
        int[] argb = new int[65536];
        ArgbConverter.convert(Image.of(256, 256, PixelFormat.RGB565, ByteBuffer.wrap(all)), argb);
        ByteBuffer packed = ByteBuffer.allocate(all.length);
        DisplayPacker.packRgb565(argb, 256, 256, packed, 0, 512);
        assertEquals(ByteBuffer.wrap(all), packed);
    }

    @Test
    void rgb565IsLittleEndianWithStrideAndLeavesPaddingAndBufferStateAlone() {
        int[] argb = {0xFFFF0000, 0xFF0000FF, 0xFF00FF00, 0xFFFFFFFF};
        ByteBuffer dst = ByteBuffer.allocate(3 + 2 * 6).order(ByteOrder.BIG_ENDIAN);
        byte[] filler = new byte[dst.capacity()];
        Arrays.fill(filler, (byte) 0x5A);
        dst.put(filler).position(1);
        DisplayPacker.packRgb565(argb, 2, 2, dst, 3, 6);
        byte[] expected = {0x5A, 0x5A, 0x5A,
            0x00, (byte) 0xF8, 0x1F, 0x00, 0x5A, 0x5A,
            (byte) 0xE0, 0x07, (byte) 0xFF, (byte) 0xFF, 0x5A, 0x5A};
        assertEquals(ByteBuffer.wrap(expected), ByteBuffer.wrap(dst.array()));
        assertEquals(1, dst.position());
        assertEquals(ByteOrder.BIG_ENDIAN, dst.order());
    }

    @Test
    void xrgb8888IsLittleEndianBgrxWithOpaqueX() {
        int[] argb = {0xFF123456, 0x00ABCDEF};
        ByteBuffer dst = ByteBuffer.allocateDirect(8);
        DisplayPacker.packXrgb8888(argb, 2, 1, dst, 0, 8);
        byte[] bytes = new byte[8];
        dst.get(0, bytes);
        byte[] expected = {0x56, 0x34, 0x12, (byte) 0xFF, (byte) 0xEF, (byte) 0xCD, (byte) 0xAB, (byte) 0xFF};
        assertEquals(ByteBuffer.wrap(expected), ByteBuffer.wrap(bytes));
        assertEquals(0xFFABCDEF, DisplayPacker.toXrgb8888(0x00ABCDEF));
    }

    @Test
    void rejectsADestinationThatCannotHoldTheLastRow() {
        ByteBuffer dst = ByteBuffer.allocate(2 * 4 * 3 - 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DisplayPacker.packXrgb8888(new int[6], 2, 3, dst, 0, 8));
        assertTrue(e.getMessage().contains("dst limit 23 cannot hold 2x3"), e.getMessage());
        assertTrue(e.getMessage().contains("needs 24 bytes"), e.getMessage());
    }

    @Test
    void rejectsAStrideShorterThanARow() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DisplayPacker.packRgb565(new int[4], 2, 2, ByteBuffer.allocate(64), 0, 3));
        assertTrue(e.getMessage().contains("dstStrideBytes 3 is shorter than a row of 2 pixels (4 bytes)"), e.getMessage());
    }

    @Test
    void rejectsASourceSmallerThanTheRegion() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DisplayPacker.packRgb565(new int[3], 2, 2, ByteBuffer.allocate(64), 0, 4));
        assertTrue(e.getMessage().contains("argb holds 3 pixels but 2x2 needs 4"), e.getMessage());
    }
}
