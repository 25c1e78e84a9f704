package io.framereel.storage.file;

import io.framereel.storage.PixelFormat;
import java.util.Arrays;

/**
 * Where each frame of a stream file starts, and what its chunk header says: a cache rebuilt from the chunk
 * headers every time a file is opened (the file is the truth). Makes {@code seek} and random reads O(1).
 * About 25 bytes per frame; grows by doubling. Not thread-safe.
 */
public final class FrameIndex {
    private static final PixelFormat[] FORMATS = PixelFormat.values();

    private final int chunkHeaderBytes;
    private long[] chunkOffsets;
    private int[] elapsedMs;
    private int[] widths;
    private int[] heights;
    private int[] payloadBytes;
    private byte[] formats;
    private int size;

    FrameIndex(int chunkHeaderBytes, int initialCapacity) {
        this.chunkHeaderBytes = chunkHeaderBytes;
        int c = Math.max(initialCapacity, 16);
        chunkOffsets = new long[c];
        elapsedMs = new int[c];
        widths = new int[c];
        heights = new int[c];
        payloadBytes = new int[c];
        formats = new byte[c];
    }

    void append(long chunkOffset, int elapsed, int width, int height, PixelFormat format, int bytes) {
        if (size == chunkOffsets.length) {
            int c = size * 2;
            chunkOffsets = Arrays.copyOf(chunkOffsets, c);
            elapsedMs = Arrays.copyOf(elapsedMs, c);
            widths = Arrays.copyOf(widths, c);
            heights = Arrays.copyOf(heights, c);
            payloadBytes = Arrays.copyOf(payloadBytes, c);
            formats = Arrays.copyOf(formats, c);
        }
        if (size > 0 && chunkOffset != chunkEnd(size - 1)) {
            throw new IllegalStateException("frame " + size + " starts at " + chunkOffset + " but frame "
                    + (size - 1) + " ends at " + chunkEnd(size - 1));
        }
        chunkOffsets[size] = chunkOffset;
        elapsedMs[size] = elapsed;
        widths[size] = width;
        heights[size] = height;
        payloadBytes[size] = bytes;
        formats[size] = (byte) format.ordinal();
        size++;
    }

    /** Forgets frames from {@code newSize} on. */
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
        return chunkOffsets[check(i)];
    }

    /** File offset of frame {@code i}'s pixel data. */
    public long dataOffset(int i) {
        return chunkOffsets[check(i)] + chunkHeaderBytes;
    }

    /** File offset just past frame {@code i}'s padding: where the next chunk starts. */
    public long chunkEnd(int i) {
        check(i);
        return chunkOffsets[i] + chunkHeaderBytes + payloadBytes[i] + StreamFormat.padding(payloadBytes[i]);
    }

    public int elapsedMs(int i) {
        return elapsedMs[check(i)];
    }

    public int width(int i) {
        return widths[check(i)];
    }

    public int height(int i) {
        return heights[check(i)];
    }

    public PixelFormat format(int i) {
        return FORMATS[formats[check(i)]];
    }

    public int payloadBytes(int i) {
        return payloadBytes[check(i)];
    }

    /** Sum of all elapsed values: the recording's duration in ms. */
    public long durationMs() {
        long sum = 0;
        for (int i = 0; i < size; i++) {
            sum += elapsedMs[i];
        }
        return sum;
    }

    private int check(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("frame " + i + " outside 0.." + (size - 1));
        }
        return i;
    }
}
