package io.framereel.storage.file;

import java.nio.charset.StandardCharsets;

/**
 * The byte layout of OpenMV image stream files, as constants. All integers are unsigned 32-bit little-endian.
 *
 * <pre>
 * file      = header chunk*                     (no frame count, no index, no trailer)
 * header    = "OMV IMG STR V" major "." minor   16 bytes; V1.0, V1.1, V2.0 (V2.1: elapsed in µs)
 * chunk V2  = elapsed_ms width height pixformat size reserved[12] data pad
 * chunk V1  = elapsed_ms width height bpp data pad
 *             bpp: 0 binary, 1 grayscale, 2 RGB565 (byte-swapped in V1.0), 3 Bayer BGGR, >= 4 JPEG of bpp bytes
 * data      = image_size(width, height, pixformat) bytes; for JPEG/PNG the size field; V2 size ignored otherwise
 * pad       = zero bytes up to the next multiple of 16; every chunk starts 16-byte aligned
 * </pre>
 */
public final class StreamFormat {
    /** The first 12 bytes of every stream. */
    public static final byte[] MAGIC = "OMV IMG STR ".getBytes(StandardCharsets.US_ASCII);
    public static final int VERSION_OFFSET = MAGIC.length;
    public static final int FILE_HEADER_BYTES = 16;

    public static final int ELAPSED_OFFSET = 0;
    public static final int WIDTH_OFFSET = ELAPSED_OFFSET + 4;
    public static final int HEIGHT_OFFSET = WIDTH_OFFSET + 4;
    /** V2: the 32-bit pixformat code; V1: the old bpp field. */
    public static final int TYPE_OFFSET = HEIGHT_OFFSET + 4;
    public static final int SIZE_OFFSET = TYPE_OFFSET + 4;
    public static final int RESERVED_OFFSET = SIZE_OFFSET + 4;
    public static final int RESERVED_BYTES = 12;
    public static final int V2_CHUNK_HEADER_BYTES = RESERVED_OFFSET + RESERVED_BYTES;
    public static final int V1_CHUNK_HEADER_BYTES = SIZE_OFFSET;

    /** Chunks are padded to this many bytes. */
    public static final int ALIGNMENT = 16;

    /**
     * The largest width and height we write and accept: OpenMV IDE rejects anything larger (1..32767), and no
     * OpenMV sensor comes close.
     */
    public static final int MAX_DIMENSION = 32767;

    /** Elapsed values written are clamped to this range: old IDE builds reject 0, the newest reject more than 1e6. */
    public static final int MIN_ELAPSED_MS = 1;
    public static final int MAX_ELAPSED_MS = 1_000_000;

    private StreamFormat() {
    }

    /** Zero bytes after {@code dataBytes} up to the next 16-byte boundary. */
    public static int padding(long dataBytes) {
        return (int) ((ALIGNMENT - (dataBytes % ALIGNMENT)) % ALIGNMENT);
    }

    /** The 16 header bytes of a stream of this version. */
    public static byte[] header(StreamVersion version) {
        byte[] h = new byte[FILE_HEADER_BYTES];
        System.arraycopy(MAGIC, 0, h, 0, MAGIC.length);
        h[12] = 'V';
        h[13] = (byte) ('0' + version.code() / 10);
        h[14] = '.';
        h[15] = (byte) ('0' + version.code() % 10);
        return h;
    }
}
