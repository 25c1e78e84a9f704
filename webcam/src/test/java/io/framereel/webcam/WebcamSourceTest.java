package io.framereel.webcam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.sarxos.webcam.Webcam;

import io.framereel.capture.source.CapturedFrame;
import io.framereel.capture.source.StreamShape;
import io.framereel.storage.PixelFormat;

import java.awt.Dimension;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

// Scope: a webcam-capture camera as a recorder source — its RGB24 frames stored as little-endian RGB565 with
// arrival timestamps and counted sequence numbers, read through buffer access or, without it, through images;
// the webcam opened and closed only by the source that opened it; failures ending the stream naming the webcam.
class WebcamSourceTest {
    /** Red, green, blue, white on the first row; black, mid grey, yellow, cyan on the second. */
    private static final int[] PICTURE = {0xFF0000, 0x00FF00, 0x0000FF, 0xFFFFFF, 0x000000, 0x808080, 0xFFFF00,
            0x00FFFF};
    /** The same as RGB565 values: 5-6-5 bits, each channel truncated. */
    private static final int[] RGB565 = {0xF800, 0x07E0, 0x001F, 0xFFFF, 0x0000, 0x8410, 0xFFE0, 0x07FF};

    @AfterEach
    void forgetTheDriver() {
        Webcam.resetDriver(); // also disposes the webcams it made
    }

    private static Webcam webcamOf(InMemoryWebcamDriver.ImageDevice device) {
        Webcam.setDriver(new InMemoryWebcamDriver(device));
        Webcam webcam = Webcam.getWebcams().get(0);
        webcam.getLock().disable(); // no lock file in java.io.tmpdir
        return webcam;
    }

    private static InMemoryWebcamDriver.BufferDevice bufferDevice() {
        return new InMemoryWebcamDriver.BufferDevice("memory cam", 4, 2, PICTURE);
    }

    private static int[] rgb565(ByteBuffer slot, int pixels) {
        int[] values = new int[pixels];
        for (int i = 0; i < pixels; i++) {
            values[i] = (slot.get(2 * i) & 0xFF) | (slot.get(2 * i + 1) & 0xFF) << 8;
        }
        return values;
    }

    @Test
    void startOpensTheWebcamAndDescribesRgb565Frames() throws IOException {
        InMemoryWebcamDriver.BufferDevice device = bufferDevice();
        try (WebcamSource source = new WebcamSource(webcamOf(device))) {
            StreamShape shape = source.start();
            assertTrue(device.isOpen());
            assertEquals(new StreamShape(4, 2, PixelFormat.RGB565, 16, 0,
                    "webcam-capture memory cam (BufferDevice) 4x2 RGB24 -> RGB565 (converted)"), shape);
        }
        assertFalse(device.isOpen(), "closed by the source that opened it");
    }

    @Test
    void framesArriveAsLittleEndianRgb565WithArrivalTimesAndCountedSequences() throws IOException {
        try (WebcamSource source = new WebcamSource(webcamOf(bufferDevice()))) {
            source.start();
            ByteBuffer slot = ByteBuffer.allocateDirect(16);
            CapturedFrame frame = new CapturedFrame();
            for (long expectedSequence = 0; expectedSequence < 3; expectedSequence++) {
                long before = System.nanoTime();
                assertTrue(source.next(slot, frame, 100));
                assertEquals(16, frame.bytes);
                assertEquals(expectedSequence, frame.sequence);
                assertTrue(frame.timestampNanos >= before && frame.timestampNanos <= System.nanoTime());
                assertEquals(Arrays.toString(RGB565), Arrays.toString(rgb565(slot, 8)));
            }
            assertEquals(0, slot.get(0), "red's low byte first");
            assertEquals((byte) 0xF8, slot.get(1));
            assertEquals(0, source.droppedFrames());
        }
    }

    @Test
    void readsFromTheStartWhetherOrNotTheDriverMovesThePosition() throws IOException {
        InMemoryWebcamDriver.BufferDevice device = bufferDevice();
        device.movesPosition = true;
        try (WebcamSource source = new WebcamSource(webcamOf(device))) {
            source.start();
            ByteBuffer slot = ByteBuffer.allocateDirect(16);
            CapturedFrame frame = new CapturedFrame();
            source.next(slot, frame, 100);
            source.next(slot, frame, 100);
            assertEquals(Arrays.toString(RGB565), Arrays.toString(rgb565(slot, 8)));
        }
    }

