package io.framereel.capture.record;

import io.framereel.storage.Image;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The hand-off between the capture thread and the writer thread: a fixed ring of pre-allocated direct frame
 * buffers with one producer and one consumer, in the manner of a single-producer Disruptor. The capture thread
 * claims a free slot without ever waiting (no free slot means storage is behind: the frame is dropped, never a
 * half-written one stored), fills it and publishes; the writer takes published slots in order. No locks, no
 * allocation per frame.
 */
final class FrameSlots {
    private final ByteBuffer[] buffers;
    private final Image[] images;
    private final int capacity;
    /** Slots published by the capture thread (next to fill = published % capacity). */
    private final AtomicLong published = new AtomicLong();
    /** Slots the writer has finished with. */
    private final AtomicLong consumed = new AtomicLong();
    private volatile Thread writer;

    FrameSlots(int capacity, int slotBytes) {
        if (capacity < 2) {
            throw new IllegalArgumentException("at least 2 slots (was " + capacity + ")");
        }
        this.capacity = capacity;
        this.buffers = new ByteBuffer[capacity];
        this.images = new Image[capacity];
        for (int i = 0; i < capacity; i++) {
            buffers[i] = ByteBuffer.allocateDirect(slotBytes).order(ByteOrder.LITTLE_ENDIAN);
            images[i] = Image.empty();
        }
    }

    int capacity() {
        return capacity;
    }

    /** The writer thread, woken when a slot is published. */
    void writer(Thread thread) {
        this.writer = thread;
    }

    /**
     * Capture side: the buffer of the next free slot, whole (position 0, limit its capacity), or null when all are
     * waiting to be written. Whole, because the slot's last frame left its limit at that frame's length, and a
     * compressed frame may be longer than the one before.
     */
    ByteBuffer claim() {
        long p = published.get();
        if (p - consumed.get() >= capacity) {
            return null;
        }
        return buffers[(int) (p % capacity)].clear();
    }

    /** Capture side: the index (0 to capacity - 1) of the slot {@link #claim()} hands out next. */
    int claimedIndex() {
        return (int) (published.get() % capacity);
    }

    /** Slots the writer has finished with since the start; slot {@code n % capacity} is the n-th one. */
    long consumedCount() {
        return consumed.get();
    }

    /** Capture side: the claimed slot's frame, to be described before {@link #publish()}. */
    Image claimedImage() {
        return images[(int) (published.get() % capacity)];
    }

    /** Wakes the writer, e.g. to see that capture has ended. */
    void wakeWriter() {
        Thread w = writer;
        if (w != null) {
            LockSupport.unpark(w);
        }
    }

    /** Capture side: hands the claimed slot to the writer. */
    void publish() {
        // A volatile store, not lazySet: the writer may be parked, and park/unpark promise no ordering of their own.
        published.set(published.get() + 1);
        wakeWriter();
    }

    /** Writer side: the oldest published frame, or null when none is waiting. */
    Image peek() {
        long c = consumed.get();
        if (c >= published.get()) {
            return null;
        }
        return images[(int) (c % capacity)];
    }

    /** Writer side: the peeked slot is written; the capture thread may reuse it. */
    void release() {
        consumed.lazySet(consumed.get() + 1);
    }

    /** Frames published but not yet written. */
    int pending() {
        return (int) (published.get() - consumed.get());
    }
}
