package io.framereel.storage.memory;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Fixed-size frame slots in off-heap memory, allocated once. Slots are carved out of blocks of up to 1 GiB,
 * so the total may exceed what one ByteBuffer can address. Each caller thread that touches slots should
 * take its own {@link #views()}: a ByteBuffer's position and limit are not thread-safe.
 */
final class SlotMemory {
    private static final long MAX_BLOCK_BYTES = 1L << 30;

    private final int slotBytes;
    private final int slots;
    private final ByteBuffer[] blocks;
    private final int slotsPerBlock;

    SlotMemory(int slots, int slotBytes) {
        if (slots < 1) {
            throw new IllegalArgumentException("slot count cannot be less than 1 (was " + slots + ")");
        }
        if (slotBytes < 0) {
            throw new IllegalArgumentException("slot size cannot be negative (was " + slotBytes + ")");
        }
        this.slots = slots;
        this.slotBytes = slotBytes;
        this.slotsPerBlock = slotBytes == 0 ? slots : (int) Math.max(1, Math.min(slots, MAX_BLOCK_BYTES / slotBytes));
        int blockCount = (slots + slotsPerBlock - 1) / slotsPerBlock;
        blocks = new ByteBuffer[blockCount];
        for (int b = 0; b < blockCount; b++) {
            int inBlock = Math.min(slotsPerBlock, slots - b * slotsPerBlock);
            blocks[b] = ByteBuffer.allocateDirect(Math.max(1, inBlock * slotBytes)).order(ByteOrder.LITTLE_ENDIAN);
        }
    }

    int slotBytes() {
        return slotBytes;
    }

    int slots() {
        return slots;
    }

    long totalBytes() {
        return (long) slots * slotBytes;
    }

    /** One independent buffer per slot, each covering exactly that slot. */
    ByteBuffer[] views() {
        ByteBuffer[] views = new ByteBuffer[slots];
        for (int s = 0; s < slots; s++) {
            ByteBuffer block = blocks[s / slotsPerBlock].duplicate();
            int start = (s % slotsPerBlock) * slotBytes;
            block.limit(start + slotBytes).position(start);
            views[s] = block.slice().order(ByteOrder.LITTLE_ENDIAN);
        }
        return views;
    }
}
