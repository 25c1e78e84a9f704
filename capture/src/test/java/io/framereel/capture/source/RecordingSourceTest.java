package io.framereel.capture.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framereel.storage.Image;
import io.framereel.storage.ImageIO;
import io.framereel.storage.ImageIOException;
import io.framereel.storage.PixelFormat;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A recording played as a camera: its frames, sizes and intervals, in a loop, copied or lent. */
class RecordingSourceTest {
    private static final int W = 32;
    private static final int H = 16;

    @TempDir
    Path dir;

    /** Frame {@code n}'s size in the recordings written here: MJPEG-like, different frame to frame. */
    private static int sizeOf(int n) {
        return 8 * (4 + n * 3);
    }

    /** A recording of {@code frames} frames of their own sizes, every 8-byte word the frame's number. */
    private Path mjpegRecording(int frames, int intervalMs) throws IOException {
        Path file = dir.resolve("webcam.bin");
        try (ImageIO out = ImageIO.open(file, "w")) {
            for (int n = 0; n < frames; n++) {
                ByteBuffer payload = ByteBuffer.allocate(sizeOf(n)).order(ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i < payload.capacity(); i += 8) {
                    payload.putLong(i, n);
                }
                out.write(Image.of(W, H, PixelFormat.JPEG, payload).elapsedMs(n == 0 ? 0 : intervalMs));
            }
        }
        return file;
    }

    private static long number(ByteBuffer frame, int bytes) {
        ByteBuffer b = frame.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        long n = b.getLong(b.position());
        for (int i = 0; i < bytes; i += 8) {
            assertEquals(n, b.getLong(b.position() + i), "word at " + i);
        }
        return n;
    }

    @Test
    void playsEveryFrameAtItsOwnSizeAndRecordedIntervalThenLoops() throws IOException {
        RecordingSource source = new RecordingSource(mjpegRecording(5, 20), Optional.empty(), Optional.empty(),
                Optional.empty());
        StreamShape shape = source.start();
        assertEquals(PixelFormat.JPEG, shape.format());
        assertEquals(Math.max(sizeOf(4), 2 * W * H), shape.maxFrameBytes(), "announced as a UVC camera would");
        assertEquals(50.0, shape.framesPerSecond(), 1e-9);
        ByteBuffer slot = ByteBuffer.allocateDirect(shape.maxFrameBytes());
        CapturedFrame frame = new CapturedFrame();
        long lastTimestamp = 0;
        long lastSequence = -1;
        for (int k = 0; k < 12; k++) {
            assertTrue(source.next(slot, frame, 1000));
            // on a busy machine a frame may be skipped (and counted), as a camera would; the sequence shows it
            int n = (int) (frame.sequence % 5);
            assertEquals(sizeOf(n), frame.bytes, "frame " + k);
            assertEquals(n, number(slot, frame.bytes));
            if (k > 0) {
                assertEquals(20_000_000L * (frame.sequence - lastSequence), frame.timestampNanos - lastTimestamp,
                        "20 ms apart, across the loop too");
            }
            lastTimestamp = frame.timestampNanos;
            lastSequence = frame.sequence;
        }
        assertEquals(lastSequence - 11, source.droppedFrames(), "every frame not delivered is counted");
        source.close();
    }

    @Test
    void aFrameLentAgainWhileStillOutGetsAViewOfItsOwn() throws IOException {
        // a one-frame recording at 1000 fps: the same frame comes round while the writer still holds it
        RecordingSource source = new RecordingSource(mjpegRecording(1, 0), Optional.empty(), Optional.empty(),
                Optional.of(1000.0));
        source.start();
        CapturedFrame a = new CapturedFrame();
        CapturedFrame b = new CapturedFrame();
        assertTrue(source.lend(a, 1000));
        a.lent.position(16); // the writer half-way through a gathering write of loan a
        assertTrue(source.lend(b, 1000));
        assertEquals(16, a.lent.position(), "lending the frame again left loan a alone");
        assertEquals(0, b.lent.position());
        assertEquals(sizeOf(0), b.lent.limit());
        source.giveBack(a.loan);
        source.giveBack(b.loan);
        IllegalStateException twice = assertThrows(IllegalStateException.class, () -> source.giveBack(a.loan));
        assertTrue(twice.getMessage().contains("given back more often than it was lent"), twice.getMessage());
        source.close();
    }

    @Test
    void aRateOutsideWhatACameraCouldHaveIsRefused() throws IOException {
        Path file = mjpegRecording(2, 10);
        for (double fps : new double[] {-1, 0, 1e9, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new RecordingSource(file, Optional.empty(), Optional.empty(), Optional.of(fps)));
            assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
            assertTrue(e.getMessage().contains("(was " + fps + ")"), e.getMessage());
        }
    }

