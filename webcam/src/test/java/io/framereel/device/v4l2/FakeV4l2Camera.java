package io.framereel.device.v4l2;

import io.framereel.device.libc.Errno;

import com.sun.jna.Pointer;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * device's {@link FakeCamera} (a fake V4L2 kernel: YUYV 640x480 and 1280x720, GREY stepwise) opened to tests in
 * other packages, with the picture the test chooses: {@link #produce} writes the given bytes into the buffer the
 * fake fills next. To know which buffer that is, it watches the fake's queue the way the kernel keeps it (QBUF
 * appends, REQBUFS and STREAMOFF empty it). Lives in the binding's package because the fake and
 * {@code V4l2Device.open(LibC, ...)} are package-private there. Single-threaded, like the fake.
 */
public final class FakeV4l2Camera {
    private static final Abi ABI = Abi.current();

    private final String path;
    private final FakeCamera camera;
    private final Painter painter;

    public FakeV4l2Camera(String path) {
        this.path = path;
        this.camera = new FakeCamera(ABI, path);
        this.painter = new Painter(camera);
    }

    /** Opens the fake node as the binding opens a real one (QUERYCAP at open). */
    public V4l2Device open() throws V4l2Exception {
        return V4l2Device.open(painter, ABI, path);
    }

    /**
     * The driver fills its oldest queued buffer with {@code picture} and marks it done as frame {@code sequence}
     * (timestamps 33.333 ms apart, see {@link #timestampNanos}); false when no buffer is queued.
     */
    public boolean produce(long sequence, byte[] picture) {
        return produce(sequence, picture, 0);
    }

    /** As {@link #produce(long, byte[])}, with V4L2_BUF_FLAG_ERROR set: a frame the driver says is corrupt. */
    public boolean produceCorrupt(long sequence, byte[] picture) {
        return produce(sequence, picture, Videodev2.V4L2_BUF_FLAG_ERROR);
    }

    private boolean produce(long sequence, byte[] picture, int flags) {
        Integer index = painter.queued.peekFirst();
        if (index == null) {
            return false;
        }
        Pointer memory = painter.mapped[index];
        memory.write(0, picture, 0, Math.min(picture.length, camera.bytesPerFrame()));
        painter.queued.removeFirst();
        return camera.produce(sequence, flags);
    }

    /** When the fake says frame {@code sequence} was captured. */
    public static long timestampNanos(long sequence) {
        return FakeCamera.timestampNanos(sequence);
    }

    /** Unplugs the camera: every call fails with ENODEV, open with ENOENT. */
    public void disconnect() {
        camera.disconnected = true;
    }

    /** Makes the node a UVC-style metadata node (no video capture). */
    public void metadataOnly() {
        camera.deviceCaps = Videodev2.V4L2_CAP_META_CAPTURE | Videodev2.V4L2_CAP_STREAMING;
    }

    /** Whether the fake is streaming (STREAMON without STREAMOFF). */
    public boolean streaming() {
        return camera.streaming();
    }

    /** How many times a file descriptor of this node was closed. */
    public int closes() {
        return camera.closes;
    }

    /** Buffers mapped now; 0 after a clean teardown. */
    public int mappedBuffers() {
        return camera.mappedCount();
    }

    /** An open(2) error as the binding reports it, for nodes a test wants to be missing. */
    public static V4l2Exception missing(String path) {
        return new V4l2Exception(path, "open", Errno.ENOENT, null);
    }

    /** Passes every call to the fake, noting the mapped memory of each buffer and the order buffers are queued. */
    private static final class Painter implements LibC {
        private final FakeCamera camera;
        private final CaptureSession.BufferOffsets at = new CaptureSession.BufferOffsets(ABI);
        private final int qbuf = VideoIoctl.VIDIOC_QBUF.request(ABI);
        private final int reqbufs = VideoIoctl.VIDIOC_REQBUFS.request(ABI);
        private final int streamoff = VideoIoctl.VIDIOC_STREAMOFF.request(ABI);
        final Pointer[] mapped = new Pointer[64];
        final Deque<Integer> queued = new ArrayDeque<>();

        Painter(FakeCamera camera) {
            this.camera = camera;
        }

        @Override
        public int open(String path, int flags) {
            return camera.open(path, flags);
        }

        @Override
        public int close(int fd) {
            return camera.close(fd);
        }

        @Override
        public int ioctl(int fd, int request, Pointer argument) {
            int result = camera.ioctl(fd, request, argument);
            if (result == 0) {
                if (request == qbuf) {
                    queued.addLast(argument.getInt(at.index));
                } else if (request == reqbufs || request == streamoff) {
                    queued.clear();
                }
            }
            return result;
        }

        @Override
        public Pointer mmap(long lengthBytes, int prot, int flags, int fd, long offset) {
            Pointer p = camera.mmap(lengthBytes, prot, flags, fd, offset);
            if (p != null) {
                mapped[(int) (offset / 0x100000)] = p; // the fake's buffer i lives at offset i MiB
            }
            return p;
        }

        @Override
        public int munmap(Pointer address, long lengthBytes) {
            return camera.munmap(address, lengthBytes);
        }

        @Override
        public int poll(Pointer fds, int count, int timeoutMs) {
            return camera.poll(fds, count, timeoutMs);
        }

        @Override
        public int errno() {
            return camera.errno();
        }
    }
}
