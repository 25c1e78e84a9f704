package io.framereel.device.shm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framereel.storage.Image;
import io.framereel.storage.PixelFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

// Scope: the byte layout as docs/shared-frames.md specifies it, read back from the file with plain offsets (as a C
// reader would), and the same values through SharedFrameReader.
class RegionLayoutTest {
    @TempDir
    Path dir;

    /** The file's bytes as any other program sees them. */
    private static ByteBuffer bytesOf(Path file) throws IOException {
        return ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static int fourcc(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII)).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    @Test
    void theHeaderHoldsTheDocumentedFieldsAtTheDocumentedOffsets() throws Exception {
        Path file = dir.resolve("frames");
        RegionSpec spec = RegionSpec.of(RegionFormat.RGB565, 320, 240).withHeartbeatPeriod(Duration.ofMillis(500));
        try (SharedFrameWriter writer = SharedFrameWriter.create(file, spec)) {
            ByteBuffer b = bytesOf(file);
            assertEquals("FRMREEL1", new String(b.array(), 0, 8, StandardCharsets.US_ASCII));
            assertEquals(1, b.getInt(8), "layout version");
            assertEquals(4096, b.getInt(12), "header size");
            assertEquals(3, b.getInt(16), "slot count");
            assertEquals(64, b.getInt(20), "descriptor size");
            assertEquals(155_648, b.getLong(24), "slot size: 320x240x2 = 153600 rounded up to a page");
            assertEquals(320, b.getInt(32), "max width");
            assertEquals(240, b.getInt(36), "max height");
            assertEquals(fourcc("RGBP"), b.getInt(40), "region fourcc");
            assertEquals(0x0C030002, b.getInt(44), "region OpenMV pixformat");
            assertEquals(ProcessHandle.current().pid(), b.getLong(48), "writer pid");
            long heartbeat = b.getLong(56);
            assertTrue(Math.abs(System.nanoTime() - heartbeat) < 5_000_000_000L, "heartbeat on CLOCK_MONOTONIC");
            assertEquals(500_000_000L, b.getLong(64), "heartbeat period");
            assertEquals(0, b.getLong(72), "frame counter");
            assertEquals(-1, b.getLong(80), "latest slot: none yet");
            assertEquals(1, b.getLong(88), "writer state: running");
            assertEquals(4096 + 3 * 155_648, Files.size(file));
            assertEquals(Files.size(file), writer.region().layout().fileSize());
            byte[] reserved = Arrays.copyOfRange(b.array(), 96, 256);
            assertArrayEquals(new byte[reserved.length], reserved, "bytes 96..255 are reserved and zero");
        }
    }

    @Test
    void aPublishedFrameIsDescribedAtTheDocumentedOffsets() throws Exception {
        Path file = dir.resolve("frames");
        try (SharedFrameWriter writer = SharedFrameWriter.create(file, RegionSpec.of(RegionFormat.RGB565, 320, 240))) {
            Image frame = PatternFrames.frame(7).elapsedMs(33).timestampNanos(123_456_789L);
            assertEquals(1, writer.publish(frame));

            ByteBuffer b = bytesOf(file);
            int d = 256; // slot 0's descriptor
            assertEquals(2, b.getLong(d), "seq: even again after one write");
            assertEquals(1, b.getLong(d + 8), "frame number");
            assertEquals(123_456_789L, b.getLong(d + 16), "timestamp");
            assertEquals(frame.width(), b.getInt(d + 24));
            assertEquals(frame.height(), b.getInt(d + 28));
            assertEquals(frame.width() * 2, b.getInt(d + 32), "stride");
            assertEquals(frame.payloadBytes(), b.getInt(d + 36), "payload bytes");
            assertEquals(fourcc("RGBP"), b.getInt(d + 40));
            assertEquals(0x0C030002, b.getInt(d + 44), "stored pixformat");
            assertEquals(0x0C030002, b.getInt(d + 48), "source pixformat");
            assertEquals(33, b.getInt(d + 52), "elapsed ms");
            assertEquals(0, b.getLong(d + 56), "reserved");
            assertEquals(1, b.getLong(72), "frame counter");
            assertEquals(0, b.getLong(80), "latest slot");
            ByteBuffer slot = b.slice(4096, frame.payloadBytes());
            assertEquals(frame.payload(), slot.order(ByteOrder.LITTLE_ENDIAN), "slot 0's pixels start at the header size");
        }
    }

