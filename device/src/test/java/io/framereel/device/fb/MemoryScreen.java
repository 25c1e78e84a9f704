package io.framereel.device.fb;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** A screen in heap memory with a padded stride, for testing what a display draws. Test helper. */
final class MemoryScreen implements Screen {
    final int width;
    final int height;
    final int stride;
    final PixelLayout layout;
    final ByteBuffer[] pages;
    int shown;
    int flips;

    MemoryScreen(int width, int height, int padding, PixelLayout layout, int pages) {
        this.width = width;
        this.height = height;
        this.layout = layout;
        this.stride = width * layout.bytesPerPixel() + padding;
        this.pages = new ByteBuffer[pages];
        for (int i = 0; i < pages; i++) {
            this.pages[i] = ByteBuffer.allocateDirect(stride * height).order(ByteOrder.LITTLE_ENDIAN);
        }
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public int stride() {
        return stride;
    }

    @Override
    public PixelLayout layout() {
        return layout;
    }

    @Override
    public int pages() {
        return pages.length;
    }

    @Override
    public ByteBuffer page(int n) {
        return pages[n];
    }

    @Override
    public void show(int n) {
        shown = n;
        flips++;
    }

    /** The pixel value at (x, y) of the visible page. */
    int pixel(int x, int y) {
        ByteBuffer p = pages[shown];
        int at = y * stride + x * layout.bytesPerPixel();
        return layout.bitsPerPixel() == 16 ? p.getShort(at) & 0xffff : p.getInt(at);
    }
}
