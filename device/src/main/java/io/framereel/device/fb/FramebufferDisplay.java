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
    /** A frame is drawn on the hidden page and waits for {@link #commit} to show it. */
    private boolean staged;

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
        staged = false;
        payload.clear().limit(payloadBytes);
        return payload;
    }

    /** With two pages: draws the frame on the hidden one now, so that {@link #commit} only flips to it. */
    @Override
    public void stage() throws IOException {
        if (fb.pages() == 2) {
            payload.position(0);
            held.set(frameWidth, frameHeight, frameFormat, payload, Image.NO_ELAPSED, Image.NO_TIMESTAMP);
            draw(held);
            staged = true;
        }
    }

    @Override
    public Image commit(int elapsedMs, long timestampNanos) throws IOException {
        payload.position(0);
        held.set(frameWidth, frameHeight, frameFormat, payload, elapsedMs, timestampNanos);
        if (staged) {
            staged = false;
            present();
        } else {
            show(held);
        }
        return held;
    }

    /** Draws one frame (any ImageIO format) on the screen. */
    public void show(Image frame) throws IOException {
        draw(frame);
        present();
    }

    /** Converts, scales and packs the frame onto the hidden page (the only page, with one). */
    private void draw(Image frame) throws IOException {
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
        pack(screen);
    }

    /** Makes the page just drawn the visible one. */
    private void present() throws IOException {
        if (fb.pages() == 2) {
            int target = 1 - page;
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

    private void pack(ByteBuffer screen) {
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
