package io.framereel.device.shm;

import static io.framereel.device.shm.SharedFrameLayout.DESCRIPTORS_OFFSET;
import static io.framereel.device.shm.SharedFrameLayout.DESCRIPTOR_SIZE;
import static io.framereel.device.shm.SharedFrameLayout.DESCRIPTOR_SIZE_OFFSET;
import static io.framereel.device.shm.SharedFrameLayout.HEADER_SIZE_OFFSET;
import static io.framereel.device.shm.SharedFrameLayout.HEARTBEAT_PERIOD_OFFSET;
import static io.framereel.device.shm.SharedFrameLayout.MAGIC;
import static io.framereel.device.shm.SharedFrameLayout.MAGIC_OFFSET;
import static io.framereel.device.shm.SharedFrameLayout.MAX_DIMENSION;
import static io.framereel.device.shm.SharedFrameLayout.MAX_HEIGHT_OFFSET;
import static io.framereel.device.shm.SharedFrameLayout.MAX_SLOTS;
import static io.framereel.device.shm.SharedFrameLayout.MAX_WIDTH_OFFSET;
import static io.framereel.device.shm.SharedFrameLayout.MIN_SLOTS;
import static io.framereel.device.shm.SharedFrameLayout.PAGE;
import static io.framereel.device.shm.SharedFrameLayout.REGION_FOURCC_OFFSET;
import static io.framereel.device.shm.SharedFrameLayout.REGION_PIXFORMAT_OFFSET;
import static io.framereel.device.shm.SharedFrameLayout.SLOT_COUNT_OFFSET;
import static io.framereel.device.shm.SharedFrameLayout.SLOT_SIZE_OFFSET;
import static io.framereel.device.shm.SharedFrameLayout.STATE_CLOSED;
import static io.framereel.device.shm.SharedFrameLayout.STATE_RUNNING;
import static io.framereel.device.shm.SharedFrameLayout.VERSION;
import static io.framereel.device.shm.SharedFrameLayout.VERSION_OFFSET;
import static io.framereel.device.shm.SharedFrameLayout.WRITER_STATE_OFFSET;
import static io.framereel.device.shm.SharedFrameLayout.headerSizeFor;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Validates the header of a region someone else wrote, before anything in it is used: magic, version, the
 * counts and sizes against the bytes actually mapped, the format, the writer's fields. Every error names the
 * file and the offset of the field at fault. After this, a reader trusts the header's geometry, and only the
 * geometry: per-frame descriptors are checked again on every read.
 */
final class HeaderCheck {
    /** The smallest file that can hold the fixed fields and the descriptors of two slots. */
    static final int MIN_FILE_BYTES = DESCRIPTORS_OFFSET + MIN_SLOTS * DESCRIPTOR_SIZE;

    private HeaderCheck() {
    }

