package io.framereel.storage.memory;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The ring's off-heap memory: equal blocks, each big enough for the largest frame, allocated only when the ring
 * needs more room than it has. {@code ByteBuffer.allocateDirect} zeroes (and so makes resident) all it
 * allocates, so allocating the whole byte cap up front would cost its full size in RSS even for a camera whose
 * compressed frames are a tenth of their maximum size; growing block by block keeps memory at what the frames
 * held actually take.
 *
 * <p>Blocks are used in a circular order the writer keeps in {@link #next}; a new block is linked in right after
 * the one being left, which keeps the frames held in capture order along the circle. Written by the ring's writer
 * thread only. A reader finds a block through a frame the writer published after allocating it (the ring's
 * volatile head), so a plain read of {@link #block} sees it.
 */
final class RingBlocks {
    /** Blocks are about this size when frames are small, so memory grows in steps of about a megabyte. */
    static final int TARGET_BLOCK_BYTES = 1 << 20;

    private final int blockBytes;
    private final ByteBuffer[] blocks;
    private final int[] next;
    /** Blocks linked into the circle; written by the writer, read by any thread for statistics. */
    private volatile int linked;

    RingBlocks(int blockBytes, int maxBlocks) {
        if (blockBytes < 0 || maxBlocks < 1) {
            throw new IllegalArgumentException("ring blocks: " + maxBlocks + " x " + blockBytes + " bytes");
        }
        this.blockBytes = blockBytes;
        this.blocks = new ByteBuffer[maxBlocks];
        this.next = new int[maxBlocks];
        blocks[0] = allocate();
        next[0] = 0;
        linked = 1;
    }

    /** A block size that holds whole frames of {@code frameBytes} without a wasted tail, about a megabyte. */
    static int blockBytesFor(int frameBytes, long maxBytes) {
        int perBlock = (int) Math.max(1, Math.min(TARGET_BLOCK_BYTES / Math.max(1, frameBytes),
                maxBytes / Math.max(1, frameBytes)));
        return (int) Math.min(Integer.MAX_VALUE - 64, (long) perBlock * frameBytes);
    }

    int blockBytes() {
        return blockBytes;
    }

    int maxBlocks() {
        return blocks.length;
    }

    int linked() {
        return linked;
    }

    long bytesAllocated() {
        return (long) linked * blockBytes;
    }

    /** The block after {@code block} in the circle. Writer thread. */
    int next(int block) {
        return next[block];
    }

    /** Whether another block may still be linked in. Writer thread. */
    boolean canGrow() {
        return linked < blocks.length;
    }

    /**
     * The block a {@link #link} would add, allocated now if it was not already (a dropped frame may have
     * allocated it and not linked it). Writer thread.
     */
    int spare() {
        int b = linked;
        if (blocks[b] == null) {
            blocks[b] = allocate();
        }
        return b;
    }

    /** Puts the {@link #spare} block into the circle right after {@code after}. Writer thread. */
    void link(int after) {
        int b = linked;
        next[b] = next[after];
        next[after] = b;
        linked = b + 1;
    }

    /** The block's buffer; callers take their own duplicate before touching position or limit. */
    ByteBuffer block(int index) {
        return blocks[index];
    }

    private ByteBuffer allocate() {
        return ByteBuffer.allocateDirect(Math.max(1, blockBytes)).order(ByteOrder.LITTLE_ENDIAN);
    }
}
