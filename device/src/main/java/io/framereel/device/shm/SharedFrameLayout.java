package io.framereel.device.shm;

/**
 * The byte layout of a shared frame region, version 1: where every field sits, and the sizes of one region.
 * docs/shared-frames.md is the same table for readers in other languages; the offsets here must not change
 * without a new {@link #VERSION}.
 *
 * <p>All integers are little-endian; every 64-bit field is 8-byte aligned (the fields read and written with
 * memory-ordering guarantees are all 64-bit, so C11 atomics and Java VarHandles can access them). The file is:
 * a header of {@link #headerSize()} bytes (the fixed fields, then one {@value #DESCRIPTOR_SIZE}-byte descriptor
 * per slot from offset {@value #DESCRIPTORS_OFFSET}, zero padded to a page), then {@link #slotCount()} pixel areas
 * of {@link #slotSize()} bytes each. Slot areas start on page boundaries.
 *
 * <p>An instance describes one region's geometry; immutable.
 */
public final class SharedFrameLayout {
    /** The first 8 bytes of every region. */
    public static final String MAGIC = "FRMREEL1";
    public static final int VERSION = 1;
    /** Header and slot areas are multiples of this, so each slot starts on a page. */
    public static final int PAGE = 4096;
    public static final int MIN_SLOTS = 2;
    /** Enough for any buffering scheme; a bound so a damaged count cannot make a reader walk off the header. */
    public static final int MAX_SLOTS = 64;
    /** Width and height bound; far above any camera, low enough that a forged size cannot overflow an int. */
    public static final int MAX_DIMENSION = 16384;

    // Header fields (offsets from the start of the file).
    public static final int MAGIC_OFFSET = 0;            // u8[8]  "FRMREEL1"
    public static final int VERSION_OFFSET = 8;          // u32    layout version
    public static final int HEADER_SIZE_OFFSET = 12;     // u32    bytes before slot 0's pixels
    public static final int SLOT_COUNT_OFFSET = 16;      // u32    2..64
    public static final int DESCRIPTOR_SIZE_OFFSET = 20; // u32    64
    public static final int SLOT_SIZE_OFFSET = 24;       // u64    bytes per slot pixel area
    public static final int MAX_WIDTH_OFFSET = 32;       // u32
    public static final int MAX_HEIGHT_OFFSET = 36;      // u32
    public static final int REGION_FOURCC_OFFSET = 40;   // u32    RGBP, XR24, or 0 (raw)
    public static final int REGION_PIXFORMAT_OFFSET = 44; // u32   OpenMV code, or 0
    public static final int WRITER_PID_OFFSET = 48;      // i64
    public static final int HEARTBEAT_OFFSET = 56;       // i64    CLOCK_MONOTONIC ns, release/acquire
    public static final int HEARTBEAT_PERIOD_OFFSET = 64; // i64   the writer beats at least this often
    public static final int FRAME_COUNTER_OFFSET = 72;   // u64    frames published, release/acquire
    public static final int LATEST_SLOT_OFFSET = 80;     // u64    slot of the newest whole frame, release/acquire
    public static final int WRITER_STATE_OFFSET = 88;    // u64    STATE_RUNNING or STATE_CLOSED, release/acquire
    /** First slot descriptor; bytes 96..255 are reserved and zero. */
    public static final int DESCRIPTORS_OFFSET = 256;
    public static final int DESCRIPTOR_SIZE = 64;

    // Slot descriptor fields (offsets from the descriptor's start).
    public static final int SEQ = 0;              // u64  seqlock: odd while the writer fills the slot
    public static final int FRAME_NUMBER = 8;     // u64  1 for the first frame published
    public static final int TIMESTAMP = 16;       // i64  CLOCK_MONOTONIC ns: capture time, else publish time
    public static final int WIDTH = 24;           // u32
    public static final int HEIGHT = 28;          // u32
    public static final int STRIDE = 32;          // u32  bytes per row; 0 for compressed raw frames
    public static final int PAYLOAD_BYTES = 36;   // u32  bytes used from the slot's start
    public static final int FOURCC = 40;          // u32  of the stored bytes; 0 when V4L2 has no equivalent
    public static final int PIXFORMAT = 44;       // u32  OpenMV code of the stored bytes; 0 for XRGB8888
    public static final int SOURCE_PIXFORMAT = 48; // u32 OpenMV code of the frame before conversion
    public static final int ELAPSED_MS = 52;      // i32  recorded interval since the previous frame, -1 unknown
    // 56..63 reserved, zero

    /** {@link #LATEST_SLOT_OFFSET} before the first frame: no slot holds a frame yet. */
    public static final long NO_SLOT = -1L;
    public static final long STATE_RUNNING = 1;
    /** Set by a writer that closed cleanly; readers keep the last frame but know no more will come. */
    public static final long STATE_CLOSED = 2;

    private final RegionFormat format;
    private final int maxWidth;
    private final int maxHeight;
    private final int slotCount;
    private final int slotSize;
    private final int headerSize;

    /**
     * @throws IllegalArgumentException if the region would not fit one mapping (2 GiB) or a count is out of range;
     *                                  validation of untrusted headers happens before, with file offsets
     */
    SharedFrameLayout(RegionFormat format, int maxWidth, int maxHeight, int slotCount, long slotSize) {
        if (slotCount < MIN_SLOTS || slotCount > MAX_SLOTS) {
            throw new IllegalArgumentException("slot count " + slotCount + " is outside " + MIN_SLOTS + ".." + MAX_SLOTS);
        }
        if (slotSize <= 0 || slotSize % PAGE != 0) {
            throw new IllegalArgumentException("slot size " + slotSize + " is not a positive multiple of " + PAGE);
        }
        long header = headerSizeFor(slotCount);
        if (header + slotCount * slotSize > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(slotCount + " slots of " + slotSize + " bytes exceed the 2 GiB one "
                    + "mapping holds");
        }
        this.format = format;
        this.maxWidth = maxWidth;
        this.maxHeight = maxHeight;
        this.slotCount = slotCount;
        this.slotSize = (int) slotSize;
        this.headerSize = (int) header;
    }

    /** The header size for this many slots: fixed fields and descriptors, rounded up to a page. */
    public static int headerSizeFor(int slotCount) {
        return roundUpToPage(DESCRIPTORS_OFFSET + (long) slotCount * DESCRIPTOR_SIZE);
    }

    static int roundUpToPage(long bytes) {
        return (int) ((bytes + PAGE - 1) / PAGE * PAGE);
    }

    public RegionFormat format() {
        return format;
    }

    public int maxWidth() {
        return maxWidth;
    }

    public int maxHeight() {
        return maxHeight;
    }

    public int slotCount() {
        return slotCount;
    }

    /** Bytes of each slot's pixel area. */
    public int slotSize() {
        return slotSize;
    }

    /** Bytes before slot 0's pixel area. */
    public int headerSize() {
        return headerSize;
    }

    /** The whole file. */
    public int fileSize() {
        return headerSize + slotCount * slotSize;
    }

    /** Where slot {@code slot}'s descriptor starts. */
    public int descriptorOffset(int slot) {
        return DESCRIPTORS_OFFSET + slot * DESCRIPTOR_SIZE;
    }

    /** Where slot {@code slot}'s pixels start. */
    public int slotOffset(int slot) {
        return headerSize + slot * slotSize;
    }

    @Override
    public String toString() {
        return format + " up to " + maxWidth + "x" + maxHeight + ", " + slotCount + " slots of " + slotSize
                + " bytes after a " + headerSize + "-byte header";
    }
}
