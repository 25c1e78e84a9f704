package io.framereel.device.drm;

import io.framereel.device.fb.PixelLayout;
import io.framereel.device.fb.Screen;
import io.framereel.device.libc.Errno;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * A KMS display as a two-page {@link Screen}: two dumb buffers of the chosen mode's size, each a framebuffer the
 * CRTC can scan out. {@link #show(int)} page-flips to one (DRM_IOCTL_MODE_PAGE_FLIP) and waits for the kernel's
 * flip-complete event, so the page drawn next is never the one on screen; where the driver cannot flip it sets
 * the CRTC instead (DRM_IOCTL_MODE_SETCRTC, which may tear). Rows are {@link #stride()} bytes apart: the
 * driver's pitch.
 *
 * <p>Opening saves what the CRTC showed (a console, another program's picture) and {@link #close()} puts it
 * back, then removes the framebuffers, unmaps and destroys the buffers and closes the card; a failed open undoes
 * what it did the same way. The process must be the card's DRM master: the first to open it, so not while a
 * desktop session holds the display. Not thread-safe.
 */
public final class DrmScreen implements Screen, AutoCloseable {
    /** How long a flip may take: many frame times at any real refresh rate, so only a stuck driver reaches it. */
    static final int FLIP_TIMEOUT_MS = 1000;

    private final DrmCard card;
    private final KmsSelection selection;
    private final CrtcState saved;
    private final DumbBuffer[] buffers = new DumbBuffer[2];
    private final ByteBuffer[] pages = new ByteBuffer[2];
    private final PixelLayout layout;
    private final PageFlip flip;
    private CrtcRequest crtc;
    private boolean pageFlipping = true;
    private boolean lit;
    private int shown = -1;
    private long flipSequence;
    private boolean closed;

    private DrmScreen(DrmCard card, KmsSelection selection, CrtcState saved, boolean rgb565) {
        this.card = card;
        this.selection = selection;
        this.saved = saved;
        this.layout = rgb565 ? PixelLayout.RGB565 : PixelLayout.XRGB8888;
        this.flip = new PageFlip(card);
    }

    /**
     * Opens the display {@code target} names and lights it with a black page.
     *
     * @throws DrmException naming the card, the ioctl and the errno, or what the card lacks (no connected
     *                      connector, no such mode, no RGB565) with what it has instead
     */
    public static DrmScreen open(DrmTarget target) throws IOException {
        Path node = DrmCard.find(target.card());
        DrmCard card = DrmCard.open(node);
        DrmScreen screen = null;
        try {
            if (!card.hasDumbBuffers()) {
                throw new DrmException(card.path(), "DRM_IOCTL_GET_CAP DRM_CAP_DUMB_BUFFER", 0, card.driver()
                        + " has no dumb buffers (a render-only GPU?); name the display card");
            }
            DrmCard.Resources resources = card.resources();
            KmsSelection selection = KmsSelection.choose(card.path(), card.connectors(), card.encoders(),
                    resources.crtcIds(), target.connector(), target.width(), target.height());
            screen = new DrmScreen(card, selection, card.crtc(selection.crtcId()), target.rgb565());
            screen.start();
            return screen;
        } catch (IOException | RuntimeException e) {
            if (screen != null) {
                screen.teardown(e);
            } else {
                closeQuietly(card, e);
            }
            throw e;
        }
    }

    private static void closeQuietly(DrmCard card, Exception failure) {
        try {
            card.close();
        } catch (DrmException e) {
            failure.addSuppressed(e);
        }
    }

    private void start() throws DrmException {
        Mode mode = selection.mode();
        int fourcc = layout.equals(PixelLayout.RGB565) ? DrmLayout.FORMAT_RGB565 : DrmLayout.FORMAT_XRGB8888;
        for (int i = 0; i < 2; i++) {
            buffers[i] = DumbBuffer.create(card, mode.width(), mode.height(), fourcc);
            pages[i] = buffers[i].memory();
            clear(pages[i]);
        }
        if (buffers[0].pitch != buffers[1].pitch) {
            throw new DrmException(card.path(), "DRM_IOCTL_MODE_CREATE_DUMB", 0, "two buffers of one size got pitches "
                    + buffers[0].pitch + " and " + buffers[1].pitch);
        }
        crtc = new CrtcRequest(selection.crtcId(), 0, 0, selection.connector().id(), mode);
        lit = true; // from here on close() restores the saved CRTC, even if this set fails half-way
        card.setCrtc(crtc, buffers[0].fbId);
        shown = 0;
    }

    private static void clear(ByteBuffer page) {
        int i = 0;
        for (; i + 8 <= page.limit(); i += 8) {
            page.putLong(i, 0L);
        }
        for (; i < page.limit(); i++) {
            page.put(i, (byte) 0);
        }
    }

    @Override
    public int width() {
        return selection.mode().width();
    }

    @Override
    public int height() {
        return selection.mode().height();
    }

    /** The dumb buffers' pitch: bytes from one row to the next, at least width times pixel size. */
    @Override
    public int stride() {
        return buffers[0].pitch;
    }

    @Override
    public PixelLayout layout() {
        return layout;
    }

    @Override
    public int pages() {
        return 2;
    }

    /** Page {@code n}'s mapped memory: {@code stride * height} bytes, little-endian, positioned at 0. */
    @Override
    public ByteBuffer page(int n) {
        ensureOpen();
        return pages[n].duplicate().order(pages[n].order());
    }

    /**
     * Makes page {@code n} the one scanned out and returns once it is: a page flip and its completion event, or a
     * CRTC set where the driver has no page flip. Allocates nothing.
     */
    @Override
    public void show(int n) throws DrmException {
        ensureOpen();
        if (n < 0 || n > 1) {
            throw new IndexOutOfBoundsException("page " + n + " of 2");
        }
        if (n == shown) {
            return; // already on screen: a flip to the same framebuffer would only wait a frame
        }
        if (pageFlipping) {
            long tag = ++flipSequence;
            int errno = flip.request(selection.crtcId(), buffers[n].fbId, tag);
            if (errno == 0) {
                flip.await(tag, FLIP_TIMEOUT_MS);
                shown = n;
                return;
            }
            // EINVAL/EOPNOTSUPP on the very first flip: a driver without page flips. Later, a real failure.
            if (flipSequence > 1 || errno != Errno.EINVAL && errno != Errno.EOPNOTSUPP) {
                throw new DrmException(card.path(), "DRM_IOCTL_MODE_PAGE_FLIP", errno, "CRTC " + selection.crtcId()
                        + ", framebuffer " + buffers[n].fbId);
            }
            pageFlipping = false;
        }
        card.setCrtc(crtc, buffers[n].fbId);
        shown = n;
    }

    /** The card's path, e.g. /dev/dri/card0. */
    public String path() {
        return card.path();
    }

    /** The card's driver, e.g. "vc4". */
    public String driver() {
        return card.driver();
    }

    /** The connector, mode and CRTC in use. */
    public KmsSelection selection() {
        return selection;
    }

    /** What the CRTC showed before this screen opened, and will show again after close. */
    public CrtcState savedCrtc() {
        return saved;
    }

    /** The framebuffer id of page {@code n} (what GETCRTC reports while the page is shown). */
    public int framebufferId(int n) {
        return buffers[n].fbId;
    }

    /** The page on screen. */
    public int shownPage() {
        return shown;
    }

    /** Whether show() page-flips (true) or had to fall back to setting the CRTC. */
    public boolean pageFlipping() {
        return pageFlipping;
    }

    /** Flip-complete events received so far. */
    public long flipsCompleted() {
        return flip.completed();
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException(card.path() + " display is closed");
        }
    }

    /**
     * Puts back what the CRTC showed before (or turns it off if it was off), removes and destroys both buffers
     * and closes the card. Every step runs even if one fails; the first failure is thrown. Safe to call more than
     * once; views from {@link #page} must not be used afterwards.
     */
    @Override
    public void close() throws DrmException {
        if (closed) {
            return;
        }
        DrmException first = teardown(null);
        if (first != null) {
            throw first;
        }
    }

    /** The teardown behind close() and a failed open; failures go onto {@code cause} when there is one. */
    private DrmException teardown(Exception cause) {
        closed = true;
        DrmException first = null;
        if (lit) {
            try {
                // The saved framebuffer may belong to the kernel's fbdev console or another program; as master we
                // may point the CRTC back at it. Restored before RMFB: removing a scanned-out framebuffer turns
                // the CRTC off instead.
                card.setCrtc(new CrtcRequest(saved.crtcId(), saved.x(), saved.y(), selection.connector().id(),
                        saved.active() ? saved.mode() : null), saved.active() ? saved.fbId() : 0);
            } catch (DrmException e) {
                first = e;
            }
            lit = false;
        }
        for (DumbBuffer b : buffers) {
            DrmException e = b == null ? null : b.release();
            first = first == null ? e : first;
            if (e != null && first != e) {
                first.addSuppressed(e);
            }
        }
        try {
            card.close();
        } catch (DrmException e) {
            first = first == null ? e : first;
        }
        if (cause != null && first != null) {
            cause.addSuppressed(first);
        }
        return first;
    }

    @Override
    public String toString() {
        return card + " " + selection + " " + layout + " stride " + stride()
                + (pageFlipping ? ", page flipping" : ", CRTC sets (no page flip)");
    }
}
