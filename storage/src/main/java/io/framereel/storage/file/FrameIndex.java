package io.framereel.storage.file;

import io.framereel.storage.PixelFormat;
import java.util.Arrays;

/**
 * Where each frame of a stream file starts, and what its chunk header says: a cache rebuilt from the chunk
 * headers every time a file is opened (the file is the truth). Makes {@code seek} and random reads O(1).
 *
 * <p>Entries live in pages of {@value #PAGE_SIZE} frames (about 1.6 MB each). A long recording adds one page at
 * a time instead of doubling and copying one big array, so an append never stalls on a copy of millions of
 * entries: at 30 fps a page lasts 36 minutes, and filling one costs about 25 bytes per frame on average.
 * Not thread-safe.
 */
public final class FrameIndex {
    static final int PAGE_BITS = 16;
    static final int PAGE_SIZE = 1 << PAGE_BITS;
    private static final int PAGE_MASK = PAGE_SIZE - 1;
    private static final PixelFormat[] FORMATS = PixelFormat.values();

    private final int chunkHeaderBytes;
    private Page[] pages = new Page[4];
    private int pageCount;
    private int size;

    /** One page of entries; arrays side by side so each field is one dense primitive array. */
    private static final class Page {
        final long[] chunkOffsets = new long[PAGE_SIZE];
        final int[] elapsedMs = new int[PAGE_SIZE];
        final int[] widths = new int[PAGE_SIZE];
        final int[] heights = new int[PAGE_SIZE];
        final int[] payloadBytes = new int[PAGE_SIZE];
        final byte[] formats = new byte[PAGE_SIZE];
    }

    FrameIndex(int chunkHeaderBytes) {
        this.chunkHeaderBytes = chunkHeaderBytes;
    }

    void append(long chunkOffset, int elapsed, int width, int height, PixelFormat format, int bytes) {
        if (size > 0 && chunkOffset != chunkEnd(size - 1)) {
            throw new IllegalStateException("frame " + size + " starts at " + chunkOffset + " but frame "
                    + (size - 1) + " ends at " + chunkEnd(size - 1));
        }
        int p = size >>> PAGE_BITS;
        if (p == pageCount) {
            if (p == pages.length) {
                pages = Arrays.copyOf(pages, pages.length * 2); // an array of references: tiny
            }
            pages[p] = new Page();
            pageCount++;
        }
        Page page = pages[p];
        int i = size & PAGE_MASK;
        page.chunkOffsets[i] = chunkOffset;
        page.elapsedMs[i] = elapsed;
        page.widths[i] = width;
        page.heights[i] = height;
        page.payloadBytes[i] = bytes;
        page.formats[i] = (byte) format.ordinal();
        size++;
    }

    /** Forgets frames from {@code newSize} on; pages already allocated are kept for reuse. */
    void truncate(int newSize) {
        if (newSize < 0 || newSize > size) {
            throw new IllegalArgumentException("newSize " + newSize + " outside 0.." + size);
        }
        size = newSize;
    }

    /** Number of frames. */
    public int size() {
        return size;
    }

    /** File offset of frame {@code i}'s chunk header. */
    public long chunkOffset(int i) {
        return page(i).chunkOffsets[i & PAGE_MASK];
    }

    /** File offset of frame {@code i}'s pixel data. */
    public long dataOffset(int i) {
        return chunkOffset(i) + chunkHeaderBytes;
    }

    /** File offset just past frame {@code i}'s padding: where the next chunk starts. */
    public long chunkEnd(int i) {
        int bytes = payloadBytes(i);
        return chunkOffset(i) + chunkHeaderBytes + bytes + StreamFormat.padding(bytes);
    }

    public int elapsedMs(int i) {
        return page(i).elapsedMs[i & PAGE_MASK];
    }

    public int width(int i) {
        return page(i).widths[i & PAGE_MASK];
    }

    public int height(int i) {
        return page(i).heights[i & PAGE_MASK];
    }

    public PixelFormat format(int i) {
        return FORMATS[page(i).formats[i & PAGE_MASK]];
    }

    public int payloadBytes(int i) {
        return page(i).payloadBytes[i & PAGE_MASK];
    }

    /** Sum of all elapsed values: the recording's duration in ms. */
    public long durationMs() {
        long sum = 0;
        for (int i = 0; i < size; i++) {
            sum += elapsedMs(i);
        }
        return sum;
    }

    private Page page(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("frame " + i + " outside 0.." + (size - 1));
        }
        return pages[i >>> PAGE_BITS];
    }
}
