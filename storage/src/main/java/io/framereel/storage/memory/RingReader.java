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
    /** This reader's own views of the ring's blocks, taken on first use (position and limit are per thread). */
    private final ByteBuffer[] blocks;
    private final Image view = Image.empty();

    /** The frame being copied, or -1 (writer: this reader's thread; reader: the ring's writer; volatile). */
    volatile long reading = -1;
    private long next;
    private long lostFrames;

    RingReader(RingStore ring, long start) {
        this.ring = ring;
        this.blocks = new ByteBuffer[ring.maxBlocks()];
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
        reading = seq; // volatile store, then the volatile load below: Dekker with the writer
        try {
            if (seq < ring.evicting() || seq >= ring.head()) {
                return null;
            }
            int entry = ring.index(seq);
            SlotHeaders h = ring.headers;
            int bytes = h.payloadBytes[entry];
            int at = ring.offsetOf[entry];
            ByteBuffer src = block(ring.blockOf[entry]);
            if (out != null) {
                src.limit(at + bytes).position(at);
                view.set(h.widths[entry], h.heights[entry], h.format(entry), src, h.elapsedMs[entry], h.timestampNanos[entry]);
                out.write(view);
                return view;
            }
            ByteBuffer dst = fb.begin(h.widths[entry], h.heights[entry], h.format(entry), bytes);
            dst.put(dst.position(), src, at, bytes);
            return fb.commit(h.elapsedMs[entry], h.timestampNanos[entry]);
        } finally {
            reading = -1;
        }
    }

    private ByteBuffer block(int b) {
        ByteBuffer view = blocks[b];
        if (view == null) {
            view = ring.block(b).duplicate().order(java.nio.ByteOrder.LITTLE_ENDIAN);
            blocks[b] = view;
        }
        return view;
    }

    /** Stops guarding slots against the writer. */
    @Override
    public void close() {
        reading = -1;
        ring.remove(this);
    }
}
