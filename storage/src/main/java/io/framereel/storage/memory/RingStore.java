package io.framereel.storage.memory;

import io.framereel.storage.Image;
import io.framereel.storage.ImageIOException;
import io.framereel.storage.MonotonicClock;
import io.framereel.storage.PixelFormat;
import java.nio.ByteBuffer;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A RAM ring of the last {@code capacity} frames, overwriting the oldest: the pre-trigger buffer. Beyond
 * OpenMV, whose memory streams need an explicit {@code seek(0)}.
 *
 * <p>Frames are numbered by a {@code long} sequence that starts at 0 and never wraps; frame {@code seq} lives
 * in slot {@code seq % capacity}. Exactly one thread writes ({@link #write}); any number of
 * {@link RingReader}s copy frames out concurrently, in capture order, for example into a file stream while the
 * camera keeps writing.
 *
 * <h2>Memory ordering</h2>
 * <ul>
 *   <li>{@code slotSequence[slot]} (writer: the writer thread; readers: reader threads; volatile): the sequence
 *       of the frame in the slot, {@link #BUSY} while the writer copies into it, {@link #EMPTY} before the first
 *       write. The writer publishes a frame by a volatile write of its sequence after filling the slot and its
 *       headers, so a reader that sees the sequence also sees the frame.</li>
 *   <li>{@code RingReader.reading} (writer: its reader; read by the writer; volatile): the frame the reader is
 *       copying. Writer and reader use Dekker's handshake: the writer stores BUSY then loads every reader's
 *       {@code reading}; a reader stores {@code reading} then loads the slot's sequence. Sequential consistency
 *       of volatiles guarantees at least one sees the other: either the reader finds the slot no longer holds its
 *       frame (it counts the frame as lost) or the writer finds the frame being copied and drops the new frame
 *       instead (counted in {@link #droppedFrames()}). A frame is never torn.</li>
 *   <li>{@code head} (writer: the writer thread; volatile): one past the newest published sequence.</li>
 * </ul>
 *
 * <p>Capacity need not be a power of two: it is sized from pre-trigger seconds times frame rate, and rounding
 * up could double the RAM a Pi spends on it. One division per frame is noise next to copying the frame.
 */
public final class RingStore implements AutoCloseable {
    /** {@code slotSequence} of a slot never written. */
    static final long EMPTY = -1;
    /** {@code slotSequence} of a slot the writer is filling. */
    static final long BUSY = -2;

    private final SlotMemory memory;
    private final ByteBuffer[] writerSlots;
    final SlotHeaders headers;
    final AtomicLongArray slotSequence;
    private final MonotonicClock clock;
    private final int capacity;

    /** Readers the writer must not overwrite under; copy-on-write, rarely changed. */
    private volatile RingReader[] readers = new RingReader[0];

    /** One past the newest published frame; written by the writer thread only. */
    private volatile long head;
    private long lastTimestampNanos = Image.NO_TIMESTAMP;
    private volatile long droppedFrames;
    private volatile boolean closed;
    private Thread writerThread;

    /**
     * Allocates {@code capacity} slots of {@code slotBytes} bytes off-heap.
     *
     * @throws IllegalArgumentException if capacity is less than 1
     */
    public RingStore(int capacity, int slotBytes, MonotonicClock clock) {
        this.memory = new SlotMemory(capacity, slotBytes);
        this.capacity = capacity;
        this.writerSlots = memory.views();
        this.headers = new SlotHeaders(capacity);
        this.slotSequence = new AtomicLongArray(capacity);
        for (int i = 0; i < capacity; i++) {
            slotSequence.set(i, EMPTY);
        }
        this.clock = clock;
    }

    /** A ring whose slots fit {@code width x height} frames of {@code format}, sized as memory streams are. */
    public static RingStore forFrames(int capacity, int width, int height, PixelFormat format) {
        long bytes = format.memorySlotBytes(width, height);
        if (bytes > Integer.MAX_VALUE - 64) {
            throw new IllegalArgumentException(width + "x" + height + " " + format + " frames are too large for a ring slot");
        }
        return new RingStore(capacity, (int) bytes, MonotonicClock.SYSTEM);
    }

    /**
     * Copies {@code image} into the slot of the oldest frame and publishes it. Must always be called from the
     * same thread. A frame without a timestamp is stamped with the ring's clock.
     *
     * @return the frame's sequence, or -1 if it was dropped because a reader was copying the oldest frame
     * @throws ImageIOException if the frame does not fit a slot or the ring is closed
     */
    public long write(Image image) throws ImageIOException {
        assert checkSingleWriter();
        if (closed) {
            throw new ImageIOException(null, head, -1, "ring is closed");
        }
        ByteBuffer payload = image.payload();
        int bytes = payload.remaining();
        long seq = head;
        if (bytes > memory.slotBytes()) {
            throw new ImageIOException(null, seq, -1, image.width() + "x" + image.height() + " " + image.format()
                    + " frame of " + bytes + " bytes does not fit the " + memory.slotBytes() + "-byte ring slot");
        }
        int slot = (int) (seq % capacity);
        long evicted = seq - capacity;
        slotSequence.set(slot, BUSY); // volatile store, then volatile loads of reading: Dekker, StoreLoad
        if (evicted >= 0) {
            for (RingReader r : readers) {
                if (r.reading == evicted) {
                    slotSequence.set(slot, evicted);
                    droppedFrames++; // single writer: a plain increment of a volatile is safe
                    return -1;
                }
            }
        }
        writerSlots[slot].put(0, payload, payload.position(), bytes);
        long ts = image.timestampNanos() != Image.NO_TIMESTAMP ? image.timestampNanos() : clock.nanos();
        int elapsed = image.elapsedMs() != Image.NO_ELAPSED ? image.elapsedMs()
                : lastTimestampNanos == Image.NO_TIMESTAMP ? Image.NO_ELAPSED
                : (int) Math.max(0, Math.min(Integer.MAX_VALUE, (ts - lastTimestampNanos + 500_000L) / 1_000_000L));
        lastTimestampNanos = ts;
        headers.set(slot, elapsed, image.width(), image.height(), image.format(), bytes, ts);
        slotSequence.set(slot, seq); // publish the slot
        head = seq + 1; // publish the sequence
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
        RingReader r = new RingReader(this, memory.views(), oldest());
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

    /** Sequence of the oldest frame still held (volatile read). */
    public long oldest() {
        return Math.max(0, head - capacity);
    }

    /**
     * The capture timestamp of frame {@code seq}, or {@link Image#NO_TIMESTAMP} when the ring no longer (or not yet)
     * holds it. Any thread: the slot's sequence is read before and after the timestamp, seqlock fashion, so a
     * timestamp being overwritten is never returned for the wrong frame.
     */
    public long timestampOf(long seq) {
        if (seq < 0 || seq >= head) {
            return Image.NO_TIMESTAMP;
        }
        int slot = slotOf(seq);
        if (slotSequence.get(slot) != seq) {
            return Image.NO_TIMESTAMP;
        }
        long ts = headers.timestampNanos[slot];
        VarHandle.acquireFence(); // keep the plain read above before the re-check below
        return slotSequence.get(slot) == seq ? ts : Image.NO_TIMESTAMP;
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

    /** Frames held now: {@code min(head, capacity)}. */
    public int fill() {
        return (int) Math.min(head, capacity);
    }

    public int capacity() {
        return capacity;
    }

    public int slotBytes() {
        return memory.slotBytes();
    }

    /** Frames the writer dropped because a reader was copying the slot they would overwrite. */
    public long droppedFrames() {
        return droppedFrames;
    }

    int slotOf(long seq) {
        return (int) (seq % capacity);
    }

    /** Refuses further writes; readers still open may finish. */
    @Override
    public void close() {
        closed = true;
    }

    @Override
    public String toString() {
        return "RingStore[" + fill() + "/" + capacity + " x " + memory.slotBytes() + "B, head=" + head + "]";
    }
}