    @Test
    void theReaderSeesTheLayoutAndTheFrameTheWriterPublished() throws Exception {
        Path file = dir.resolve("frames");
        RegionSpec spec = RegionSpec.of(RegionFormat.XRGB8888, 200, 100).withSlots(4);
        try (SharedFrameWriter writer = SharedFrameWriter.create(file, spec);
                SharedFrameReader reader = SharedFrameReader.open(file)) {
            SharedFrameLayout layout = reader.layout();
            assertEquals(RegionFormat.XRGB8888, layout.format());
            assertEquals(200, layout.maxWidth());
            assertEquals(100, layout.maxHeight());
            assertEquals(4, layout.slotCount());
            assertEquals(81_920, layout.slotSize(), "200x100x4 = 80000 rounded up to a page");
            assertEquals(ProcessHandle.current().pid(), reader.writerPid());

            FrameCopy copy = reader.newFrameCopy();
            assertEquals(false, reader.readLatest(copy), "nothing published yet");
            Image gray = Image.allocate(3, 2, PixelFormat.GRAYSCALE, false);
            gray.payload().put(0, new byte[] {0, 64, (byte) 128, (byte) 192, (byte) 255, 1});
            writer.publish(gray.timestampNanos(42));

            assertTrue(reader.readLatest(copy));
            assertEquals(1, copy.frameNumber());
            assertEquals(42, copy.timestampNanos());
            assertEquals(3, copy.width());
            assertEquals(2, copy.height());
            assertEquals(12, copy.stride());
            assertEquals(24, copy.payloadBytes());
            assertEquals(fourcc("XR24"), copy.fourcc());
            assertEquals(0, copy.pixformat(), "XRGB8888 has no OpenMV code");
            assertEquals(PixelFormat.GRAYSCALE, copy.sourceFormat());
            assertEquals(-1, copy.elapsedMs(), "a live frame has no recorded interval");
            // XR24 is B, G, R, X in memory; X is 0xFF
            assertEquals(0xFF404040, copy.pixels().getInt(4));
            assertEquals(0xFFFFFFFF, copy.pixels().getInt(16));
            assertEquals(1, reader.framesPublished());
        }
    }

    @Test
    void eachFrameGoesIntoTheSlotAfterTheLatestRoundRobin() throws Exception {
        Path file = dir.resolve("frames");
        RegionSpec spec = RegionSpec.of(RegionFormat.RGB565, PatternFrames.MAX_WIDTH, PatternFrames.MAX_HEIGHT);
        try (SharedFrameWriter writer = SharedFrameWriter.create(file, spec);
                SharedFrameReader reader = SharedFrameReader.open(file)) {
            FrameCopy copy = reader.newFrameCopy();
            for (long n = 1; n <= 7; n++) {
                writer.publish(PatternFrames.frame(n));
                assertTrue(reader.readLatest(copy));
                assertEquals((n - 1) % 3, copy.slot(), "slot of frame " + n);
                assertEquals(n, copy.frameNumber());
                assertEquals(null, PatternFrames.problem(copy));
            }
            ByteBuffer b = bytesOf(file);
            assertEquals(6, b.getLong(256), "slot 0 written three times (frames 1, 4, 7): seq 2 per write");
            assertEquals(4, b.getLong(256 + 64), "slot 1 written twice");
            assertEquals(4, b.getLong(256 + 128), "slot 2 written twice");
        }
    }

