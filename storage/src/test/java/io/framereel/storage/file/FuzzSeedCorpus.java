package io.framereel.storage.file;

import io.framereel.storage.Image;
import io.framereel.storage.ImageIO;
import io.framereel.storage.PixelFormat;
import io.framereel.storage.StreamOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The seed corpus of {@link StreamReaderFuzzTest}: valid V1.0, V1.1, V2.0 and V2.1 files (the worked examples of
 * the format reference and mixed-format files), and the damaged shapes a reader must survive: truncations,
 * forged sizes and geometry, invalid pixformats, bad versions, empty and header-only files.
 *
 * <p>Run {@code main} with the storage module directory as the working directory to rewrite the committed
 * corpus (it overwrites files of the same name and leaves Jazzer's findings alone). Stateless.
 */
final class FuzzSeedCorpus {
    /** The fuzz test methods, each of which has its own corpus directory. */
    static final String[] METHODS = {
        "readModeReadsEveryFrameInsideTheFileOrFailsNamingIt",
        "appendModeCutsOnlyTheTailAndAppendsOrFailsLeavingTheFileAlone"};
    static final String RESOURCE_DIR = "StreamReaderFuzzTestInputs";

    private FuzzSeedCorpus() {
    }

    public static void main(String[] args) throws IOException {
        Path base = Path.of(args.length > 0 ? args[0] : "src/test/resources/io/framereel/storage/file")
                .resolve(RESOURCE_DIR);
        Map<String, byte[]> seeds = seeds();
        for (String method : METHODS) {
            Path dir = Files.createDirectories(base.resolve(method));
            for (Map.Entry<String, byte[]> seed : seeds.entrySet()) {
                Files.write(dir.resolve(seed.getKey()), seed.getValue());
            }
        }
        System.out.println("wrote " + seeds.size() + " seeds for each of " + Arrays.toString(METHODS) + " under " + base);
    }

    /** Seed name to file bytes, in a stable order. */
    static Map<String, byte[]> seeds() {
        Map<String, byte[]> s = new LinkedHashMap<>();
        // Worked examples of the format reference (section 1.5).
        s.put("v20-rgb565-2x2-example", stream("V2.0", v2Chunk(33, 2, 2, PixelFormat.RGB565.code(), 0,
                bytes(0x00, 0xF8, 0xE0, 0x07, 0x1F, 0x00, 0xFF, 0xFF))));
        s.put("v20-jpeg-160x120-example", stream("V2.0", v2Chunk(40, 160, 120, PixelFormat.JPEG.code(), 5,
                bytes(0xFF, 0xD8, 0x00, 0xFF, 0xD9))));
        s.put("v11-gray-3x3-example", stream("V1.1", v1Chunk(10, 3, 3, 1, bytes(0, 1, 2, 3, 4, 5, 6, 7, 8))));
        // Old versions with every V1 type code, including a JPEG whose byte count is the type field.
        s.put("v10-all-types", stream("V1.0",
                v1Chunk(5, 2, 2, 2, bytes(0xF8, 0x00, 0x07, 0xE0, 0x00, 0x1F, 0xFF, 0xFF)), // byte-swapped RGB565
                v1Chunk(5, 40, 2, 0, new byte[16]), // binary: 2 rows of 8 bytes
                v1Chunk(5, 4, 4, 3, sequence(16)), // Bayer
                v1Chunk(5, 160, 120, 7, bytes(0xFF, 0xD8, 1, 2, 3, 0xFF, 0xD9))));
        s.put("v11-all-types", stream("V1.1",
                v1Chunk(7, 2, 1, 2, bytes(0x00, 0xF8, 0xE0, 0x07)),
                v1Chunk(7, 33, 1, 0, new byte[8]),
                v1Chunk(7, 3, 3, 3, sequence(9)),
                v1Chunk(7, 3, 3, 1, sequence(9)),
                v1Chunk(7, 640, 480, 4, bytes(0xFF, 0xD8, 0xFF, 0xD9))));
        s.put("v21-elapsed-microseconds", stream("V2.1",
                v2Chunk(33_333, 2, 2, PixelFormat.GRAYSCALE.code(), 0, sequence(4)),
                v2Chunk(0xFFFFFFFF, 2, 2, PixelFormat.GRAYSCALE.code(), 0, sequence(4))));
        byte[] mixed = mixedV20();
        s.put("v20-mixed-formats", mixed);
        s.put("v20-header-only", Arrays.copyOf(mixed, StreamFormat.FILE_HEADER_BYTES));
        // Past the scanner's 64 KiB read window: chunk headers on both sides of, and straddling, its edge.
        byte[][] small = new byte[240][];
        for (int i = 0; i < small.length; i++) {
            small[i] = v2Chunk(33, 16, 16 + i % 3, PixelFormat.GRAYSCALE.code(), 0, sequence(16 * (16 + i % 3)));
        }
        s.put("v20-many-frames-across-scan-window", stream("V2.0", small));
        s.put("v20-large-jpeg-across-scan-window", stream("V2.0",
                v2Chunk(33, 640, 480, PixelFormat.JPEG.code(), 70_001, sequence(70_001)),
                v2Chunk(33, 2, 2, PixelFormat.RGB565.code(), 0, sequence(8))));
        s.put("v20-elapsed-max-size-field-stale", stream("V2.0",
                v2Chunk(0xFFFFFFFF, 4, 2, PixelFormat.RGB565.code(), 12345, sequence(16))));

        // Truncations: inside a chunk header, inside a payload, inside the padding, inside the file header.
        // The mixed file ends with a 37-byte JPEG chunk (32 + 37 + 11 padding) and a 48-byte PNG chunk (32 + 48).
        int pngChunk = mixed.length - 80;
        int jpegChunk = pngChunk - 80;
        s.put("v20-mixed-cut-in-chunk-header", Arrays.copyOf(mixed, pngChunk + 20));
        s.put("v20-mixed-cut-in-payload", Arrays.copyOf(mixed, pngChunk + 32 + 17));
        s.put("v20-mixed-cut-in-padding", Arrays.copyOf(mixed, jpegChunk + 32 + 37 + 5));
        s.put("v20-rgb565-cut-in-padding", Arrays.copyOf(s.get("v20-rgb565-2x2-example"), 16 + 32 + 8 + 3));
        s.put("header-cut-at-15", Arrays.copyOf(mixed, 15));
        s.put("header-cut-at-1", Arrays.copyOf(mixed, 1));
        s.put("v20-zero-filled-tail", concat(s.get("v20-jpeg-160x120-example"), new byte[4096]));
        s.put("v20-garbage-tail", concat(s.get("v20-jpeg-160x120-example"),
                "this is not a chunk header at all, just text".getBytes(StandardCharsets.US_ASCII)));

        // Forged sizes and geometry: must be refused or reported as torn, never allocated.
        s.put("v20-jpeg-size-fffffff0", stream("V2.0", v2Chunk(1, 160, 120, PixelFormat.JPEG.code(), 0xFFFFFFF0,
                sequence(64))));
        s.put("v20-jpeg-size-at-2gib-limit", stream("V2.0", v2Chunk(1, 160, 120, PixelFormat.JPEG.code(),
                Integer.MAX_VALUE - 64, sequence(64))));
        s.put("v20-png-size-7fffffff", stream("V2.0", v2Chunk(1, 160, 120, PixelFormat.PNG.code(), 0x7FFFFFFF,
                sequence(64))));
        s.put("v20-width-ffffffff", stream("V2.0", v2Chunk(1, 0xFFFFFFFF, 2, PixelFormat.GRAYSCALE.code(), 0,
                sequence(16))));
        s.put("v20-height-zero", stream("V2.0", v2Chunk(1, 2, 0, PixelFormat.GRAYSCALE.code(), 0, new byte[0])));
        s.put("v20-huge-rgb565-32767x32767", stream("V2.0", v2Chunk(1, 32767, 32767, PixelFormat.RGB565.code(), 0,
                sequence(256))));
        s.put("v20-huge-binary-32767x32767", stream("V2.0", v2Chunk(1, 32767, 32767, PixelFormat.BINARY.code(), 0,
                sequence(256))));
        s.put("v20-dimension-32768", stream("V2.0", v2Chunk(1, 32768, 1, PixelFormat.GRAYSCALE.code(), 0,
                sequence(32))));
        s.put("v10-jpeg-bpp-ffffffff", stream("V1.0", v1Chunk(1, 160, 120, 0xFFFFFFFF, sequence(64))));
        s.put("v11-jpeg-bpp-just-over-2gib-limit", stream("V1.1", v1Chunk(1, 160, 120, 0x7FFFFFC0, sequence(64))));

        // Invalid pixformats.
        s.put("v20-pixformat-zero", stream("V2.0", v2Chunk(1, 2, 2, 0, 0, sequence(16))));
        s.put("v20-pixformat-off-by-one", stream("V2.0", v2Chunk(1, 2, 2, PixelFormat.RGB565.code() + 1, 0,
                sequence(16))));
        s.put("v20-pixformat-old-jpeg-encoding", stream("V2.0", v2Chunk(1, 2, 2, 0x02060000, 4, sequence(16))));
        s.put("v20-valid-then-bad-pixformat", concat(s.get("v20-rgb565-2x2-example"),
                v2Chunk(1, 2, 2, 0x12345678, 0, sequence(16))));

        // Bad headers and versions.
        s.put("version-v3.0", header("V3.0"));
        s.put("version-v1.2", concat(header("V1.2"), v1Chunk(1, 1, 1, 1, sequence(1))));
        s.put("version-not-digits", header("Vx.0"));
        s.put("version-no-dot", header("V2-0"));
        s.put("magic-lower-case", "omv img str V2.0".getBytes(StandardCharsets.US_ASCII));
        s.put("magic-wrong", "OMV IMG STX V2.0".getBytes(StandardCharsets.US_ASCII));
        return s;
    }

    private static byte[] mixedV20() {
        try {
            Path tmp = Files.createTempFile("seed-mixed", ".bin");
            try (ImageIO out = ImageIO.open(tmp, ImageIO.Mode.WRITE, StreamOptions.DEFAULTS)) {
                out.write(raw(5, 3, PixelFormat.GRAYSCALE, 20));
                out.write(raw(33, 2, PixelFormat.BINARY, 21));
                out.write(raw(3, 3, PixelFormat.RGB565, 22));
                out.write(raw(4, 2, PixelFormat.BAYER_BGGR, 23));
                out.write(raw(4, 2, PixelFormat.BAYER_GBRG, 24));
                out.write(raw(4, 2, PixelFormat.BAYER_GRBG, 25));
                out.write(raw(4, 2, PixelFormat.BAYER_RGGB, 26));
                out.write(raw(2, 2, PixelFormat.YUV422, 27));
                out.write(raw(2, 2, PixelFormat.YVU422, 28));
                out.write(Image.of(320, 240, PixelFormat.ARGB8, ByteBuffer.allocate(0)).elapsedMs(29));
                out.write(Image.of(160, 120, PixelFormat.JPEG, ByteBuffer.allocate(0)).elapsedMs(30));
                out.write(Image.of(160, 120, PixelFormat.JPEG, ByteBuffer.wrap(sequence(37))).elapsedMs(31));
                out.write(Image.of(16, 16, PixelFormat.PNG, ByteBuffer.wrap(sequence(48))).elapsedMs(32));
            }
            byte[] b = Files.readAllBytes(tmp);
            Files.delete(tmp);
            return b;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Image raw(int width, int height, PixelFormat format, int elapsedMs) {
        return Image.of(width, height, format, ByteBuffer.wrap(sequence((int) format.uncompressedBytes(width, height))))
                .elapsedMs(elapsedMs);
    }

    private static byte[] stream(String version, byte[]... chunks) {
        return concat(header(version), concat(chunks));
    }

    private static byte[] header(String version) {
        return ("OMV IMG STR " + version).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] v2Chunk(int elapsed, int width, int height, int pixformat, int sizeField, byte[] data) {
        ByteBuffer h = ByteBuffer.allocate(StreamFormat.V2_CHUNK_HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(elapsed).putInt(width).putInt(height).putInt(pixformat).putInt(sizeField);
        return concat(h.array(), data, new byte[StreamFormat.padding(data.length)]);
    }

    private static byte[] v1Chunk(int elapsed, int width, int height, int bpp, byte[] data) {
        ByteBuffer h = ByteBuffer.allocate(StreamFormat.V1_CHUNK_HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(elapsed).putInt(width).putInt(height).putInt(bpp);
        return concat(h.array(), data, new byte[StreamFormat.padding(data.length)]);
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static byte[] sequence(int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (i * 7 + 1);
        }
        return b;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
