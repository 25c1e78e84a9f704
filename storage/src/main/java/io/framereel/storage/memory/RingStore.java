package io.framereel.storage.memory;

import io.framereel.storage.Image;
import io.framereel.storage.ImageIOException;
import io.framereel.storage.MonotonicClock;
import io.framereel.storage.PixelFormat;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;

/**
 * A RAM ring of the last frames, overwriting the oldest: the pre-trigger buffer. Beyond OpenMV, whose memory
 * streams need an explicit {@code seek(0)}.
 *
 * <p>Frames are packed one after another in {@link RingBlocks}, each taking its own size rather than the
 * largest a camera may send: a 1280x720 MJPEG camera announces 1.8 MB frames and sends about 0.1 MB ones, so a
 * ring of fixed slots would hold a tenth of the seconds its memory could. The ring holds at most
 * {@link #capacity()} frames (the index) and at most its byte cap; memory grows block by block only while the
 * frames held need more room, so it stays at what {@code capacity} real frames take.
 *
 * <p>Frames are numbered by a {@code long} sequence that starts at 0 and never wraps; the frames held are
 * {@code [oldest, head)}, and frame {@code seq}'s index entry is {@code seq % capacity}. Exactly one thread writes
 * ({@link #write}); any number of {@link RingReader}s copy frames out concurrently, in capture order, for
 * example into a file stream while the camera keeps writing.
 *
 * <h2>Memory ordering</h2>
 * <ul>
 *   <li>{@code oldest} (writer: the writer thread; volatile): the oldest frame held; it only moves forward.
 *       Before the writer reuses memory or an index entry it moves {@code oldest} past every frame that used
 *       them (a frame is evicted whole, so the frames evicted by one write are always the oldest few, and never
 *       one written into the current block in this lap, however small).</li>
 *   <li>{@code evicting} (writer: the writer thread; volatile) and {@code RingReader.reading} (writer: its
 *       reader; read by the writer; volatile): what the write under way would evict, and the frame a reader is
 *       copying. Writer and reader use Dekker's handshake: the writer stores {@code evicting} then loads every
 *       reader's {@code reading}; a reader stores {@code reading} then loads {@code evicting}. Sequential
 *       consistency of volatiles guarantees at least one sees the other: either the reader finds its frame
 *       evicted (it counts the frame as lost) or the writer finds a frame it would evict being copied, puts
 *       {@code evicting} back and drops the new frame instead (counted in {@link #droppedFrames()}). Only after
 *       the handshake does the writer move {@code oldest}, so no thread ever sees it go back. A frame is never
 *       torn.</li>
 *   <li>{@code head} (writer: the writer thread; volatile): one past the newest published frame. The writer
 *       stores it after the frame's bytes and index entry, so a reader that sees the head sees the frame.</li>
 * </ul>
 *
 * <p>Capacity need not be a power of two: it is sized from pre-trigger seconds times frame rate, and rounding
 * up could double the frames a Pi keeps. One division per frame is noise next to copying the frame.
 */
public final class RingStore implements AutoCloseable {
    private final RingBlocks blocks;
    final SlotHeaders headers;
    /** Per index entry: the block and offset of the frame's bytes. */
    final int[] blockOf;
    final int[] offsetOf;
    private final MonotonicClock clock;
    private final int capacity;
    private final int maxFrameBytes;

    /** Readers the writer must not overwrite under; copy-on-write, rarely changed. */
    private volatile RingReader[] readers = new RingReader[0];

    /** One past the newest published frame; written by the writer thread only. */
    private volatile long head;
    /** The oldest frame held; written by the writer thread only. */
    private volatile long oldest;
    /**
     * The oldest frame once the write under way evicts what it needs (Dekker's flag, >= oldest); put back if it
     * drops instead, so oldest itself never moves backwards.
     */
    private volatile long evicting;
    /** Where the next frame goes, if it fits: writer thread only. */
    private int writeBlock;
    private int writeOffset;
    /** The first frame written into writeBlock since the writer last entered it: older frames there are a lap old. */
    private long blockFirstSeq;
    private long lastTimestampNanos = Image.NO_TIMESTAMP;
    private volatile long droppedFrames;
    private volatile boolean closed;
    private Thread writerThread;

