package io.framereel.storage.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.framereel.storage.PixelFormat;
import org.junit.jupiter.api.Test;

/** The frame index: entries across page boundaries, truncation, and the contiguity invariant. */
class FrameIndexTest {

    private static int bytesOf(int i) {
        return 1 + (i % 37);
    }

    @Test
    void keepsEveryEntryAcrossPageBoundaries() {
        FrameIndex ix = new FrameIndex(StreamFormat.V2_CHUNK_HEADER_BYTES);
        int n = 2 * FrameIndex.PAGE_SIZE + 10;
        long offset = 16;
        for (int i = 0; i < n; i++) {
            ix.append(offset, i % 1000, 1 + i % 640, 1 + i % 480, PixelFormat.values()[i % 12], bytesOf(i));
            offset = ix.chunkEnd(i);
        }
        assertEquals(n, ix.size());
        long expected = 16;
        for (int i = 0; i < n; i++) {
            assertEquals(expected, ix.chunkOffset(i), "frame " + i);
            assertEquals(expected + 32, ix.dataOffset(i));
            assertEquals(i % 1000, ix.elapsedMs(i));
            assertEquals(1 + i % 640, ix.width(i));
            assertEquals(1 + i % 480, ix.height(i));
            assertEquals(PixelFormat.values()[i % 12], ix.format(i));
            assertEquals(bytesOf(i), ix.payloadBytes(i));
            expected += 32 + bytesOf(i) + StreamFormat.padding(bytesOf(i));
        }
    }

    @Test
    void truncateThenAppendReusesTheSlots() {
        FrameIndex ix = new FrameIndex(StreamFormat.V1_CHUNK_HEADER_BYTES);
        ix.append(16, 1, 2, 2, PixelFormat.GRAYSCALE, 4);
        ix.append(ix.chunkEnd(0), 1, 2, 2, PixelFormat.GRAYSCALE, 4);
        ix.truncate(1);
        ix.append(ix.chunkEnd(0), 9, 3, 3, PixelFormat.RGB565, 18);
        assertEquals(2, ix.size());
        assertEquals(9, ix.elapsedMs(1));
        assertEquals(16 + 16 + 16 + 16 + 18 + 14, ix.chunkEnd(1));
        assertThrows(IndexOutOfBoundsException.class, () -> ix.width(2));
    }

    @Test
    void refusesAnEntryThatDoesNotStartWhereThePreviousEnds() {
        FrameIndex ix = new FrameIndex(StreamFormat.V2_CHUNK_HEADER_BYTES);
        ix.append(16, 1, 2, 2, PixelFormat.GRAYSCALE, 4);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ix.append(100, 1, 2, 2, PixelFormat.GRAYSCALE, 4));
        assertEquals("frame 1 starts at 100 but frame 0 ends at 64", e.getMessage());
    }
}
