package io.framereel.storage.pixel;

import static io.framereel.storage.pixel.TestFrames.convert;
import static io.framereel.storage.pixel.TestFrames.image;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framereel.storage.Image;
import io.framereel.storage.PixelFormat;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

// Scope: ArgbConverter on BINARY, GRAYSCALE, RGB565 and ARGB8 frames, plus the converter's common contract.
class DirectConverterTest {
    private static final int BLACK = 0xFF000000;
    private static final int WHITE = 0xFFFFFFFF;

    @Test
    void binaryRowsAreWordPaddedAndBitsAreLsbFirst() {
        // 33 pixels need two 32-bit words: an 8-byte row stride.
        byte[] data = new byte[16];
        data[0] = 0x01;            // row 0, x=0
        data[1] = 0x02;            // row 0, x=9
        data[4] = (byte) 0xFF;     // row 0, x=32 (bits 1..7 are row padding)
        data[5] = (byte) 0xFF;     // padding
        data[8 + 3] = (byte) 0x80; // row 1, x=31
        int[] argb = convert(image(33, 2, PixelFormat.BINARY, data));

        int[] expected = new int[66];
        Arrays.fill(expected, BLACK);
        expected[0] = WHITE;
        expected[9] = WHITE;
        expected[32] = WHITE;
        expected[33 + 31] = WHITE;
        assertArrayEquals(expected, argb);
    }

    @Test
    void grayscaleLevelsBecomeEqualChannels() {
        int[] argb = convert(image(3, 1, PixelFormat.GRAYSCALE, new byte[] {0, (byte) 0x80, (byte) 0xFF}));
        assertArrayEquals(new int[] {BLACK, 0xFF808080, WHITE}, argb);
    }

    @Test
    void rgb565IsLittleEndianAndExpandsByBitReplication() {
        int[] values = {0xF800, 0x07E0, 0x001F, 0xFFFF, 0x0000, 0x8410, 0x0841};
        byte[] data = new byte[values.length * 2];
        for (int i = 0; i < values.length; i++) {
            data[2 * i] = (byte) values[i];
            data[2 * i + 1] = (byte) (values[i] >>> 8);
        }
        int[] argb = convert(image(values.length, 1, PixelFormat.RGB565, data));
        // 0x8410 = r16 g32 b16 -> 132,130,132; 0x0841 = r1 g2 b1 -> 8,8,8
        assertArrayEquals(new int[] {0xFFFF0000, 0xFF00FF00, 0xFF0000FF, WHITE, BLACK, 0xFF848284, 0xFF080808}, argb);
    }

    @Test
    void rgb565IgnoresTheBufferByteOrderSetting() {
        ByteBuffer payload = ByteBuffer.wrap(new byte[] {0x00, (byte) 0xF8}).order(java.nio.ByteOrder.BIG_ENDIAN);
        int[] argb = convert(Image.of(1, 1, PixelFormat.RGB565, payload));
        assertEquals(0xFFFF0000, argb[0]);
    }

    @Test
    void argb8FramesHaveNoPayloadAndRenderBlack() {
        int[] argb = new int[12];
        Arrays.fill(argb, 0x12345678);
        ArgbConverter.convert(image(4, 3, PixelFormat.ARGB8, new byte[0]), argb);
        int[] expected = new int[12];
        Arrays.fill(expected, BLACK);
        assertArrayEquals(expected, argb);
    }

    @Test
    void leavesThePayloadPositionAndLimitUntouched() {
        Image gray = image(2, 2, PixelFormat.GRAYSCALE, new byte[] {1, 2, 3, 4});
        int position = gray.payload().position();
        int limit = gray.payload().limit();
        int[] argb = convert(gray);
        assertEquals(position, gray.payload().position());
        assertEquals(limit, gray.payload().limit());
        assertEquals(0xFF010101, argb[0], "reads from the payload position, not index 0");
        assertEquals(0xFF040404, argb[3]);
    }

    @Test
    void writesOnlyTheFramePixelsIntoALargerArray() {
        int[] argb = new int[6];
        Arrays.fill(argb, 7);
        ArgbConverter.convert(image(2, 2, PixelFormat.GRAYSCALE, new byte[] {0, 0, 0, 0}), argb);
        assertArrayEquals(new int[] {BLACK, BLACK, BLACK, BLACK, 7, 7}, argb);
    }

    @Test
    void rejectsADestinationSmallerThanTheFrame() {
        Image gray = image(4, 3, PixelFormat.GRAYSCALE, new byte[12]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ArgbConverter.convert(gray, new int[11]));
        assertTrue(e.getMessage().contains("dst holds 11 pixels"), e.getMessage());
        assertTrue(e.getMessage().contains("4x3 frame needs 12"), e.getMessage());
    }

    @Test
    void rawFormatsAllocateNothingPerCall() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        int width = 33;
        int height = 9;
        int[] argb = new int[width * height];
        for (PixelFormat format : PixelFormat.values()) {
            if (format.isCompressed()) {
                continue;
            }
            Image frame = Image.allocate(width, height, format, format.ordinal() % 2 == 0);
            for (int i = 0; i < 20_000; i++) {
                ArgbConverter.convert(frame, argb);
            }
            long thread = Thread.currentThread().getId();
            long before = threads.getThreadAllocatedBytes(thread);
            for (int i = 0; i < 1_000; i++) {
                ArgbConverter.convert(frame, argb);
            }
            long allocated = threads.getThreadAllocatedBytes(thread) - before;
            assertTrue(allocated < 1_000, format + " allocated " + allocated + " bytes in 1000 conversions");
        }
    }
}
