package io.framereel.storage.file;

import io.framereel.storage.ImageIOException;
import io.framereel.storage.PixelFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Checks a stream file's header and walks its chunk headers to build the {@link FrameIndex}, stopping at the
 * first chunk that is torn or invalid. Reads through a 64 KiB window, so small frames cost one read per
 * window, and large frames one 4 KiB read each. Never allocates from a size read out of the file.
 */
final class StreamScanner {
    private static final int WINDOW_BYTES = 64 * 1024;
    /** Read size when chunks are larger than the window: one page holds the next header, more is wasted. */
    private static final int SMALL_WINDOW_BYTES = 4096;
    private static final PixelFormat[] V1_TYPES = {
        PixelFormat.BINARY, PixelFormat.GRAYSCALE, PixelFormat.RGB565, PixelFormat.BAYER_BGGR};
    /** Frames larger than this cannot live in one ByteBuffer with room to spare. */
    private static final long MAX_PAYLOAD_BYTES = Integer.MAX_VALUE - 64;

    private final Path path;
    private final FileChannel channel;
    private final long fileSize;
    /** Direct, so the kernel copies straight into it (a heap buffer would go through a temporary direct one). */
    private final ByteBuffer window = ByteBuffer.allocateDirect(WINDOW_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private long windowStart = -1;
    private boolean largeChunks;
    private int windowLength;

    private StreamVersion version;
    private FrameIndex index;
    private TailDamage tail = TailDamage.NONE;

    private StreamScanner(Path path, FileChannel channel, long fileSize) {
        this.path = path;
        this.channel = channel;
        this.fileSize = fileSize;
    }

    /** Scans the whole file; throws only for a bad file header or an I/O error. */
    static StreamScanner scan(Path path, FileChannel channel) throws IOException {
        StreamScanner s = new StreamScanner(path, channel, channel.size());
        s.readHeader();
        s.walkChunks();
        return s;
    }

    StreamVersion version() {
        return version;
    }

    FrameIndex index() {
        return index;
    }

    TailDamage tail() {
        return tail;
    }

    /** End of the last whole frame. */
    long validEnd() {
        return index.size() == 0 ? StreamFormat.FILE_HEADER_BYTES : index.chunkEnd(index.size() - 1);
    }

    private void readHeader() throws IOException {
        if (fileSize == 0) {
            throw new ImageIOException(path, -1, 0, "file is empty; expected the 16-byte header \"OMV IMG STR V2.0\"");
        }
        if (fileSize < StreamFormat.FILE_HEADER_BYTES) {
            throw new ImageIOException(path, -1, 0, "header truncated: " + fileSize + " of "
                    + StreamFormat.FILE_HEADER_BYTES + " bytes");
        }
        fill(0, StreamFormat.FILE_HEADER_BYTES);
        byte[] h = new byte[StreamFormat.FILE_HEADER_BYTES];
        window.get(0, h, 0, h.length);
        for (int i = 0; i < StreamFormat.MAGIC.length; i++) {
            if (h[i] != StreamFormat.MAGIC[i]) {
                throw new ImageIOException(path, -1, i, "not an OpenMV image stream: header is \""
                        + printable(h) + "\", expected \"OMV IMG STR Vx.y\"");
            }
        }
        if (h[12] != 'V' || h[14] != '.' || !isDigit(h[13]) || !isDigit(h[15])) {
            throw new ImageIOException(path, -1, 12, "malformed version \"" + printable(h).substring(12)
                    + "\", expected V1.0, V1.1, V2.0 or V2.1");
        }
        int code = (h[13] - '0') * 10 + (h[15] - '0');
        version = StreamVersion.fromCode(code);
        if (version == null) {
            throw new ImageIOException(path, -1, 12, "unsupported version V" + (char) h[13] + "." + (char) h[15]
                    + ", expected V1.0, V1.1, V2.0 or V2.1");
        }
        index = new FrameIndex(version.chunkHeaderBytes());
    }

    private void walkChunks() throws IOException {
        int headerBytes = version.chunkHeaderBytes();
        long pos = StreamFormat.FILE_HEADER_BYTES;
        while (pos < fileSize) {
            int frame = index.size();
            long remaining = fileSize - pos;
            if (remaining < headerBytes) {
                tail = damage(TailDamage.Kind.TORN, pos, frame, "chunk header truncated: " + remaining + " of "
                        + headerBytes + " bytes before the end of the file");
                return;
            }
            fill(pos, headerBytes);
            int at = (int) (pos - windowStart);
            if (isZero(at, headerBytes)) {
                tail = damage(TailDamage.Kind.TORN, pos, frame, "zero-filled chunk header (unwritten space, as "
                        + "after a power cut)");
                return;
            }
            long elapsed = Integer.toUnsignedLong(window.getInt(at + StreamFormat.ELAPSED_OFFSET));
            long width = Integer.toUnsignedLong(window.getInt(at + StreamFormat.WIDTH_OFFSET));
            long height = Integer.toUnsignedLong(window.getInt(at + StreamFormat.HEIGHT_OFFSET));
            int type = window.getInt(at + StreamFormat.TYPE_OFFSET);
            if (width < 1 || width > StreamFormat.MAX_DIMENSION || height < 1 || height > StreamFormat.MAX_DIMENSION) {
                tail = damage(TailDamage.Kind.GARBAGE, pos, frame, "invalid geometry " + width + "x" + height
                        + " (each side must be 1.." + StreamFormat.MAX_DIMENSION + ")");
                return;
            }
            PixelFormat format;
            long payload;
            if (version.isV1()) {
                long bpp = Integer.toUnsignedLong(type);
                if (bpp < V1_TYPES.length) {
                    format = V1_TYPES[(int) bpp];
                    payload = format.uncompressedBytes(width, height);
                } else {
                    format = PixelFormat.JPEG; // V1 stores a JPEG's byte count in the bpp field
                    payload = bpp;
                }
            } else {
                format = PixelFormat.fromCode(type);
                if (format == null) {
                    tail = damage(TailDamage.Kind.GARBAGE, pos, frame, String.format(java.util.Locale.ROOT,
                            "invalid pixformat 0x%08X", type));
                    return;
                }
                payload = format.isCompressed()
                        ? Integer.toUnsignedLong(window.getInt(at + StreamFormat.SIZE_OFFSET))
                        : format.uncompressedBytes(width, height); // the size field is unreliable for raw frames
            }
            if (payload > MAX_PAYLOAD_BYTES) {
                tail = damage(TailDamage.Kind.GARBAGE, pos, frame, format + " frame claims " + payload
                        + " bytes, more than the 2 GiB a frame may have");
                return;
            }
            long end = pos + headerBytes + payload + StreamFormat.padding(payload);
            if (end > fileSize) {
                tail = damage(TailDamage.Kind.TORN, pos, frame, width + "x" + height + " " + format + " frame needs "
                        + (end - pos) + " bytes but only " + remaining + " remain");
                return;
            }
            int elapsedMs = version == StreamVersion.V2_1 ? (int) Math.min(Integer.MAX_VALUE, (elapsed + 500) / 1000)
                    : (int) Math.min(Integer.MAX_VALUE, elapsed);
            index.append(pos, elapsedMs, (int) width, (int) height, format, (int) payload);
            largeChunks = end - pos > WINDOW_BYTES / 2;
            pos = end;
        }
    }

    private TailDamage damage(TailDamage.Kind kind, long pos, int frame, String problem) {
        return new TailDamage(kind, pos, fileSize - pos, problem, new ImageIOException(path, frame, pos, problem));
    }

    /** Makes bytes [pos, pos+length) available in the window. */
    private void fill(long pos, int length) throws IOException {
        if (windowStart >= 0 && pos >= windowStart && pos + length <= windowStart + windowLength) {
            return;
        }
        window.clear();
        int want = (int) Math.min(Math.max(length, largeChunks ? SMALL_WINDOW_BYTES : WINDOW_BYTES), fileSize - pos);
        window.limit(want);
        while (window.hasRemaining()) {
            if (channel.read(window, pos + window.position()) < 0) {
                throw new ImageIOException(path, index == null ? -1 : index.size(), pos + window.position(),
                        "file shrank while it was being read");
            }
        }
        windowStart = pos;
        windowLength = want;
    }

    private boolean isZero(int at, int length) {
        for (int i = 0; i < length; i++) {
            if (window.get(at + i) != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static String printable(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            sb.append(b >= 0x20 && b < 0x7F ? String.valueOf((char) b) : String.format("\\x%02X", b & 0xFF));
        }
        return new String(sb.toString().getBytes(StandardCharsets.US_ASCII), StandardCharsets.US_ASCII);
    }
}
