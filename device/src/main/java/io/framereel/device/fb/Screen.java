package io.framereel.device.fb;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Pixel memory a {@link FramebufferDisplay} draws on: one or two pages of {@code stride * height} bytes in some
 * {@link PixelLayout}. A {@link Framebuffer} is one; a DRM dumb buffer or an in-memory screen could be others.
 */
public interface Screen {
    int width();

    int height();

    /** Bytes from one row to the next. */
    int stride();

    PixelLayout layout();

    /** 1, or 2 when a hidden page can be drawn and then shown. */
    int pages();

    /** Page {@code n}'s memory, little-endian, positioned at 0; the same view every call is fine to cache. */
    ByteBuffer page(int n);

    /** Makes page {@code n} the visible one. */
    void show(int n) throws IOException;
}
