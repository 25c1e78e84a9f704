package io.framereel.device.fb;

import io.framereel.storage.FrameBuffer;
import io.framereel.storage.Image;
import io.framereel.storage.PixelFormat;
import io.framereel.storage.pixel.ArgbConverter;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Shows frames on a {@link Screen} (a {@link Framebuffer}): the {@link FrameBuffer} that {@code ImageIO.read(copyToFb=true)} loads
 * into, so a replay puts every frame on the screen. Each frame is converted from its ImageIO format (storage's
 * pixel code: Bayer demosaiced, YUV converted, JPEG/PNG decoded), scaled to fit with nearest-neighbour sampling
 * and letterboxed in black, and packed in the display's own layout row by row at its stride. With two pages the
 * frame is drawn on the hidden one and then panned to, so the screen never shows half a frame.
 *
 * <p>Raw formats allocate nothing per frame: the payload buffer, the ARGB scratch and the scaling maps grow only
 * when a larger or differently shaped frame arrives. Not thread-safe.
 */
public final class FramebufferDisplay implements FrameBuffer {
    private final Screen fb;
    private final PixelLayout layout;
    private final ByteBuffer[] pages;
    private final Image held = Image.empty();
    private ByteBuffer payload = ByteBuffer.allocateDirect(0);
    private int[] argb = new int[0];
    private int[] sourceColumn = new int[0];
    private int[] sourceRow = new int[0];
    private int frameWidth;
    private int frameHeight;
    private PixelFormat frameFormat;
    private int shapedWidth;
    private int shapedHeight;
    private int left;
    private int top;
    private int drawWidth;
    private int drawHeight;
    private int page;
    private int cleared;
    private long frames;

    public FramebufferDisplay(Screen fb) {
        this.fb = fb;
        this.layout = fb.layout();
        this.pages = new ByteBuffer[fb.pages()];
        for (int i = 0; i < pages.length; i++) {
            pages[i] = fb.page(i); // views made once: a frame allocates nothing
        }
    }

    @Override
    public ByteBuffer begin(int width, int height, PixelFormat format, int payloadBytes) {
        if (payload.capacity() < payloadBytes) {
            payload = ByteBuffer.allocateDirect(payloadBytes).order(ByteOrder.LITTLE_ENDIAN);
        }
        frameWidth = width;
        frameHeight = height;
        frameFormat = format;
        payload.clear().limit(payloadBytes);
        return payload;
    }

    @Override
    public Image commit(int elapsedMs, long timestampNanos) throws IOException {
        payload.position(0);
        held.set(frameWidth, frameHeight, frameFormat, payload, elapsedMs, timestampNanos);
        show(held);
        return held;
    }

    /** Draws one frame (any ImageIO format) on the screen. */
    public void show(Image frame) throws IOException {
        int pixels = frame.width() * frame.height();
        if (argb.length < pixels) {
            argb = new int[pixels];
        }
        ArgbConverter.convert(frame, argb);
        if (frame.width() != shapedWidth || frame.height() != shapedHeight) {
            fit(frame.width(), frame.height());
        }
        int target = fb.pages() == 2 ? 1 - page : 0;
        ByteBuffer screen = pages[target];
        if (cleared < fb.pages()) {
            clear(screen); // letterbox bars: every page once per frame shape
            cleared++;
        }
        draw(screen);
        if (fb.pages() == 2) {
            fb.show(target);
            page = target;
        }
        frames++;
    }

    /** Frames shown so far. */
    public long frames() {
        return frames;
    }

    /** Where frames land: scale to fit, keep the aspect ratio, centre. */
    private void fit(int width, int height) {
        int screenW = fb.width();
        int screenH = fb.height();
        if ((long) width * screenH >= (long) height * screenW) {
            drawWidth = screenW;
            drawHeight = (int) Math.max(1, Math.round((double) height * screenW / width));
        } else {
            drawHeight = screenH;
            drawWidth = (int) Math.max(1, Math.round((double) width * screenH / height));
        }
        left = (screenW - drawWidth) / 2;
        top = (screenH - drawHeight) / 2;
        if (sourceColumn.length < drawWidth) {
            sourceColumn = new int[drawWidth];
        }
        if (sourceRow.length < drawHeight) {
            sourceRow = new int[drawHeight];
        }
        for (int x = 0; x < drawWidth; x++) {
            sourceColumn[x] = (int) (((2L * x + 1) * width) / (2L * drawWidth)); // centre of the target pixel
        }
        for (int y = 0; y < drawHeight; y++) {
            sourceRow[y] = (int) (((2L * y + 1) * height) / (2L * drawHeight));
        }
        shapedWidth = width;
        shapedHeight = height;
        cleared = 0;
    }

    /** Blacks out the visible part of every row; the stride's padding is the driver's, not ours. */
    private void clear(ByteBuffer screen) {
        int rowBytes = fb.width() * layout.bytesPerPixel();
        for (int y = 0; y < fb.height(); y++) {
            int row = y * fb.stride();
            int i = 0;
            for (; i + 8 <= rowBytes; i += 8) {
                screen.putLong(row + i, 0L);
            }
            for (; i < rowBytes; i++) {
                screen.put(row + i, (byte) 0);
            }
        }
    }

    private void draw(ByteBuffer screen) {
        int stride = fb.stride();
        int width = shapedWidth;
        if (layout.bitsPerPixel() == 16) {
            for (int y = 0; y < drawHeight; y++) {
                int row = (top + y) * stride + left * 2;
                int src = sourceRow[y] * width;
                for (int x = 0; x < drawWidth; x++) {
                    screen.putShort(row + 2 * x, (short) layout.pack(argb[src + sourceColumn[x]]));
                }
            }
        } else {
            for (int y = 0; y < drawHeight; y++) {
                int row = (top + y) * stride + left * 4;
                int src = sourceRow[y] * width;
                for (int x = 0; x < drawWidth; x++) {
                    screen.putInt(row + 4 * x, layout.pack(argb[src + sourceColumn[x]]));
                }
            }
        }
    }

    /** The rectangle frames are drawn in, for tests and logs: x, y, width, height. */
    public int[] placement() {
        return new int[] {left, top, drawWidth, drawHeight};
    }
}
