package io.framereel.device.drm;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

import io.framereel.device.libc.Errno;
import io.framereel.device.libc.Libc;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One dumb buffer: CPU-drawn memory the display can scan out. Created (DRM_IOCTL_MODE_CREATE_DUMB) at the
 * driver's pitch, which may exceed width times pixel size, made a framebuffer (ADDFB2, or the legacy ADDFB where
 * the driver has no ADDFB2), and mapped (MAP_DUMB's offset, then mmap of the card). {@link #release} undoes
 * whatever of that succeeded, in reverse. Not thread-safe.
 */
final class DumbBuffer {
    private final DrmCard card;
    final int width;
    final int height;
    final int bitsPerPixel;
    private int handle;
    int pitch;
    private long sizeBytes;
    int fbId;
    private Pointer mapping;
    private ByteBuffer memory;

    private DumbBuffer(DrmCard card, int width, int height, int bitsPerPixel) {
        this.card = card;
        this.width = width;
        this.height = height;
        this.bitsPerPixel = bitsPerPixel;
    }

    /**
     * Creates, adds and maps a buffer for {@code fourcc} (XRGB8888 or RGB565). On failure everything done so far is
     * released before the exception leaves.
     */
    static DumbBuffer create(DrmCard card, int width, int height, int fourcc) throws DrmException {
        DumbBuffer b = new DumbBuffer(card, width, height, fourcc == DrmLayout.FORMAT_RGB565 ? 16 : 32);
        try {
            b.allocate();
            b.addFramebuffer(fourcc);
            b.map();
            return b;
        } catch (DrmException | RuntimeException e) {
            DrmException cleanup = b.release();
            if (cleanup != null) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    private void allocate() throws DrmException {
        Memory create = new Memory(DrmLayout.CREATE_DUMB_SIZE);
        create.clear();
        create.setInt(DrmLayout.CREATE_DUMB_WIDTH, width);
        create.setInt(DrmLayout.CREATE_DUMB_HEIGHT, height);
        create.setInt(DrmLayout.CREATE_DUMB_BPP, bitsPerPixel);
        card.ioctl(DrmLayout.IOCTL_MODE_CREATE_DUMB, create, "DRM_IOCTL_MODE_CREATE_DUMB " + width + "x" + height
                + " " + bitsPerPixel + " bpp");
        handle = create.getInt(DrmLayout.CREATE_DUMB_HANDLE);
        pitch = create.getInt(DrmLayout.CREATE_DUMB_PITCH);
        sizeBytes = create.getLong(DrmLayout.CREATE_DUMB_BYTES);
        if (pitch < width * bitsPerPixel / 8 || sizeBytes < (long) pitch * height) {
            throw new DrmException(card.path(), "DRM_IOCTL_MODE_CREATE_DUMB", 0, "implausible buffer: pitch " + pitch
                    + ", " + sizeBytes + " bytes for " + width + "x" + height);
        }
    }

    private void addFramebuffer(int fourcc) throws DrmException {
        Memory cmd2 = new Memory(DrmLayout.FB_CMD2_SIZE);
        cmd2.clear();
        cmd2.setInt(DrmLayout.FB_CMD2_WIDTH, width);
        cmd2.setInt(DrmLayout.FB_CMD2_HEIGHT, height);
        cmd2.setInt(DrmLayout.FB_CMD2_PIXEL_FORMAT, fourcc);
        cmd2.setInt(DrmLayout.FB_CMD2_HANDLES, handle);
        cmd2.setInt(DrmLayout.FB_CMD2_PITCHES, pitch);
        int errno = card.tryIoctl(DrmLayout.IOCTL_MODE_ADDFB2, cmd2);
        if (errno == 0) {
            fbId = cmd2.getInt(DrmLayout.FB_CMD2_FB_ID);
            return;
        }
        String format = fourcc == DrmLayout.FORMAT_RGB565 ? "RGB565" : "XRGB8888";
        if (errno != Errno.ENOTTY && errno != Errno.EINVAL) { // ENOTTY: no ADDFB2 at all; EINVAL: maybe only the legacy call knows it
            throw new DrmException(card.path(), "DRM_IOCTL_MODE_ADDFB2 " + format, errno, null);
        }
        Memory cmd = new Memory(DrmLayout.FB_CMD_SIZE);
        cmd.clear();
        cmd.setInt(DrmLayout.FB_CMD_WIDTH, width);
        cmd.setInt(DrmLayout.FB_CMD_HEIGHT, height);
        cmd.setInt(DrmLayout.FB_CMD_PITCH, pitch);
        cmd.setInt(DrmLayout.FB_CMD_BPP, bitsPerPixel);
        cmd.setInt(DrmLayout.FB_CMD_DEPTH, bitsPerPixel == 16 ? 16 : 24);
        cmd.setInt(DrmLayout.FB_CMD_HANDLE, handle);
        int legacy = card.tryIoctl(DrmLayout.IOCTL_MODE_ADDFB, cmd);
        if (legacy != 0) {
            throw new DrmException(card.path(), "DRM_IOCTL_MODE_ADDFB2 " + format, errno, "and DRM_IOCTL_MODE_ADDFB: "
                    + Errno.name(legacy) + "; the driver does not scan out " + format
                    + (fourcc == DrmLayout.FORMAT_RGB565 ? ", use XRGB8888" : ""));
        }
        fbId = cmd.getInt(DrmLayout.FB_CMD_FB_ID);
    }

    private void map() throws DrmException {
        Memory mapDumb = new Memory(DrmLayout.MAP_DUMB_SIZE);
        mapDumb.clear();
        mapDumb.setInt(0, handle);
        card.ioctl(DrmLayout.IOCTL_MODE_MAP_DUMB, mapDumb, "DRM_IOCTL_MODE_MAP_DUMB");
        long offset = mapDumb.getLong(DrmLayout.MAP_DUMB_OFFSET);
        Pointer p = Libc.mapShared(card.fd(), sizeBytes, offset);
        if (p == null) {
            throw new DrmException(card.path(), "mmap", Libc.errno(), sizeBytes + " bytes of a dumb buffer");
        }
        mapping = p;
        memory = p.getByteBuffer(0, sizeBytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The mapped memory, {@code pitch * height} bytes, little-endian, positioned at 0. */
    ByteBuffer memory() {
        return memory.duplicate().order(ByteOrder.LITTLE_ENDIAN).limit(pitch * height).slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Removes the framebuffer (RMFB), unmaps, and destroys the buffer, whichever of them exist; every step runs even
     * when one before fails. Returns the first failure, or null. Safe to call more than once.
     */
    DrmException release() {
        DrmException first = null;
        if (fbId != 0) {
            Memory id = new Memory(4);
            id.setInt(0, fbId);
            int errno = card.tryIoctl(DrmLayout.IOCTL_MODE_RMFB, id);
            if (errno != 0) {
                first = new DrmException(card.path(), "DRM_IOCTL_MODE_RMFB " + fbId, errno, null);
            }
            fbId = 0;
        }
        memory = null;
        if (mapping != null) {
            if (Libc.munmap(mapping, sizeBytes) != 0 && first == null) {
                first = new DrmException(card.path(), "munmap", Libc.errno(), sizeBytes + " bytes");
            }
            mapping = null;
        }
        if (handle != 0) {
            Memory destroy = new Memory(DrmLayout.DESTROY_DUMB_SIZE);
            destroy.setInt(0, handle);
            int errno = card.tryIoctl(DrmLayout.IOCTL_MODE_DESTROY_DUMB, destroy);
            if (errno != 0 && first == null) {
                first = new DrmException(card.path(), "DRM_IOCTL_MODE_DESTROY_DUMB " + handle, errno, null);
            }
            handle = 0;
        }
        return first;
    }
}
