package io.framereel.device.shm;

import io.framereel.storage.MonotonicClock;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Reads whole frames from a shared frame region another process (or thread) writes, never a torn one.
 *
 * <p>The protocol, per read: load the latest slot index with acquire; load that slot's sequence with acquire
 * and retry if it is odd (the writer is filling it); copy the descriptor and the pixels; a load-load fence; load
 * the sequence again and retry if it changed (the writer came round to this slot during the copy). A frame that
 * passes is exactly what the writer published. The descriptor of a stable frame is then checked against the
 * header's geometry, so a damaged file gives an error naming the offset, never a read outside a slot.
 *
 * <p>There is no notification across processes, so {@link #awaitNext} polls the frame counter every
 * {@value #POLL_MICROS} µs. Reading allocates nothing. Not thread-safe: give each reading thread its own reader
 * (they may share the file).
 */
public final class SharedFrameReader implements AutoCloseable {
    static final long POLL_MICROS = 250;
    /**
     * How long the latest slot may stay unreadable (odd, or changing under every copy) before the region is
     * called broken: a writer that follows the protocol never leaves the latest slot odd, and fills a slot in
     * milliseconds, so this only trips on a damaged file or a writer that does not follow the protocol.
     */
    static final long SETTLE_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final SharedFrameRegion region;
    private final SharedFrameLayout layout;
    private final ByteBuffer memory;
    private final OrderedAccess access;
    private final MonotonicClock clock;
    private final long heartbeatPeriodNanos;
    private long retries;
    private boolean closed;

    private SharedFrameReader(SharedFrameRegion region, MonotonicClock clock) {
        this.region = region;
        this.layout = region.layout();
        this.memory = region.memory();
        this.access = region.access();
        this.clock = clock;
        this.heartbeatPeriodNanos = memory.getLong(SharedFrameLayout.HEARTBEAT_PERIOD_OFFSET);
    }

    /**
     * Maps the region at {@code path} read-only and validates its header.
     *
     * @throws SharedFrameException if it is not a regular file or not a valid region; the message names the offset
     */
    /** The newest frame number {@link #readLatest} returned, so that it never returns an older one. */
    private long newestReturned;

    public static SharedFrameReader open(Path path) throws IOException {
        return open(path, MonotonicClock.SYSTEM);
    }

    /**
     * Like {@link #open(Path)}, with the clock heartbeats and timeouts are measured on. Only tests pass another
     * clock: the heartbeat is CLOCK_MONOTONIC, which {@link MonotonicClock#SYSTEM} is on Linux.
     */
    public static SharedFrameReader open(Path path, MonotonicClock clock) throws IOException {
        return new SharedFrameReader(SharedFrameRegion.open(path), clock);
    }

    /** A frame copy with room for any frame of this region. */
    public FrameCopy newFrameCopy() {
        return new FrameCopy(layout.slotSize());
    }

    /**
     * Copies the newest whole frame into {@code dst}.
     *
     * @return false when the writer has not published a frame yet
     * @throws SharedFrameException     if the region is damaged: a latest index outside the slots, a descriptor that
     *                                  does not fit the header, or a slot that never settles
     * @throws InterruptedIOException   if the thread is interrupted while the slot is being rewritten
     * @throws IllegalArgumentException if {@code dst} is smaller than a slot
     */
    public boolean readLatest(FrameCopy dst) throws IOException {
        ensureOpen();
        if (dst.capacity() < layout.slotSize()) {
            throw new IllegalArgumentException("a frame copy of " + dst.capacity() + " bytes cannot hold this region's "
                    + layout.slotSize() + "-byte slots; use newFrameCopy()");
        }
        long firstFailure = 0;
        for (int failures = 0; ; failures++) {
            long latest = access.getAcquire(SharedFrameLayout.LATEST_SLOT_OFFSET);
            if (latest == SharedFrameLayout.NO_SLOT) {
                return false;
            }
            if (latest < 0 || latest >= layout.slotCount()) {
                throw new SharedFrameException(region.path(), SharedFrameLayout.LATEST_SLOT_OFFSET, "latest slot "
                        + latest + " is not one of the " + layout.slotCount() + " slots");
            }
            int slot = (int) latest;
            if (tryCopy(slot, dst)) {
                // The writer marks a slot whole before it points latest_slot at it. A reader that loaded the old
                // latest_slot, then found the slot it was about to point at already rewritten, returned a frame
                // newer than latest_slot's; its next read must not go back to latest_slot's older frame. The
                // writer's store is moments away, so this is a retry like any other.
                if (dst.frameNumber() >= newestReturned) {
                    newestReturned = dst.frameNumber();
                    return true;
                }
            }
            retries++;
            if (failures == 0) {
                firstFailure = System.nanoTime();
            } else if ((failures & 63) == 0) {
                giveUpIfStuck(slot, firstFailure);
                Thread.yield();
            }
            Thread.onSpinWait();
        }
    }

    /**
     * Waits until the writer publishes a frame newer than the one {@code dst} holds, and copies it.
     *
     * @return true when {@code dst} now holds a newer frame; false when the timeout passed first
     */
    public boolean awaitNext(FrameCopy dst, long timeout, TimeUnit unit) throws IOException {
        long after = dst.frameNumber();
        long deadline = clock.nanos() + unit.toNanos(timeout);
        while (true) {
            if (access.getAcquire(SharedFrameLayout.FRAME_COUNTER_OFFSET) > after && readLatest(dst)
                    && dst.frameNumber() > after) {
                return true;
            }
            if (clock.nanos() - deadline >= 0) {
                return false;
            }
            LockSupport.parkNanos(this, POLL_MICROS * 1000);
            if (Thread.interrupted()) {
                throw new InterruptedIOException("interrupted while waiting for a frame in " + region.path());
            }
        }
    }

    /** Whether the writer is alive, stale (died or hangs) or closed, by its heartbeat and state. */
    public WriterStatus writerStatus() {
        return WriterStatus.of(access, heartbeatPeriodNanos, clock.nanos());
    }

    /** How long ago the writer last beat, in nanoseconds. */
    public long heartbeatAgeNanos() {
        return clock.nanos() - access.getAcquire(SharedFrameLayout.HEARTBEAT_OFFSET);
    }

    /** The process id the writer recorded (in its own pid namespace). */
    public long writerPid() {
        return memory.getLong(SharedFrameLayout.WRITER_PID_OFFSET);
    }

    /** Frames the writer has published so far. */
    public long framesPublished() {
        return access.getAcquire(SharedFrameLayout.FRAME_COUNTER_OFFSET);
    }

    /** Copies thrown away because the writer was filling or refilling the slot: a measure of contention. */
    public long retries() {
        return retries;
    }

    public SharedFrameLayout layout() {
        return layout;
    }

    public SharedFrameRegion region() {
        return region;
    }

    /** Marks the reader closed; the mapping goes when the reader is unreachable (Java cannot unmap eagerly). */
    @Override
    public void close() {
        closed = true;
    }

    /** One attempt of the seqlock read; false when the slot was being written before or during the copy. */
    private boolean tryCopy(int slot, FrameCopy dst) throws SharedFrameException {
        int d = layout.descriptorOffset(slot);
        long before = access.getAcquire(d + SharedFrameLayout.SEQ);
        if ((before & 1) != 0) {
            return false;
        }
        long number = memory.getLong(d + SharedFrameLayout.FRAME_NUMBER);
        long timestamp = memory.getLong(d + SharedFrameLayout.TIMESTAMP);
        long width = Integer.toUnsignedLong(memory.getInt(d + SharedFrameLayout.WIDTH));
        long height = Integer.toUnsignedLong(memory.getInt(d + SharedFrameLayout.HEIGHT));
        long stride = Integer.toUnsignedLong(memory.getInt(d + SharedFrameLayout.STRIDE));
        long payload = Integer.toUnsignedLong(memory.getInt(d + SharedFrameLayout.PAYLOAD_BYTES));
        int fourcc = memory.getInt(d + SharedFrameLayout.FOURCC);
        int pixformat = memory.getInt(d + SharedFrameLayout.PIXFORMAT);
        int source = memory.getInt(d + SharedFrameLayout.SOURCE_PIXFORMAT);
        int elapsed = memory.getInt(d + SharedFrameLayout.ELAPSED_MS);
        // A torn descriptor can hold any size; never copy past the slot, whatever it says.
        boolean fits = payload <= layout.slotSize();
        if (fits) {
            dst.target().clear();
            dst.target().put(0, memory, layout.slotOffset(slot), (int) payload);
        }
        OrderedAccess.loadLoadFence();
        if (access.getOpaque(d + SharedFrameLayout.SEQ) != before) {
            return false;
        }
        // Stable: these are the values the writer stored, so anything wrong with them is damage, not a race.
        if (!fits) {
            throw damaged(d + SharedFrameLayout.PAYLOAD_BYTES, slot, "payload of " + payload + " bytes exceeds the "
                    + layout.slotSize() + "-byte slot");
        }
        if (number < 1) {
            throw damaged(d + SharedFrameLayout.FRAME_NUMBER, slot, "the latest slot holds no frame (frame number "
                    + number + ")");
        }
        if (width < 1 || width > layout.maxWidth() || height < 1 || height > layout.maxHeight()) {
            throw damaged(d + SharedFrameLayout.WIDTH, slot, "frame " + width + "x" + height + " is outside the "
                    + "region's 1x1.." + layout.maxWidth() + "x" + layout.maxHeight());
        }
        int bytesPerPixel = layout.format().bytesPerPixel();
        if (layout.format().isDisplay()
                && (stride < width * bytesPerPixel || stride * (height - 1) + width * bytesPerPixel > payload)) {
            throw damaged(d + SharedFrameLayout.STRIDE, slot, "stride " + stride + " and payload " + payload
                    + " bytes do not hold " + width + "x" + height + " pixels of " + bytesPerPixel + " bytes");
        }
        dst.set(slot, number, timestamp, (int) width, (int) height, (int) stride, (int) payload, fourcc, pixformat,
                source, elapsed);
        return true;
    }

    private void giveUpIfStuck(int slot, long firstFailure) throws IOException {
        if (Thread.interrupted()) {
            throw new InterruptedIOException("interrupted while slot " + slot + " of " + region.path()
                    + " was being rewritten");
        }
        if (System.nanoTime() - firstFailure > SETTLE_LIMIT_NANOS) {
            int seq = layout.descriptorOffset(slot) + SharedFrameLayout.SEQ;
            throw damaged(seq, slot, "the sequence (" + access.getOpaque(seq) + ") did not settle within "
                    + TimeUnit.NANOSECONDS.toMillis(SETTLE_LIMIT_NANOS) + " ms: the latest slot stays odd or keeps "
                    + "changing, which a writer following the protocol never does (damaged file, or another program "
                    + "writing it)");
        }
    }

    private SharedFrameException damaged(long offset, int slot, String problem) {
        return new SharedFrameException(region.path(), offset, "slot " + slot + ": " + problem);
    }

    private void ensureOpen() throws SharedFrameException {
        if (closed) {
            throw new SharedFrameException(region.path(), SharedFrameException.NO_OFFSET, "the reader is closed");
        }
    }
}