    /**
     * A ring that holds the last {@code capacity} frames of up to {@code maxFrameBytes} each, using no more memory
     * than {@code maxBytes} (rounded down to whole blocks, and at least one block that fits a frame): whichever
     * limit comes first decides how far back the ring reaches.
     *
     * @throws IllegalArgumentException if capacity is less than 1 or a size is negative
     */
    public RingStore(int capacity, int maxFrameBytes, long maxBytes, MonotonicClock clock) {
        this(capacity, maxFrameBytes, blocks(maxFrameBytes, maxBytes), clock);
    }

    /**
     * A ring that holds the last {@code capacity} frames of up to {@code slotBytes} each, whatever their sizes:
     * its memory grows to what they take, at most about {@code capacity * slotBytes} plus one block.
     *
     * @throws IllegalArgumentException if capacity is less than 1 or slotBytes is negative
     */
    public RingStore(int capacity, int slotBytes, MonotonicClock clock) {
        this(capacity, slotBytes, blocksForCapacity(capacity, slotBytes), clock);
    }

    private RingStore(int capacity, int maxFrameBytes, RingBlocks blocks, MonotonicClock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("ring capacity cannot be less than 1 (was " + capacity + ")");
        }
        this.capacity = capacity;
        this.maxFrameBytes = maxFrameBytes;
        this.blocks = blocks;
        this.headers = new SlotHeaders(capacity);
        this.blockOf = new int[capacity];
        this.offsetOf = new int[capacity];
        this.clock = clock;
    }

    private static RingBlocks blocks(int maxFrameBytes, long maxBytes) {
        checkFrameBytes(maxFrameBytes);
        // at least two blocks when the cap allows: a single block holds only the newest frame right after a wrap
        int blockBytes = RingBlocks.blockBytesFor(maxFrameBytes, maxBytes / 2);
        // empty frames need no memory: one (empty) block, not one per byte of the cap
        long count = blockBytes == 0 ? 1 : Math.max(1, Math.min(Integer.MAX_VALUE - 8, maxBytes / blockBytes));
        return new RingBlocks(blockBytes, (int) count);
    }

    private static RingBlocks blocksForCapacity(int capacity, int slotBytes) {
        checkFrameBytes(slotBytes);
        int blockBytes = RingBlocks.blockBytesFor(slotBytes, (long) Math.max(1, capacity) * slotBytes);
        long perBlock = slotBytes == 0 ? capacity : Math.max(1, blockBytes / slotBytes);
        // one block more than equal frames fill: frames of mixed sizes leave a tail unused in each block
        long needed = (Math.max(1, capacity) + perBlock - 1) / perBlock + 1;
        return new RingBlocks(blockBytes, (int) Math.min(Integer.MAX_VALUE - 8, needed));
    }

    private static void checkFrameBytes(int bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("frame size cannot be negative (was " + bytes + ")");
        }
    }

    /** A ring that holds {@code capacity} frames of {@code width x height} {@code format}, sized as memory streams are. */
    public static RingStore forFrames(int capacity, int width, int height, PixelFormat format) {
        long bytes = format.memorySlotBytes(width, height);
        if (bytes > Integer.MAX_VALUE - 64) {
            throw new IllegalArgumentException(width + "x" + height + " " + format + " frames are too large for a ring slot");
        }
        return new RingStore(capacity, (int) bytes, MonotonicClock.SYSTEM);
    }

    /**
     * Copies {@code image} after the newest frame, evicting the oldest frames it needs room from, and publishes
     * it. Must always be called from the same thread. A frame without a timestamp is stamped with the ring's
     * clock.
     *
     * @return the frame's sequence, or -1 if it was dropped because a reader was copying a frame it would evict
     * @throws ImageIOException if the frame is larger than the ring's largest frame or the ring is closed
     */
    public long write(Image image) throws ImageIOException {
        assert checkSingleWriter();
        if (closed) {
            throw new ImageIOException(null, head, -1, "ring is closed");
        }
        ByteBuffer payload = image.payload();
        int bytes = payload.remaining();
        long seq = head;
        if (bytes > maxFrameBytes) {
            throw new ImageIOException(null, seq, -1, image.width() + "x" + image.height() + " " + image.format()
                    + " frame of " + bytes + " bytes does not fit the " + maxFrameBytes + "-byte ring slot");
        }
        long from = oldest;
        long evictTo = Math.max(from, seq - capacity + 1); // the index entry the new frame takes
        int block = writeBlock;
        int offset = writeOffset;
        boolean grow = false;
        long lapStart = blockFirstSeq; // frames from here on in this block are this lap's, before the offset
        if (offset + (long) bytes > blocks.blockBytes()) {
            // the rest of this block holds the previous lap's frames: the oldest of all, so they go first
            evictTo = evictWhileIn(evictTo, Math.min(seq, lapStart), block, offset, Integer.MAX_VALUE);
            int next = blocks.next(block);
            if (evictTo < seq && blockOf[index(evictTo)] == next && blocks.canGrow()) {
                next = blocks.spare(); // the next block holds frames still wanted: add memory instead
                grow = true;
            }
            block = next;
            offset = 0;
            lapStart = seq;
        }
        evictTo = evictWhileIn(evictTo, Math.min(seq, lapStart), block, offset, offset + bytes);
        if (evictTo != from) {
            evicting = evictTo; // volatile store, then volatile loads of reading: Dekker, StoreLoad
            for (RingReader r : readers) {
                long reading = r.reading;
                if (reading >= from && reading < evictTo) {
                    evicting = from;
                    droppedFrames++; // single writer: a plain increment of a volatile is safe
                    return -1;
                }
            }
            oldest = evictTo;
        }
        VarHandle.storeStoreFence(); // timestampOf's seqlock: the eviction is visible before the entry changes
        if (grow) {
            blocks.link(writeBlock);
        }
        ByteBuffer dst = blocks.block(block);
        dst.put(offset, payload, payload.position(), bytes);
        long ts = image.timestampNanos() != Image.NO_TIMESTAMP ? image.timestampNanos() : clock.nanos();
        int elapsed = image.elapsedMs() != Image.NO_ELAPSED ? image.elapsedMs()
                : lastTimestampNanos == Image.NO_TIMESTAMP ? Image.NO_ELAPSED
                : (int) Math.max(0, Math.min(Integer.MAX_VALUE, (ts - lastTimestampNanos + 500_000L) / 1_000_000L));
        lastTimestampNanos = ts;
        int entry = index(seq);
        headers.set(entry, elapsed, image.width(), image.height(), image.format(), bytes, ts);
        blockOf[entry] = block;
        offsetOf[entry] = offset;
        writeBlock = block;
        writeOffset = offset + bytes;
        blockFirstSeq = lapStart;
        head = seq + 1; // publish the frame
        return seq;
    }

    /**
     * Moves {@code from} past the frames, oldest first, whose bytes start in {@code block} within
     * {@code [start, end)}. Frames lie in capture order along the blocks' circle, so the frames a write needs room
     * from are always a run of the oldest.
     */
    private long evictWhileIn(long from, long head, int block, int start, int end) {
        long seq = from;
        while (seq < head) {
            int entry = index(seq);
            int at = offsetOf[entry];
            if (blockOf[entry] != block || at < start || at >= end) {
                break;
            }
            seq++;
        }
        return seq;
    }

    private boolean checkSingleWriter() {
        Thread t = Thread.currentThread();
        if (writerThread == null) {
            writerThread = t;
        }
        if (writerThread != t) {
            throw new AssertionError("RingStore has one writer (" + writerThread.getName() + "); "
                    + t.getName() + " must hand frames to it instead of writing");
        }
        return true;
    }

    /** Opens a reader positioned at the oldest frame still in the ring. */
    public synchronized RingReader reader() {
        RingReader r = new RingReader(this, oldest());
        RingReader[] next = java.util.Arrays.copyOf(readers, readers.length + 1);
        next[readers.length] = r;
        readers = next;
        return r;
    }

    synchronized void remove(RingReader r) {
        RingReader[] cur = readers;
        for (int i = 0; i < cur.length; i++) {
            if (cur[i] == r) {
                RingReader[] next = new RingReader[cur.length - 1];
                System.arraycopy(cur, 0, next, 0, i);
                System.arraycopy(cur, i + 1, next, i, cur.length - i - 1);
                readers = next;
                return;
            }
        }
    }

    /** One past the newest frame's sequence (volatile read): the number of frames ever written. */
    public long head() {
        return head;
    }

    /** Readers copying a frame check it against this: at or after {@link #oldest()}, see {@link #evicting}. */
    long evicting() {
        return evicting;
    }

    /** Sequence of the oldest frame still held (volatile read). */
    public long oldest() {
        return oldest;
    }

    /**
     * The capture timestamp of frame {@code seq}, or {@link Image#NO_TIMESTAMP} when the ring no longer (or not yet)
     * holds it. Any thread: whether the ring holds the frame is checked before and after the timestamp is read,
     * seqlock fashion, so a timestamp being overwritten is never returned for the wrong frame.
     */
    public long timestampOf(long seq) {
        if (seq < oldest || seq >= head) {
            return Image.NO_TIMESTAMP;
        }
        long ts = headers.timestampNanos[index(seq)];
        VarHandle.acquireFence(); // keep the plain read above before the re-check below
        return seq >= oldest ? ts : Image.NO_TIMESTAMP;
    }

    /**
     * The oldest frame still held whose timestamp is at or after {@code timestampNanos}, or {@link #head()} when
     * none is: where a recording that keeps the frames since that moment starts. Frames are timestamped in capture
     * order, so the first match ends the scan. Any thread.
     */
    public long firstAtOrAfter(long timestampNanos) {
        long end = head;
        for (long seq = oldest(); seq < end; seq++) {
            long ts = timestampOf(seq);
            if (ts != Image.NO_TIMESTAMP && ts >= timestampNanos) {
                return seq;
            }
        }
        return end;
    }

    /** Frames held now. */
    public int fill() {
        long h = head;
        return (int) Math.max(0, h - oldest);
    }

    /** The most frames the ring holds (its index); its byte cap may hold fewer. */
    public int capacity() {
        return capacity;
    }

    /** The largest frame the ring takes. */
    public int slotBytes() {
        return maxFrameBytes;
    }

    /** Off-heap memory the ring has allocated so far (it grows only while the frames held need more). */
    public long bytesAllocated() {
        return blocks.bytesAllocated();
    }

    /** The most off-heap memory the ring may allocate. */
    public long maxBytes() {
        return (long) blocks.maxBlocks() * blocks.blockBytes();
    }

    /** Frames the writer dropped because a reader was copying a frame they would evict. */
    public long droppedFrames() {
        return droppedFrames;
    }

    int index(long seq) {
        return (int) (seq % capacity);
    }

    /** Block {@code b}'s buffer; take a duplicate before touching its position or limit. */
    ByteBuffer block(int b) {
        return blocks.block(b);
    }

    int maxBlocks() {
        return blocks.maxBlocks();
    }

    /** Refuses further writes; readers still open may finish. */
    @Override
    public void close() {
        closed = true;
    }

    @Override
    public String toString() {
        return "RingStore[" + fill() + "/" + capacity + " frames, " + (bytesAllocated() >> 10) + "/" + (maxBytes() >> 10)
                + " KiB, head=" + head + "]";
    }
}
