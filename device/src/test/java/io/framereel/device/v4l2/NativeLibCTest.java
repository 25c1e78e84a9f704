package io.framereel.device.v4l2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framereel.device.libc.Errno;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

import java.nio.ByteBuffer;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The real libc binding on the host, against /dev/null and /dev/zero: errno, ioctl, poll, mmap, munmap. */
class NativeLibCTest {
    private final LibC libc = LibC.INSTANCE;

    @Test
    void ioctlOnABadDescriptorReportsEbadf() {
        assertEquals(-1, libc.ioctl(-1, VideoIoctl.VIDIOC_QUERYCAP.request(Abi.current()), new Memory(104)));
        assertEquals(Errno.EBADF, libc.errno());
    }

    @Test
    void v4l2IoctlOnACharacterDeviceThatIsNotV4l2ReportsEnotty() {
        int fd = libc.open("/dev/null", Fcntl.O_RDWR | Fcntl.O_CLOEXEC);
        assertTrue(fd >= 0, "open /dev/null: errno " + libc.errno());
        try {
            assertEquals(-1, libc.ioctl(fd, VideoIoctl.VIDIOC_DQBUF.request(Abi.current()), new Memory(88)));
            assertEquals(Errno.ENOTTY, libc.errno());
        } finally {
            assertEquals(0, libc.close(fd));
        }
    }

    @Test
    void openOfAMissingFileReportsEnoent() {
        assertEquals(-1, libc.open("/nonexistent/video0", Fcntl.O_RDWR));
        assertEquals(Errno.ENOENT, libc.errno());
    }

    @Test
    void pollReportsDevNullReadable() {
        int fd = libc.open("/dev/null", Fcntl.O_RDWR | Fcntl.O_NONBLOCK);
        Memory fds = new Memory(Poll.POLLFD_SIZE);
        fds.setInt(Poll.POLLFD_FD_OFFSET, fd);
        fds.setShort(Poll.POLLFD_EVENTS_OFFSET, Poll.POLLIN);
        fds.setShort(Poll.POLLFD_REVENTS_OFFSET, (short) 0);
        try {
            assertEquals(1, libc.poll(fds, 1, 100));
            assertEquals(Poll.POLLIN, fds.getShort(Poll.POLLFD_REVENTS_OFFSET) & Poll.POLLIN);
        } finally {
            libc.close(fd);
        }
    }

    @Test
    void mmapOfACharacterDeviceGivesADirectByteBuffer() {
        int fd = libc.open("/dev/zero", Fcntl.O_RDWR);
        try {
            Pointer p = libc.mmap(65536, Mman.PROT_READ | Mman.PROT_WRITE, Mman.MAP_SHARED, fd, 0);
            assertNotNull(p, "mmap errno " + libc.errno());
            ByteBuffer view = p.getByteBuffer(0, 65536);
            assertEquals(0, view.get(65535));
            view.put(0, (byte) 42);
            assertEquals(42, p.getByte(0));
            assertEquals(0, libc.munmap(p, 65536));
        } finally {
            libc.close(fd);
        }
    }

    @Test
    void failedMmapReturnsNullWithErrno() {
        assertEquals(null, libc.mmap(4096, Mman.PROT_READ, Mman.MAP_SHARED, -1, 0));
        assertEquals(Errno.EBADF, libc.errno());
    }

    @Test
    void openingANonV4l2DeviceSaysSoInOneLine() {
        V4l2Exception e = assertThrows(V4l2Exception.class, () -> V4l2Device.open(Path.of("/dev/null")));
        assertEquals("/dev/null: VIDIOC_QUERYCAP failed: ENOTTY (not a V4L2 device?)", e.getMessage());
    }
}