    @Test
    void aRawRegionPassesThePayloadThroughAndNamesItsFormatPerSlot() throws Exception {
        Path file = dir.resolve("frames");
        try (SharedFrameWriter writer = SharedFrameWriter.create(file, RegionSpec.of(RegionFormat.RAW, 64, 48));
                SharedFrameReader reader = SharedFrameReader.open(file)) {
            ByteBuffer header = bytesOf(file);
            assertEquals(0, header.getInt(40), "a raw region has no single fourcc");
            assertEquals(0, header.getInt(44));
            assertEquals(8192, header.getLong(24), "64x48x2 = 6144 rounded up to a page");

            Image yuv = Image.allocate(64, 48, PixelFormat.YUV422, true);
            for (int i = 0; i < yuv.payloadBytes(); i++) {
                yuv.payload().put(i, (byte) (i * 13));
            }
            writer.publish(yuv);
            FrameCopy copy = reader.newFrameCopy();
            assertTrue(reader.readLatest(copy));
            assertEquals(fourcc("YUYV"), copy.fourcc());
            assertEquals(PixelFormat.YUV422.code(), copy.pixformat());
            assertEquals(128, copy.stride());
            assertEquals(yuv.payload(), copy.pixels());

            Image binary = Image.allocate(40, 3, PixelFormat.BINARY, false);
            writer.publish(binary);
            assertTrue(reader.readLatest(copy));
            assertEquals(0, copy.fourcc(), "V4L2 has no layout for OpenMV's BINARY rows");
            assertEquals(PixelFormat.BINARY.code(), copy.pixformat());
            assertEquals(8, copy.stride(), "40 bits padded to two 32-bit words");
        }
    }

    @Test
    void theFileIsGroupReadableAndNothingMore() throws Exception {
        Path file = dir.resolve("frames");
        try (SharedFrameWriter writer = SharedFrameWriter.create(file, RegionSpec.of(RegionFormat.RGB565, 16, 16))) {
            assertEquals(PosixFilePermissions.fromString("rw-r-----"), Files.getPosixFilePermissions(file));
            assertTrue(Files.isRegularFile(file));
            assertTrue(writer.region().isWritable());
        }
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void everySynchronisingFieldIsEightByteAligned() {
        int[] fields = {SharedFrameLayout.SLOT_SIZE_OFFSET, SharedFrameLayout.WRITER_PID_OFFSET,
            SharedFrameLayout.HEARTBEAT_OFFSET, SharedFrameLayout.HEARTBEAT_PERIOD_OFFSET,
            SharedFrameLayout.FRAME_COUNTER_OFFSET, SharedFrameLayout.LATEST_SLOT_OFFSET,
            SharedFrameLayout.WRITER_STATE_OFFSET, SharedFrameLayout.DESCRIPTORS_OFFSET + SharedFrameLayout.SEQ,
            SharedFrameLayout.DESCRIPTORS_OFFSET + SharedFrameLayout.FRAME_NUMBER,
            SharedFrameLayout.DESCRIPTORS_OFFSET + SharedFrameLayout.TIMESTAMP};
        for (int offset : fields) {
            assertEquals(0, offset % 8, "offset " + offset);
        }
        assertEquals(0, SharedFrameLayout.DESCRIPTOR_SIZE % 8);
    }

    @Test
    void theHeaderGrowsByWholePagesWithTheSlotCount() {
        assertEquals(4096, SharedFrameLayout.headerSizeFor(2));
        assertEquals(4096, SharedFrameLayout.headerSizeFor(60), "256 + 60 x 64 = 4096");
        assertEquals(8192, SharedFrameLayout.headerSizeFor(61));
        assertEquals(8192, SharedFrameLayout.headerSizeFor(SharedFrameLayout.MAX_SLOTS));
    }

    @Test
    void aNamedRegionLivesInDevShmWithTheFramereelPrefix() {
        assertEquals(Path.of("/dev/shm/framereel-replay"), SharedFrameRegion.inDevShm("replay"));
    }
}