    /**
     * @param file     the mapping, little-endian, holding the whole file
     * @param fileSize the file's size when it was mapped
     */
    static SharedFrameLayout check(Path path, ByteBuffer file, long fileSize) throws SharedFrameException {
        checkSize(path, fileSize);
        checkMagic(path, file);
        int version = file.getInt(VERSION_OFFSET);
        if (version != VERSION) {
            throw new SharedFrameException(path, VERSION_OFFSET, "layout version " + Integer.toUnsignedString(version)
                    + " is not the version " + VERSION + " this reader knows");
        }
        int descriptorSize = file.getInt(DESCRIPTOR_SIZE_OFFSET);
        if (descriptorSize != DESCRIPTOR_SIZE) {
            throw new SharedFrameException(path, DESCRIPTOR_SIZE_OFFSET, "slot descriptors of "
                    + Integer.toUnsignedString(descriptorSize) + " bytes; version " + VERSION + " has " + DESCRIPTOR_SIZE);
        }
        long slotCount = Integer.toUnsignedLong(file.getInt(SLOT_COUNT_OFFSET));
        if (slotCount < MIN_SLOTS || slotCount > MAX_SLOTS) {
            throw new SharedFrameException(path, SLOT_COUNT_OFFSET, "slot count " + slotCount + " is outside "
                    + MIN_SLOTS + ".." + MAX_SLOTS);
        }
        int slots = (int) slotCount;
        long headerSize = Integer.toUnsignedLong(file.getInt(HEADER_SIZE_OFFSET));
        if (headerSize != headerSizeFor(slots)) {
            throw new SharedFrameException(path, HEADER_SIZE_OFFSET, "header size " + headerSize + " does not match "
                    + slots + " slot descriptors (" + headerSizeFor(slots) + " bytes)");
        }
        long slotSize = file.getLong(SLOT_SIZE_OFFSET);
        if (slotSize <= 0 || slotSize % PAGE != 0 || slotSize > Integer.MAX_VALUE) {
            throw new SharedFrameException(path, SLOT_SIZE_OFFSET, "slot size " + Long.toUnsignedString(slotSize)
                    + " is not a positive multiple of " + PAGE + " below 2 GiB");
        }
        long needed = headerSize + slotCount * slotSize;
        if (needed > fileSize) {
            throw new SharedFrameException(path, SLOT_SIZE_OFFSET, slots + " slots of " + slotSize + " bytes after a "
                    + headerSize + "-byte header need " + needed + " bytes, but the file has only " + fileSize
                    + " (truncated, or the sizes are damaged)");
        }
        int maxWidth = dimension(path, file, MAX_WIDTH_OFFSET, "maximum width");
        int maxHeight = dimension(path, file, MAX_HEIGHT_OFFSET, "maximum height");
        int fourcc = file.getInt(REGION_FOURCC_OFFSET);
        int pixformat = file.getInt(REGION_PIXFORMAT_OFFSET);
        RegionFormat format = RegionFormat.fromHeader(fourcc, pixformat);
        if (format == null) {
            throw new SharedFrameException(path, REGION_FOURCC_OFFSET, "region format " + Fourcc.toString(fourcc)
                    + String.format(" / OpenMV code 0x%08X", pixformat) + " is none of RGBP/0x0C030002 (RGB565), "
                    + "XR24/0 (XRGB8888), 0/0 (raw)");
        }
        long fullFrame = (long) maxWidth * maxHeight * format.bytesPerPixel();
        if (slotSize < fullFrame) {
            throw new SharedFrameException(path, SLOT_SIZE_OFFSET, "slots of " + slotSize + " bytes cannot hold a "
                    + maxWidth + "x" + maxHeight + " " + format + " frame (" + fullFrame + " bytes)");
        }
        long period = file.getLong(HEARTBEAT_PERIOD_OFFSET);
        if (period < RegionSpec.MIN_HEARTBEAT_PERIOD_NANOS || period > RegionSpec.MAX_HEARTBEAT_PERIOD_NANOS) {
            throw new SharedFrameException(path, HEARTBEAT_PERIOD_OFFSET, "heartbeat period " + period
                    + " ns is outside 1 ms..1 s");
        }
        long state = file.getLong(WRITER_STATE_OFFSET);
        if (state != STATE_RUNNING && state != STATE_CLOSED) {
            throw new SharedFrameException(path, WRITER_STATE_OFFSET, "writer state " + state + " is neither "
                    + STATE_RUNNING + " (running) nor " + STATE_CLOSED + " (closed)");
        }
        return new SharedFrameLayout(format, maxWidth, maxHeight, slots, slotSize);
    }

    /** Refuses a file too small for any header; done before mapping, as there is nothing worth mapping. */
    static void checkSize(Path path, long fileSize) throws SharedFrameException {
        if (fileSize < MIN_FILE_BYTES) {
            throw new SharedFrameException(path, fileSize, "the file ends after " + fileSize + " bytes; a region's "
                    + "header alone is at least " + MIN_FILE_BYTES);
        }
    }

    private static void checkMagic(Path path, ByteBuffer file) throws SharedFrameException {
        byte[] expected = MAGIC.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < expected.length; i++) {
            if (file.get(MAGIC_OFFSET + i) != expected[i]) {
                throw new SharedFrameException(path, MAGIC_OFFSET, "not a framereel shared frame region: the file "
                        + "starts with " + printable(file, expected.length) + ", not \"" + MAGIC + "\"");
            }
        }
    }

    private static int dimension(Path path, ByteBuffer file, int offset, String name) throws SharedFrameException {
        long value = Integer.toUnsignedLong(file.getInt(offset));
        if (value < 1 || value > MAX_DIMENSION) {
            throw new SharedFrameException(path, offset, name + " " + value + " is outside 1.." + MAX_DIMENSION);
        }
        return (int) value;
    }

    /** The first bytes as a quoted string, unprintable bytes as \xNN, for an error message. */
    static String printable(ByteBuffer file, int length) {
        StringBuilder s = new StringBuilder("\"");
        for (int i = 0; i < length; i++) {
            int b = file.get(i) & 0xFF;
            if (b >= 0x20 && b < 0x7F && b != '"' && b != '\\') {
                s.append((char) b);
            } else {
                s.append(String.format("\\x%02X", b));
            }
        }
        return s.append('"').toString();
    }
}
