package io.framereel.storage.memory;

import static io.framereel.storage.TestImages.random;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framereel.storage.EndOfStreamException;
import io.framereel.storage.Image;
import io.framereel.storage.ImageIO;
import io.framereel.storage.ImageIOException;
import io.framereel.storage.PixelFormat;
import org.junit.jupiter.api.Test;

/** Memory streams: OpenMV's pre-allocated slots, sizing, EOF at the end, and frames that do not fit. */
class MemoryStreamTest {

    @Test
    void slotsAreSizedLikeOpenMvAndSizeIsBufferSizeTimesCount() throws Exception {
        try (ImageIO io = ImageIO.memory(320, 240, PixelFormat.RGB565, 5)) {
            assertEquals(ImageIO.MEMORY_STREAM, io.type());
            assertEquals(153600, io.bufferSize().getAsInt());
            assertEquals(5, io.count());
            assertEquals(io.bufferSize().getAsInt() * (long) io.count(), io.size());
            assertFalse(io.version().isPresent());
        }
        try (ImageIO io = ImageIO.memory(320, 240, PixelFormat.JPEG, 3)) {
            assertEquals(19200, io.bufferSize().getAsInt());
        }
    }

    @Test
    void writesThenReadsEverySlotBack() throws Exception {
        try (ImageIO io = ImageIO.memory(16, 8, PixelFormat.RGB565, 4)) {
            Image[] frames = new Image[4];
            for (int i = 0; i < 4; i++) {
                frames[i] = random(i, 16, 8, PixelFormat.RGB565, 0, i % 2 == 0).elapsedMs(10 + i);
                assertSame(io, io.write(frames[i]));
            }
            assertEquals(4, io.offset());
            io.seek(0);
            for (int i = 0; i < 4; i++) {
                Image back = io.read(i % 2 == 0, true, false);
                assertTrue(back.samePixels(frames[i]), "slot " + i);
                assertEquals(10 + i, back.elapsedMs());
            }
        }
    }

    @Test
    void slotsHoldAnyFormatThatFits() throws Exception {
        try (ImageIO io = ImageIO.memory(16, 16, PixelFormat.RGB565, 3)) {
            Image gray = random(1, 20, 20, PixelFormat.GRAYSCALE, 0, false);
            Image jpeg = random(2, 64, 64, PixelFormat.JPEG, 300, false);
            io.write(gray).write(jpeg);
            io.seek(0);
            assertTrue(io.read(false, false, false).samePixels(gray));
            assertTrue(io.read(false, false, false).samePixels(jpeg));
        }
    }

    @Test
    void readAndWriteAtTheEndRaiseEndOfStreamEvenWhenLooping() throws Exception {
        try (ImageIO io = ImageIO.memory(4, 4, PixelFormat.GRAYSCALE, 2)) {
            io.write(random(1, 4, 4, PixelFormat.GRAYSCALE, 0, false)).write(random(2, 4, 4, PixelFormat.GRAYSCALE, 0, false));
            EndOfStreamException w = assertThrows(EndOfStreamException.class,
                    () -> io.write(random(3, 4, 4, PixelFormat.GRAYSCALE, 0, false)));
            assertTrue(w.getMessage().contains("seek(0)"), w.getMessage());
            assertThrows(EndOfStreamException.class, () -> io.read(true, true, false));
            assertThrows(EndOfStreamException.class, () -> io.seek(2));
        }
    }

    @Test
    void aFrameThatDoesNotFitIsAClearError() throws Exception {
        try (ImageIO io = ImageIO.memory(8, 8, PixelFormat.GRAYSCALE, 2)) {
            ImageIOException e = assertThrows(ImageIOException.class,
                    () -> io.write(random(1, 8, 8, PixelFormat.RGB565, 0, false)));
            assertTrue(e.getMessage().contains("128 bytes does not fit the 64-byte slot"), e.getMessage());
            assertTrue(e.getMessage().contains("frame 0"), e.getMessage());
            assertEquals(0, io.offset());
        }
    }

    @Test
    void readingANeverWrittenSlotIsAnError() throws Exception {
        try (ImageIO io = ImageIO.memory(8, 8, PixelFormat.GRAYSCALE, 2)) {
            assertTrue(assertThrows(ImageIOException.class, () -> io.read()).getMessage().contains("never written"));
        }
    }

    @Test
    void closedStreamsRefuseUse() throws Exception {
        ImageIO io = ImageIO.memory(8, 8, PixelFormat.GRAYSCALE, 2);
        io.close();
        io.close();
        assertTrue(io.isClosed());
        assertTrue(assertThrows(ImageIOException.class, () -> io.write(random(1, 8, 8, PixelFormat.GRAYSCALE, 0, false)))
                .getMessage().contains("closed"));
        assertThrows(ImageIOException.class, () -> io.read());
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(ImageIOException.class, () -> ImageIO.memory(0, 8, PixelFormat.GRAYSCALE, 2));
        assertThrows(ImageIOException.class, () -> ImageIO.memory(8, 8, PixelFormat.GRAYSCALE, 0));
    }
}