    @Test
    void aRecordingTooLargeToMapIsCopiedWithPositionalReads() throws IOException {
        RecordingSource source = new RecordingSource(mjpegRecording(5, 5), Optional.empty(), Optional.empty(),
                Optional.empty(), 0);
        StreamShape shape = source.start();
        assertEquals(0, source.lendableFrames(), "copied, not lent");
        assertThrows(UnsupportedOperationException.class, () -> source.lend(new CapturedFrame(), 10));
        ByteBuffer slot = ByteBuffer.allocateDirect(shape.maxFrameBytes());
        CapturedFrame frame = new CapturedFrame();
        for (int k = 0; k < 8; k++) {
            assertTrue(source.next(slot, frame, 1000));
            int n = (int) (frame.sequence % 5);
            assertEquals(sizeOf(n), frame.bytes);
            assertEquals(n, number(slot, frame.bytes));
        }
        source.close();
    }

    @Test
    void lendsFramesStraightFromTheMappedFileAndAllocatesNothingAfterOneLoop() throws IOException {
        RecordingSource source = new RecordingSource(mjpegRecording(6, 1), Optional.of(PixelFormat.JPEG),
                Optional.of(new int[] {W, H}), Optional.of(1000.0));
        source.start();
        assertTrue(source.lendableFrames() > 2);
        CapturedFrame frame = new CapturedFrame();
        for (int k = 0; k < 100; k++) {
            assertTrue(source.lend(frame, 1000));
            assertTrue(frame.lent.isReadOnly());
            assertEquals(0, frame.lent.position());
            assertEquals(frame.bytes, frame.lent.limit());
            assertEquals(frame.sequence % 6, number(frame.lent, frame.bytes), "skipped frames are counted in the sequence");
            source.giveBack(frame.loan);
        }
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
        long lent = 0;
        for (int k = 0; k < 400; k++) {
            if (source.lend(frame, 1000)) {
                lent += frame.bytes;
                source.giveBack(frame.loan);
            }
        }
        long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
        assertTrue(allocated < 1_000, allocated + " bytes allocated in 400 loans");
        assertTrue(lent > 0);
        source.close();
    }

    @Test
    void framesWhoseTimeHasPassedAreSkippedAndCountedAsACameraDoes() throws Exception {
        RecordingSource source = new RecordingSource(mjpegRecording(4, 10), Optional.empty(), Optional.empty(),
                Optional.empty());
        source.start();
        ByteBuffer slot = ByteBuffer.allocateDirect(sizeOf(3));
        CapturedFrame frame = new CapturedFrame();
        assertTrue(source.next(slot, frame, 1000));
        Thread.sleep(100); // about ten frames' time
        assertTrue(source.next(slot, frame, 1000));
        assertTrue(source.droppedFrames() >= 5, source.droppedFrames() + " dropped");
        assertEquals(source.droppedFrames() + 1, frame.sequence, "the sequence counts the skipped frames");
        assertEquals(frame.sequence % 4, number(slot, frame.bytes));
        source.close();
    }

    @Test
    void aRecordingWhoseFramesChangeShapeIsRefusedNamingTheFrame() throws IOException {
        Path file = dir.resolve("mixed.bin");
        try (ImageIO out = ImageIO.open(file, "w")) {
            out.write(Image.allocate(W, H, PixelFormat.GRAYSCALE, false));
            out.write(Image.allocate(W, H, PixelFormat.GRAYSCALE, false));
            out.write(Image.allocate(W * 2, H, PixelFormat.GRAYSCALE, false));
        }
        RecordingSource source = new RecordingSource(file, Optional.empty(), Optional.empty(), Optional.empty());
        ImageIOException e = assertThrows(ImageIOException.class, source::start);
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("frame 2"), e.getMessage());
        assertTrue(e.getMessage().contains("64x16 GRAYSCALE, the first is 32x16 GRAYSCALE"), e.getMessage());
    }

    @Test
    void aFormatOrSizeTheRecordingDoesNotHoldIsRefused() throws IOException {
        Path file = mjpegRecording(2, 10);
        ImageIOException format = assertThrows(ImageIOException.class, () -> new RecordingSource(file,
                Optional.of(PixelFormat.YUV422), Optional.empty(), Optional.empty()).start());
        assertTrue(format.getMessage().contains("holds JPEG frames, not YUV422"), format.getMessage());
        ImageIOException size = assertThrows(ImageIOException.class, () -> new RecordingSource(file,
                Optional.empty(), Optional.of(new int[] {640, 480}), Optional.empty()).start());
        assertTrue(size.getMessage().contains("holds 32x16 frames, not 640x480"), size.getMessage());
    }

    @Test
    void anEmptyRecordingIsRefused() throws IOException {
        Path file = dir.resolve("empty.bin");
        ImageIO.open(file, "w").close();
        ImageIOException e = assertThrows(ImageIOException.class, () -> new RecordingSource(file, Optional.empty(),
                Optional.empty(), Optional.empty()).start());
        assertTrue(e.getMessage().contains("has no frames"), e.getMessage());
        assertFalse(e.getMessage().isEmpty());
    }
}
