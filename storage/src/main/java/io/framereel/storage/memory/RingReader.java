package io.framereel.storage.memory;

import io.framereel.storage.FrameBuffer;
import io.framereel.storage.Image;
import io.framereel.storage.ImageIO;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Copies frames out of a {@link RingStore} in capture order while its writer keeps going: drains the
 * pre-trigger frames into a file, then follows the live frames. Frames the writer overwrote before they could
 * be copied are skipped and counted in {@link #lostFrames()}; a frame is never copied torn (see the ring's
 * memory-ordering notes). One thread uses a reader at a time.
 */
public final class RingReader implements AutoCloseable {
    private final RingStore ring;
    private final ByteBuffer[] slots;
    private final Image view = Image.empty();

    /** The frame being copied, or -1 (writer: this reader's thread; reader: the ring's writer; volatile). */
    volatile long reading = -1;
    private long next;
    private long lostFrames;

    RingReader(RingStore ring, ByteBuffer[] slots, long start) {
        this.ring = ring;
        this.slots = slots;
        this.next = start;
    }

    /** The sequence of the next frame this reader copies. */
    public long next() {
        return next;
    }

    /** Moves to {@code sequence} (clamped to the oldest frame still held when older). */
    public RingReader seek(long sequence) {
        this.next = sequence;
        return this;
    }

    /** Frames skipped because the writer overwrote them first. */
    public long lostFrames() {
        return lostFrames;
    }

    /**
     * Copies every frame from {@link #next()} up to the writer's current head into {@code out}, oldest first.
     *
     * @return the number of frames copied
     */
    public int drainTo(ImageIO out) throws IOException {
        return drainTo(out, Long.MAX_VALUE);
    }

    /** Like {@link #drainTo(ImageIO)} but stops before sequence {@code until}. */
    public int drainTo(ImageIO out, long until) throws IOException {
        int copied = 0;
        long end = Math.min(ring.head(), until);
        while (next < end) {
            long oldest = ring.oldest();
            if (next < oldest) {
                lostFrames += oldest - next;
                next = oldest;
                continue;
            }
            if (copy(next, out, null) != null) {
                copied++;
            } else {
                lostFrames++;
            }
            next++;
        }
        return copied;
    }

    /**
     * Loads frame {@code sequence} into a frame buffer (random access).
     *
     * @return the frame buffer's image, or null if the frame is no longer (or not yet) in the ring
     */
    public Image read(long sequence, FrameBuffer frameBuffer) throws IOException {
        return copy(sequence, null, frameBuffer);
    }

    private Image copy(long seq, ImageIO out, FrameBuffer fb) throws IOException {
        int slot = ring.slotOf(seq);
        reading = seq; // volatile store, then the volatile load below: Dekker with the writer
        try {
            if (ring.slotSequence.get(slot) != seq) {
                return null;
            }
            SlotHeaders h = ring.headers;
            int bytes = h.payloadBytes[slot];
            ByteBuffer src = slots[slot];
            if (out != null) {
                src.limit(bytes).position(0);
                view.set(h.widths[slot], h.heights[slot], h.format(slot), src, h.elapsedMs[slot], h.timestampNanos[slot]);
                out.write(view);
                return view;
            }
            ByteBuffer dst = fb.begin(h.widths[slot], h.heights[slot], h.format(slot), bytes);
            dst.put(dst.position(), src, 0, bytes);
            return fb.commit(h.elapsedMs[slot], h.timestampNanos[slot]);
        } finally {
            reading = -1;
        }
    }

    /** Stops guarding slots against the writer. */
    @Override
    public void close() {
        reading = -1;
        ring.remove(this);
    }
}