    @Test
    void withoutASlotTheFrameIsStillTakenFromTheWebcam() throws IOException {
        InMemoryWebcamDriver.BufferDevice device = bufferDevice();
        try (WebcamSource source = new WebcamSource(webcamOf(device))) {
            source.start();
            CapturedFrame frame = new CapturedFrame();
            assertTrue(source.next(null, frame, 100));
            assertEquals(0, frame.bytes);
            assertEquals(0, frame.sequence);
            assertEquals(1, device.reads);
        }
    }

    @Test
    void aCameraWithoutBufferAccessIsReadThroughItsImages() throws IOException {
        InMemoryWebcamDriver.ImageDevice device = new InMemoryWebcamDriver.ImageDevice("image cam", 4, 2, PICTURE);
        try (WebcamSource source = new WebcamSource(webcamOf(device))) {
            assertTrue(source.start().description().contains("BufferedImage -> RGB565"));
            ByteBuffer slot = ByteBuffer.allocateDirect(16);
            source.next(slot, new CapturedFrame(), 100);
            assertEquals(Arrays.toString(RGB565), Arrays.toString(rgb565(slot, 8)));
        }
    }

    @Test
    void aRequestedSizeIsSetBeforeOpening() throws IOException {
        InMemoryWebcamDriver.BufferDevice device = bufferDevice();
        try (WebcamSource source = new WebcamSource(webcamOf(device), new Dimension(2, 1))) {
            StreamShape shape = source.start();
            assertEquals(2, shape.width());
            assertEquals(1, shape.height());
            ByteBuffer slot = ByteBuffer.allocateDirect(4);
            source.next(slot, new CapturedFrame(), 100);
            assertEquals("[63488, 2016]", Arrays.toString(rgb565(slot, 2)));
        }
    }

    @Test
    void aWebcamOpenBeforeStaysOpenAfterTheSource() throws IOException {
        InMemoryWebcamDriver.BufferDevice device = bufferDevice();
        Webcam webcam = webcamOf(device);
        webcam.open();
        try (WebcamSource source = new WebcamSource(webcam)) {
            source.start();
        }
        assertTrue(webcam.isOpen());
        assertTrue(device.isOpen());
    }

    @Test
    void aWebcamThatCannotOpenFailsStartNamingIt() {
        InMemoryWebcamDriver.BufferDevice device = bufferDevice();
        device.failOpen = InMemoryWebcamDriver.failure("device busy");
        WebcamSource source = new WebcamSource(webcamOf(device));
        IOException e = assertThrows(IOException.class, source::start);
        assertEquals("memory cam: cannot open: device busy", e.getMessage());
    }

    @Test
    void aFailingReadEndsTheStreamNamingTheWebcam() throws IOException {
        InMemoryWebcamDriver.BufferDevice device = bufferDevice();
        try (WebcamSource source = new WebcamSource(webcamOf(device))) {
            source.start();
            device.failRead = InMemoryWebcamDriver.failure("sensor unplugged");
            IOException e = assertThrows(IOException.class,
                    () -> source.next(ByteBuffer.allocateDirect(16), new CapturedFrame(), 100));
            assertEquals("memory cam: sensor unplugged", e.getMessage());
        }
    }

    @Test
    void aWebcamClosedUnderneathEndsTheStream() throws IOException {
        Webcam webcam = webcamOf(bufferDevice());
        try (WebcamSource source = new WebcamSource(webcam)) {
            source.start();
            webcam.close();
            IOException e = assertThrows(IOException.class,
                    () -> source.next(ByteBuffer.allocateDirect(16), new CapturedFrame(), 100));
            assertEquals("memory cam: the webcam was closed while recording", e.getMessage());
        }
    }

    @Test
    void aSlotTooSmallIsTheCallersBug() throws IOException {
        try (WebcamSource source = new WebcamSource(webcamOf(bufferDevice()))) {
            source.start();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> source.next(ByteBuffer.allocateDirect(15), new CapturedFrame(), 100));
            assertEquals("destination holds 15 bytes, a 4x2 RGB565 frame needs 16", e.getMessage());
        }
    }
}
