package io.framereel.storage.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framereel.storage.ImageIO;
import io.framereel.storage.ImageIOException;
import io.framereel.storage.PixelFormat;
import io.framereel.storage.file.LegacyVersionsTest.FileBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad input gets one ImageIOException naming the path, frame index and byte offset. */
class BadInputTest {
    @TempDir
    Path dir;

    private ImageIOException openFails(Path file, String mode) {
        ImageIOException e = assertThrows(ImageIOException.class, () -> ImageIO.open(file, mode).close());
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        return e;
    }

    @Test
    void emptyFile() throws Exception {
        Path f = Files.createFile(dir.resolve("empty.bin"));
        ImageIOException e = openFails(f, "r");
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
        assertEquals(0, e.byteOffset());
    }

    @Test
    void truncatedHeader() throws Exception {
        Path f = Files.write(dir.resolve("short.bin"), "OMV IMG".getBytes(StandardCharsets.US_ASCII));
        ImageIOException e = openFails(f, "r");
        assertTrue(e.getMessage().contains("7 of 16"), e.getMessage());
    }

    @Test
    void notAStream() throws Exception {
        Path f = Files.write(dir.resolve("png.bin"), "\u0089PNG\r\n\u001a\n0000000000000000".getBytes(StandardCharsets.ISO_8859_1));
        ImageIOException e = openFails(f, "r");
        assertTrue(e.getMessage().contains("not an OpenMV image stream"), e.getMessage());
    }

    @Test
    void unknownVersion() throws Exception {
        Path f = Files.write(dir.resolve("v34.bin"), "OMV IMG STR V3.4".getBytes(StandardCharsets.US_ASCII));
        ImageIOException e = openFails(f, "r");
        assertTrue(e.getMessage().contains("unsupported version V3.4"), e.getMessage());
        assertEquals(12, e.byteOffset());
        assertTrue(openFails(f, "a").getMessage().contains("V3.4"));
    }

    @Test
    void invalidPixformatNamesFrameAndOffset() throws Exception {
        Path f = new FileBuilder(StreamVersion.V2_0)
                .v2(10, 2, 2, PixelFormat.GRAYSCALE.code(), 0, new byte[4])
                .v2(10, 2, 2, 0x12345678, 0, new byte[4])
                .writeTo(dir.resolve("pixfmt.bin"));
        ImageIOException e = openFails(f, "r");
        assertEquals(1, e.frameIndex());
        assertEquals(16 + 48, e.byteOffset());
        assertTrue(e.getMessage().contains("frame 1 at byte 64") && e.getMessage().contains("0x12345678"), e.getMessage());
    }

    @Test
    void forgedGeometryIsRejectedWithoutAllocating() throws Exception {
        Path f = new FileBuilder(StreamVersion.V2_0)
                .v2(10, 0xFFFFFFFF, 0xFFFFFFFF, PixelFormat.RGB565.code(), 0, new byte[16])
                .writeTo(dir.resolve("geom.bin"));
        ImageIOException e = openFails(f, "r");
        assertTrue(e.getMessage().contains("invalid geometry 4294967295x4294967295"), e.getMessage());
    }

    @Test
    void forgedJpegSizeIsATornTailNotAnAllocation() throws Exception {
        Path f = new FileBuilder(StreamVersion.V2_0)
                .v2(10, 2, 2, PixelFormat.GRAYSCALE.code(), 0, new byte[4])
                .v2(10, 640, 480, PixelFormat.JPEG.code(), 0x7FFFFF00, new byte[32])
                .writeTo(dir.resolve("jpegsize.bin"));
        try (FileStream io = (FileStream) ImageIO.open(f, "r")) {
            assertEquals(1, io.count());
            assertEquals(TailDamage.Kind.TORN, io.tailDamage().kind());
            assertTrue(io.tailDamage().problem().getMessage().contains("only 64 remain"), io.tailDamage().toString());
        }
    }

    @Test
    void frameLargerThanABufferIsGarbage() throws Exception {
        Path f = new FileBuilder(StreamVersion.V2_0)
                .v2(10, 640, 480, PixelFormat.JPEG.code(), 0xFFFFFFF0, new byte[0])
                .writeTo(dir.resolve("huge.bin"));
        ImageIOException e = openFails(f, "r");
        assertTrue(e.getMessage().contains("2 GiB"), e.getMessage());
    }

    @Test
    void garbageAfterTheLastFrameIsAnErrorOnReadAndCutOnAppend() throws Exception {
        Path f = new FileBuilder(StreamVersion.V2_0)
                .v2(10, 2, 2, PixelFormat.GRAYSCALE.code(), 0, new byte[] {1, 2, 3, 4})
                .raw("this is not a chunk header at all!".getBytes(StandardCharsets.US_ASCII))
                .writeTo(dir.resolve("garbage.bin"));
        ImageIOException e = openFails(f, "r");
        assertEquals(1, e.frameIndex());
        assertEquals(64, e.byteOffset());
        assertTrue(e.getMessage().contains("the 1 frames before it are intact") && e.getMessage().contains("repair"),
                e.getMessage());
        StreamReport report = FileStream.inspect(f);
        assertEquals(1, report.index().size());
        assertEquals(TailDamage.Kind.GARBAGE, report.tail().kind());
        assertEquals(34, report.tail().bytes());
        assertEquals(98, report.fileSize());
        try (FileStream io = (FileStream) ImageIO.open(f, "a")) {
            assertEquals(1, io.count());
            assertEquals(34, io.recoveredBytes());
        }
        try (ImageIO io = ImageIO.open(f, "r")) {
            assertArrayEquals(new byte[] {1, 2, 3, 4}, io.read(false, false, false).payload().array());
        }
    }

    @Test
    void zeroFilledTailIsTreatedAsTorn() throws Exception {
        Path f = new FileBuilder(StreamVersion.V2_0)
                .v2(10, 2, 2, PixelFormat.GRAYSCALE.code(), 0, new byte[4])
                .raw(new byte[4096])
                .writeTo(dir.resolve("zeros.bin"));
        try (FileStream io = (FileStream) ImageIO.open(f, "r")) {
            assertEquals(1, io.count());
            assertEquals(TailDamage.Kind.TORN, io.tailDamage().kind());
            assertEquals(4096, io.tailDamage().bytes());
        }
    }

    @Test
    void directory() {
        ImageIOException e = openFails(dir, "r");
        assertTrue(e.getMessage().contains("directory"), e.getMessage());
        assertTrue(openFails(dir, "w").getMessage().contains("directory"));
    }

    @Test
    void missingFile() {
        assertTrue(openFails(dir.resolve("nope.bin"), "r").getMessage().contains("no such file"));
    }

    @Test
    void unwritablePath() throws Exception {
        Path ro = Files.createDirectory(dir.resolve("ro"));
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            Path f = ro.resolve("x.bin");
            if (Files.isWritable(ro)) {
                // running as root: permissions do not stop us; a path under a regular file fails for everyone
                f = Files.createFile(dir.resolve("plain")).resolve("x.bin");
            }
            ImageIOException e = openFails(f, "w");
            assertTrue(e.getMessage().contains("denied") || e.getMessage().contains("Not a directory")
                    || e.getMessage().contains("no such file"), e.getMessage());
        } finally {
            Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void invalidModeIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageIO.open(dir.resolve("m"), "x"));
        assertTrue(e.getMessage().contains("'r', 'w' or 'a'"));
    }
}
