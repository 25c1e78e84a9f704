package io.framereel.device.shm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framereel.storage.Image;
import io.framereel.storage.PixelFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

// Scope: a reader refuses a file that is not a sound region with an error naming the file and the offset of the
// field at fault, and never reads outside a slot whatever a descriptor says; a writer refuses frames the region
// cannot hold and refuses to replace files that are not its to replace.
class BadRegionTest {
    @TempDir
    Path dir;

    /** A valid, closed region with one frame: the starting point every damage is applied to. */
    private Path region() throws IOException {
        Path file = dir.resolve("frames");
        try (SharedFrameWriter writer = SharedFrameWriter.create(file,
                RegionSpec.of(RegionFormat.RGB565, PatternFrames.MAX_WIDTH, PatternFrames.MAX_HEIGHT))) {
            writer.publish(PatternFrames.frame(1));
        }
        return file;
    }

    private static void patch(Path file, long offset, ByteBuffer bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.write(bytes, offset);
        }
    }

    private static void patchInt(Path file, long offset, int value) throws IOException {
        patch(file, offset, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, value));
    }

    private static void patchLong(Path file, long offset, long value) throws IOException {
        patch(file, offset, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, value));
    }

    private static SharedFrameException openFails(Path file, long offset, String... words) {
        SharedFrameException e = assertThrows(SharedFrameException.class, () -> SharedFrameReader.open(file));
        assertEquals(offset, e.byteOffset(), e.getMessage());
        assertEquals(file, e.path());
        assertTrue(e.getMessage().startsWith(file.toString()), "the message names the file: " + e.getMessage());
        for (String word : words) {
            assertTrue(e.getMessage().contains(word), "'" + word + "' in: " + e.getMessage());
        }
        return e;
    }

    @Test
    void aWrongMagicIsNotARegion() throws Exception {
        Path file = region();
        patch(file, 0, ByteBuffer.wrap("OMV IMG ".getBytes(StandardCharsets.US_ASCII)));
        openFails(file, 0, "not a framereel shared frame region", "\"OMV IMG \"", "FRMREEL1");
    }

    @Test
    void anUnknownLayoutVersionIsRefused() throws Exception {
        Path file = region();
        patchInt(file, SharedFrameLayout.VERSION_OFFSET, 2);
        openFails(file, SharedFrameLayout.VERSION_OFFSET, "layout version 2");
    }

    @Test
    void aTruncatedFileIsRefusedBeforeAnySlotIsRead() throws Exception {
        Path file = region();
        long full = Files.size(file);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(full - 1);
        }
        openFails(file, SharedFrameLayout.SLOT_SIZE_OFFSET, "need " + full + " bytes", "only " + (full - 1),
                "truncated");
    }

    @Test
    void aFileShorterThanAHeaderIsRefused() throws Exception {
        Path file = dir.resolve("short");
        Files.write(file, "FRMREEL1".getBytes(StandardCharsets.US_ASCII));
        openFails(file, 8, "ends after 8 bytes");
        Path empty = Files.createFile(dir.resolve("empty"));
        openFails(empty, 0, "ends after 0 bytes");
    }

    @Test
    void anAbsurdSlotCountIsRefused() throws Exception {
        Path file = region();
        patchInt(file, SharedFrameLayout.SLOT_COUNT_OFFSET, 1_000_000);
        openFails(file, SharedFrameLayout.SLOT_COUNT_OFFSET, "slot count 1000000", "2..64");
        patchInt(file, SharedFrameLayout.SLOT_COUNT_OFFSET, 1);
        openFails(file, SharedFrameLayout.SLOT_COUNT_OFFSET, "slot count 1 ");
        patchInt(file, SharedFrameLayout.SLOT_COUNT_OFFSET, -1);
        openFails(file, SharedFrameLayout.SLOT_COUNT_OFFSET, "slot count 4294967295");
    }

    @Test
    void anAbsurdSlotSizeIsRefused() throws Exception {
        Path file = region();
        patchLong(file, SharedFrameLayout.SLOT_SIZE_OFFSET, 1L << 40);
        openFails(file, SharedFrameLayout.SLOT_SIZE_OFFSET, "slot size 1099511627776");
        patchLong(file, SharedFrameLayout.SLOT_SIZE_OFFSET, -4096);
        openFails(file, SharedFrameLayout.SLOT_SIZE_OFFSET, "slot size 18446744073709547520");
        patchLong(file, SharedFrameLayout.SLOT_SIZE_OFFSET, 4096);
        openFails(file, SharedFrameLayout.SLOT_SIZE_OFFSET, "cannot hold a 128x64 RGB565 frame");
    }

    @Test
    void aHeaderSizeThatDisagreesWithTheSlotCountIsRefused() throws Exception {
        Path file = region();
        patchInt(file, SharedFrameLayout.HEADER_SIZE_OFFSET, 100);
        openFails(file, SharedFrameLayout.HEADER_SIZE_OFFSET, "header size 100");
    }

    @Test
    void aZeroOrHugeMaximumGeometryIsRefused() throws Exception {
        Path file = region();
        patchInt(file, SharedFrameLayout.MAX_HEIGHT_OFFSET, 0);
        openFails(file, SharedFrameLayout.MAX_HEIGHT_OFFSET, "maximum height 0");
        patchInt(file, SharedFrameLayout.MAX_HEIGHT_OFFSET, 64);
        patchInt(file, SharedFrameLayout.MAX_WIDTH_OFFSET, 1 << 20);
        openFails(file, SharedFrameLayout.MAX_WIDTH_OFFSET, "maximum width 1048576");
    }

    @Test
    void anUnknownRegionFormatIsRefused() throws Exception {
        Path file = region();
        patchInt(file, SharedFrameLayout.REGION_FOURCC_OFFSET, Fourcc.of("YUYV"));
        openFails(file, SharedFrameLayout.REGION_FOURCC_OFFSET, "region format YUYV");
    }

    @Test
    void anUnknownWriterStateIsRefused() throws Exception {
        Path file = region();
        patchLong(file, SharedFrameLayout.WRITER_STATE_OFFSET, 7);
        openFails(file, SharedFrameLayout.WRITER_STATE_OFFSET, "writer state 7");
    }

    @Test
    void somethingOtherThanARegularFileIsRefused() throws Exception {
        SharedFrameException e = assertThrows(SharedFrameException.class, () -> SharedFrameReader.open(dir));
        assertTrue(e.getMessage().contains("not a regular file (a directory)"), e.getMessage());
    }

    @Test
    void aLatestSlotOutsideTheSlotsIsDamage() throws Exception {
        Path file = region();
        patchLong(file, SharedFrameLayout.LATEST_SLOT_OFFSET, 3);
        try (SharedFrameReader reader = SharedFrameReader.open(file)) {
            SharedFrameException e = assertThrows(SharedFrameException.class,
                    () -> reader.readLatest(reader.newFrameCopy()));
            assertEquals(SharedFrameLayout.LATEST_SLOT_OFFSET, e.byteOffset());
            assertTrue(e.getMessage().contains("latest slot 3 is not one of the 3 slots"), e.getMessage());
        }
    }

    @Test
    void aDescriptorClaimingMoreThanTheSlotIsNeverCopied() throws Exception {
        Path file = region();
        int payload = SharedFrameLayout.DESCRIPTORS_OFFSET + SharedFrameLayout.PAYLOAD_BYTES;
        patchInt(file, payload, -1);
        try (SharedFrameReader reader = SharedFrameReader.open(file)) {
            SharedFrameException e = assertThrows(SharedFrameException.class,
                    () -> reader.readLatest(reader.newFrameCopy()));
            assertEquals(payload, e.byteOffset());
            assertTrue(e.getMessage().contains("slot 0: payload of 4294967295 bytes exceeds the 16384-byte slot"),
                    e.getMessage());
        }
    }

    @Test
    void aDescriptorLargerThanTheRegionIsDamage() throws Exception {
        Path file = region();
        int width = SharedFrameLayout.DESCRIPTORS_OFFSET + SharedFrameLayout.WIDTH;
        patchInt(file, width, 129);
        try (SharedFrameReader reader = SharedFrameReader.open(file)) {
            SharedFrameException e = assertThrows(SharedFrameException.class,
                    () -> reader.readLatest(reader.newFrameCopy()));
            assertEquals(width, e.byteOffset());
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aLatestSlotLeftMidWriteIsReportedNotWaitedOnForever() throws Exception {
        Path file = region();
        int seq = SharedFrameLayout.DESCRIPTORS_OFFSET + SharedFrameLayout.SEQ;
        patchLong(file, seq, 3); // odd: "being written", and the protocol never leaves the latest slot so
        try (SharedFrameReader reader = SharedFrameReader.open(file)) {
            SharedFrameException e = assertThrows(SharedFrameException.class,
                    () -> reader.readLatest(reader.newFrameCopy()));
            assertEquals(seq, e.byteOffset());
            assertTrue(e.getMessage().contains("did not settle within 1000 ms"), e.getMessage());
        }
    }

    @Test
    void aFrameLargerThanTheRegionIsRefusedAndNothingIsPublished() throws Exception {
        Path file = dir.resolve("small");
        try (SharedFrameWriter writer = SharedFrameWriter.create(file, RegionSpec.of(RegionFormat.RGB565, 32, 32));
                SharedFrameReader reader = SharedFrameReader.open(file)) {
            Image big = Image.allocate(33, 8, PixelFormat.GRAYSCALE, false);
            SharedFrameException e = assertThrows(SharedFrameException.class, () -> writer.publish(big));
            assertTrue(e.getMessage().contains("frame 1 (33x8 GRAYSCALE, 264 bytes) is larger than the region's 32x32 "
                    + "maximum"), e.getMessage());
            assertThrows(SharedFrameException.class, () -> writer.begin(8, 40, PixelFormat.RGB565, 640));
            assertEquals(0, reader.framesPublished());
            assertEquals(false, reader.readLatest(reader.newFrameCopy()));
        }
    }

    @Test
    void aRawFrameLargerThanTheSlotIsRefused() throws Exception {
        Path file = dir.resolve("raw");
        try (SharedFrameWriter writer = SharedFrameWriter.create(file,
                RegionSpec.of(RegionFormat.RAW, 64, 64).withSlotBytes(4096))) {
            Image jpeg = Image.of(64, 64, PixelFormat.JPEG, ByteBuffer.allocate(5000));
            SharedFrameException e = assertThrows(SharedFrameException.class, () -> writer.publish(jpeg));
            assertTrue(e.getMessage().contains("does not fit a 4096-byte slot"), e.getMessage());
        }
    }

    @Test
    void creatingOverAFileThatIsNotARegionLeavesItAlone() throws Exception {
        Path file = dir.resolve("precious.txt");
        Files.writeString(file, "not frames");
        SharedFrameException e = assertThrows(SharedFrameException.class,
                () -> SharedFrameWriter.create(file, RegionSpec.of(RegionFormat.RGB565, 8, 8)));
        assertTrue(e.getMessage().contains("is not a framereel region (it starts with \"not fram\")"), e.getMessage());
        assertEquals("not frames", Files.readString(file));

        assertThrows(SharedFrameException.class, () -> SharedFrameWriter.create(dir, RegionSpec.of(RegionFormat.RGB565, 8, 8)));
    }

    @Test
    void creatingOverALiveWritersRegionIsRefused() throws Exception {
        Path file = dir.resolve("live");
        RegionSpec spec = RegionSpec.of(RegionFormat.RGB565, 8, 8);
        try (SharedFrameWriter first = SharedFrameWriter.create(file, spec)) {
            first.publish(Image.allocate(8, 8, PixelFormat.RGB565, false));
            SharedFrameException e = assertThrows(SharedFrameException.class, () -> SharedFrameWriter.create(file, spec));
            assertTrue(e.getMessage().contains("writer pid " + ProcessHandle.current().pid() + " is still publishing"),
                    e.getMessage());
            try (SharedFrameReader reader = SharedFrameReader.open(file)) {
                assertEquals(1, reader.framesPublished(), "the live region is untouched");
            }
        }
    }

    @Test
    void aClosedRegionIsReplacedWhileItsReadersKeepTheOldOne() throws Exception {
        Path file = region();
        try (SharedFrameReader old = SharedFrameReader.open(file);
                SharedFrameWriter second = SharedFrameWriter.create(file, RegionSpec.of(RegionFormat.XRGB8888, 8, 8));
                SharedFrameReader fresh = SharedFrameReader.open(file)) {
            assertEquals(WriterStatus.CLOSED, old.writerStatus(), "the old mapping says: reopen");
            assertEquals(RegionFormat.RGB565, old.layout().format());
            assertTrue(old.readLatest(old.newFrameCopy()), "and still holds its last frame");
            assertEquals(RegionFormat.XRGB8888, fresh.layout().format());
            assertEquals(WriterStatus.ALIVE, fresh.writerStatus());
            assertEquals(second.region().layout().fileSize(), Files.size(file));
        }
    }

    @Test
    void aReaderCannotWriteTheRegion() throws Exception {
        Path file = region();
        try (SharedFrameReader reader = SharedFrameReader.open(file)) {
            assertEquals(false, reader.region().isWritable());
            assertTrue(reader.region().memory().isReadOnly());
        }
    }
}
