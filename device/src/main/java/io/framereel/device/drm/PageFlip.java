package io.framereel.device.drm;

import com.sun.jna.Memory;

import io.framereel.device.libc.Errno;
import io.framereel.device.libc.Libc;

/**
 * Page flips with completion events: DRM_IOCTL_MODE_PAGE_FLIP asks the kernel to switch a CRTC to another
 * framebuffer at the next vertical blank and to queue a DRM_EVENT_FLIP_COMPLETE record on the card's fd when it
 * has; {@link #await} polls the fd and reads records until that one arrives. Waiting for each flip before the next
 * keeps one flip pending at most (a second would fail with EBUSY) and means the page just left is no longer
 * scanned out when drawing on it starts: no tearing.
 *
 * <p>Every buffer is allocated once here, so a flip and its wait allocate nothing. Not thread-safe.
 */
final class PageFlip {
    /** A drm_event_vblank is 32 bytes; room for several queued records per read. */
    private static final int EVENT_BUFFER_BYTES = 1024;

    private final DrmCard card;
    private final Memory request = new Memory(DrmLayout.PAGE_FLIP_SIZE);
    private final Memory pollFd = new Memory(Libc.SIZEOF_POLLFD);
    private final Memory events = new Memory(EVENT_BUFFER_BYTES);
    private long completed;

    PageFlip(DrmCard card) {
        this.card = card;
        request.clear();
        pollFd.clear();
    }

    /** Queues a flip of {@code crtcId} to {@code fbId} with an event tagged {@code userData}; 0 or the errno. */
    int request(int crtcId, int fbId, long userData) {
        request.setInt(DrmLayout.PAGE_FLIP_CRTC_ID, crtcId);
        request.setInt(DrmLayout.PAGE_FLIP_FB_ID, fbId);
        request.setInt(DrmLayout.PAGE_FLIP_FLAGS, DrmLayout.PAGE_FLIP_EVENT);
        request.setLong(DrmLayout.PAGE_FLIP_USER_DATA, userData);
        return card.tryIoctl(DrmLayout.IOCTL_MODE_PAGE_FLIP, request);
    }

    /**
     * Waits until the flip tagged {@code userData} has completed; events of earlier flips read on the way are
     * counted and dropped.
     *
     * @throws DrmException when poll or read fail, or no event arrives within {@code timeoutMs}
     */
    void await(long userData, int timeoutMs) throws DrmException {
        int fd = card.fd();
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (true) {
            long leftMs = (deadline - System.nanoTime()) / 1_000_000L;
            if (leftMs < 0) {
                throw new DrmException(card.path(), "DRM_IOCTL_MODE_PAGE_FLIP", 0, "no flip-complete event within "
                        + timeoutMs + " ms (flip " + userData + ")");
            }
            pollFd.setInt(0, fd);
            pollFd.setShort(4, Libc.POLLIN);
            pollFd.setShort(6, (short) 0);
            int ready = Libc.poll(pollFd, 1, (int) Math.min(leftMs + 1, Integer.MAX_VALUE));
            if (ready < 0) {
                int errno = Libc.errno();
                if (errno == Errno.EINTR) {
                    continue;
                }
                throw new DrmException(card.path(), "poll", errno, "waiting for flip " + userData);
            }
            if (ready == 0 || (pollFd.getShort(6) & Libc.POLLIN) == 0) {
                continue;
            }
            long n = Libc.read(fd, events, EVENT_BUFFER_BYTES);
            if (n < 0) {
                int errno = Libc.errno();
                if (errno == Errno.EINTR) {
                    continue;
                }
                throw new DrmException(card.path(), "read", errno, "DRM events, waiting for flip " + userData);
            }
            if (scan((int) n, userData)) {
                return;
            }
        }
    }

    /** Walks the records read; true when the flip tagged {@code userData} is among them. */
    private boolean scan(int bytes, long userData) {
        boolean found = false;
        int at = 0;
        while (at + DrmLayout.EVENT_SIZE <= bytes) {
            int type = events.getInt(at);
            int length = events.getInt(at + DrmLayout.EVENT_LENGTH);
            if (length < DrmLayout.EVENT_SIZE) {
                break; // a malformed record: nothing after it can be trusted
            }
            if (type == DrmLayout.EVENT_FLIP_COMPLETE && length >= DrmLayout.EVENT_VBLANK_SIZE) {
                completed++;
                if (events.getLong(at + DrmLayout.EVENT_VBLANK_USER_DATA) == userData) {
                    found = true;
                }
            }
            at += length;
        }
        return found;
    }

    /** Flip-complete events read so far. */
    long completed() {
        return completed;
    }
}
