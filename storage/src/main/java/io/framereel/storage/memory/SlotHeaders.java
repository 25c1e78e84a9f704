package io.framereel.storage.memory;

import io.framereel.storage.PixelFormat;

/**
 * The per-slot header OpenMV keeps in front of each memory-stream slot (elapsed, width, height, pixformat,
 * size), kept in arrays beside the slot memory instead, so {@code bufferSize() * count() == size()} holds.
 * Single writer; readers on other threads must order their reads through the owner's publication.
 */
final class SlotHeaders {
    static final byte EMPTY = -1;
    private static final PixelFormat[] FORMATS = PixelFormat.values();

    final int[] elapsedMs;
    final int[] widths;
    final int[] heights;
    final int[] payloadBytes;
    final long[] timestampNanos;
    final byte[] formats;

    SlotHeaders(int slots) {
        elapsedMs = new int[slots];
        widths = new int[slots];
        heights = new int[slots];
        payloadBytes = new int[slots];
        timestampNanos = new long[slots];
        formats = new byte[slots];
        java.util.Arrays.fill(formats, EMPTY);
    }

    void set(int slot, int elapsed, int width, int height, PixelFormat format, int bytes, long timestamp) {
        elapsedMs[slot] = elapsed;
        widths[slot] = width;
        heights[slot] = height;
        payloadBytes[slot] = bytes;
        timestampNanos[slot] = timestamp;
        formats[slot] = (byte) format.ordinal();
    }

    boolean isEmpty(int slot) {
        return formats[slot] == EMPTY;
    }

    PixelFormat format(int slot) {
        return FORMATS[formats[slot]];
    }
}
