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
    private final ByteBuffer page;

    HeapScreen(int width, int height, PixelLayout layout) {
        this.width = width;
        this.height = height;
        this.layout = layout;
        this.page = ByteBuffer.allocateDirect(width * height * layout.bytesPerPixel()).order(ByteOrder.LITTLE_ENDIAN);
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
        return 1;
    }

    @Override
    public ByteBuffer page(int n) {
        return page;
    }

    @Override
    public void show(int n) {
        // one page: nothing to flip
    }
}
