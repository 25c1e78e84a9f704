package io.framereel.capture.source;

import java.nio.ByteBuffer;
import java.util.concurrent.locks.LockSupport;

/**
 * The frames read from rpicam-vid's pipe, waiting for the capture thread: a few pre-allocated frame buffers
 * handed from one producer (the pipe reader) to one consumer (the capture thread), like a V4L2 driver's buffer
 * queue. When every buffer is full the producer waits, so rpicam-vid blocks on its pipe and libcamera drops
 * frames at the sensor, where the gap shows in the timestamps and is counted; no frame is overwritten here.
 *
 * <pre>
 *   sequence:   consumed            published
 *                  v                   v
 *   slots:   [ free | ready | ready | free ]     slot = sequence & mask
 * </pre>
 *
 * <p>Memory ordering: {@code published} is written only by the producer and {@code consumed} only by the consumer,
 * both volatile; a slot's buffer, length, arrival time and frame index are plain fields written before the
 * volatile write that hands the slot over and read after the volatile read that sees it. Waiters register
 * in a volatile field, re-check, then park; the other side unparks them after its counter write, so a wake-up
 * is never lost (the park timeout is only a safety net). Nothing allocates after construction.
 */
final class RpicamFrameRing {
    private static final long SAFETY_PARK_NANOS = 50_000_000L;

    private final byte[][] buffers;
    private final ByteBuffer[] views;
    private final int[] lengths;
    private final long[] arrivalNanos;
    private final long[] frameIndexes;
    private final int mask;

    /** Frames handed to the consumer; written by the producer only. */
    private volatile long published;
    /** Frames given back by the consumer; written by the consumer only. */
    private volatile long consumed;
    /** Set by either side to end waiting: the producer at end of stream, the owner at close. */
    private volatile boolean closed;
    private volatile Thread waitingProducer;
    private volatile Thread waitingConsumer;

    /**
     * @param slots    a power of two, at least 2: one frame being filled while one is being converted
     * @param capacity bytes per frame buffer
     */
    RpicamFrameRing(int slots, int capacity) {
        if (slots < 2 || Integer.bitCount(slots) != 1) {
            throw new IllegalArgumentException("slots must be a power of two >= 2 (was " + slots + ")");
        }
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive (was " + capacity + ")");
        }
        buffers = new byte[slots][];
        views = new ByteBuffer[slots];
        for (int i = 0; i < slots; i++) {
            buffers[i] = new byte[capacity];
            views[i] = ByteBuffer.wrap(buffers[i]);
        }
        lengths = new int[slots];
        arrivalNanos = new long[slots];
        frameIndexes = new long[slots];
        mask = slots - 1;
    }

    int capacity() {
        return buffers[0].length;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Producer side (the pipe reader thread)

    /** Waits for a free slot and returns its buffer to fill; null once the ring is closed. */
    byte[] claim() {
        while (published - consumed > mask) {
            if (closed) {
                return null;
            }
            waitingProducer = Thread.currentThread();
            if (published - consumed > mask && !closed) { // re-check after registering: no lost wake-up
                LockSupport.parkNanos(this, SAFETY_PARK_NANOS);
            }
            waitingProducer = null;
        }
        return closed ? null : buffers[(int) (published & mask)];
    }

    /** Hands the claimed buffer, holding {@code length} bytes of frame {@code frameIndex}, to the consumer. */
    void publish(int length, long arrival, long frameIndex) {
        int slot = (int) (published & mask);
        lengths[slot] = length;
        arrivalNanos[slot] = arrival;
        frameIndexes[slot] = frameIndex;
        published = published + 1; // release: the slot's fields above become visible with it
        Thread consumer = waitingConsumer;
        if (consumer != null) {
            LockSupport.unpark(consumer);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Consumer side (the capture thread)

    /**
     * Waits until {@code deadlineNanos} (System.nanoTime) for a published frame; true if there is one to read with
     * {@link #frame()} and friends, false at the deadline or once the ring is closed and drained.
     */
    boolean await(long deadlineNanos) {
        while (consumed == published) {
            long wait = deadlineNanos - System.nanoTime();
            if (closed || wait <= 0) {
                return consumed != published;
            }
            waitingConsumer = Thread.currentThread();
            if (consumed == published && !closed) {
                LockSupport.parkNanos(this, Math.min(wait, SAFETY_PARK_NANOS));
            }
            waitingConsumer = null;
        }
        return true;
    }

    /** The oldest published frame's bytes, {@code [0, frameLength())}; valid until {@link #release()}. */
    ByteBuffer frame() {
        ByteBuffer view = views[(int) (consumed & mask)];
        view.limit(lengths[(int) (consumed & mask)]).position(0);
        return view;
    }

    int frameLength() {
        return lengths[(int) (consumed & mask)];
    }

    long frameArrivalNanos() {
        return arrivalNanos[(int) (consumed & mask)];
    }

    long frameIndex() {
        return frameIndexes[(int) (consumed & mask)];
    }

    /** Gives the oldest frame's buffer back to the producer. */
    void release() {
        consumed = consumed + 1;
        Thread producer = waitingProducer;
        if (producer != null) {
            LockSupport.unpark(producer);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Either side

    /** Ends all waiting: the producer's claims return null, the consumer drains what is published. */
    void close() {
        closed = true;
        Thread producer = waitingProducer;
        if (producer != null) {
            LockSupport.unpark(producer);
        }
        Thread consumer = waitingConsumer;
        if (consumer != null) {
            LockSupport.unpark(consumer);
        }
    }
}
