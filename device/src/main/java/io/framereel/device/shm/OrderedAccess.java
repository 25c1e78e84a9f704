package io.framereel.device.shm;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The 64-bit fields of a mapped region that writer and readers synchronise through (sequences, latest slot,
 * frame counter, heartbeat, state), read and written with the memory orderings the seqlock protocol names.
 *
 * <p>A byte-buffer view VarHandle gives acquire/release/opaque access to aligned longs of a direct buffer; the
 * region is page-aligned and every such field sits at a multiple of 8, so no access is misaligned (which would
 * throw). The view is little-endian because the file is, whatever the host. Callers pass the field's absolute
 * offset in the file. The buffer is typed {@code ByteBuffer} so every VarHandle call matches the handle's exact
 * coordinate types and is linked without adaptation or allocation.
 */
final class OrderedAccess {
    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final ByteBuffer region;

    OrderedAccess(ByteBuffer region) {
        this.region = region;
    }

    long getAcquire(int offset) {
        return (long) LONGS.getAcquire(region, offset);
    }

    long getOpaque(int offset) {
        return (long) LONGS.getOpaque(region, offset);
    }

    void setOpaque(int offset, long value) {
        LONGS.setOpaque(region, offset, value);
    }

    void setRelease(int offset, long value) {
        LONGS.setRelease(region, offset, value);
    }

    /** Stores before this fence are not reordered with stores after it (the kernel's smp_wmb). */
    static void storeStoreFence() {
        VarHandle.storeStoreFence();
    }

    /** Loads before this fence are not reordered with loads after it (the kernel's smp_rmb). */
    static void loadLoadFence() {
        VarHandle.loadLoadFence();
    }
}
