package io.framereel.bench;

import io.framereel.device.fb.PixelLayout;
import io.framereel.device.fb.Screen;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** A display-sized screen in direct memory: what replay draws on, minus the kernel. Not thread-safe. */
final class HeapScreen implements Screen {
    private final int width;
    private final int height;
    private final PixelLayout layout;
    private final ByteBuffer[] pages;

    HeapScreen(int width, int height, PixelLayout layout) {
        this(width, height, layout, 1);
    }

    /** With two pages, like a DRM screen or an fb whose virtual screen holds two: frames are drawn hidden. */
    HeapScreen(int width, int height, PixelLayout layout, int pages) {
        this.width = width;
        this.height = height;
        this.layout = layout;
        this.pages = new ByteBuffer[pages];
        for (int i = 0; i < pages; i++) {
            this.pages[i] = ByteBuffer.allocateDirect(width * height * layout.bytesPerPixel())
                    .order(ByteOrder.LITTLE_ENDIAN);
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
        return width * layout.bytesPerPixel();
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
        // memory: nothing to flip; the display remembers which page it drew on
    }
}
