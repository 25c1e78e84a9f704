package io.framereel.device.v4l2;

import io.framereel.device.libc.Errno;

import com.sun.jna.Pointer;

/**
 * One open V4L2 device node: its fd, its path for messages, the request numbers of the running ABI, and the
 * capability flags read once at open. Every ioctl goes through {@link #ioctl}, which retries EINTR and returns
 * errno; turning errno into exceptions is the ioctl families' decision. Not thread-safe: the owning
 * {@link V4l2Device} serialises access.
 */
final class V4l2Handle implements AutoCloseable {
    private final LibC libc;
    private final Abi abi;
    private final String path;
    private final int[] requests;
    private int fd;
    private Capability capability;

    private V4l2Handle(LibC libc, Abi abi, String path, int fd) {
        this.libc = libc;
        this.abi = abi;
        this.path = path;
        this.fd = fd;
        VideoIoctl[] all = VideoIoctl.values();
        this.requests = new int[all.length];
        for (VideoIoctl op : all) {
            requests[op.ordinal()] = op.request(abi);
        }
    }

    /**
     * Opens the node non-blocking (DQBUF answers EAGAIN instead of sleeping; poll does the waiting) and
     * close-on-exec, then runs VIDIOC_QUERYCAP.
     */
    static V4l2Handle open(LibC libc, Abi abi, String path) throws V4l2Exception {
        int fd = libc.open(path, Fcntl.O_RDWR | Fcntl.O_NONBLOCK | Fcntl.O_CLOEXEC);
        if (fd < 0) {
            int errno = libc.errno();
            throw new V4l2Exception(path, "open", errno, errno == Errno.EACCES
                    ? "add the user to the video group or allow the device in the systemd unit" : null);
        }
        V4l2Handle handle = new V4l2Handle(libc, abi, path, fd);
        try {
            handle.capability = handle.queryCapability();
        } catch (V4l2Exception | RuntimeException e) {
            try {
                handle.close();
            } catch (V4l2Exception closeFailure) {
                e.addSuppressed(closeFailure);
            }
            throw e;
        }
        return handle;
    }

    private Capability queryCapability() throws V4l2Exception {
        CapabilityStructs.v4l2_capability cap = new CapabilityStructs.v4l2_capability();
        call(VideoIoctl.VIDIOC_QUERYCAP, cap, "not a V4L2 device?");
        int deviceCaps = (cap.capabilities & Videodev2.V4L2_CAP_DEVICE_CAPS) != 0 ? cap.device_caps : cap.capabilities;
        return new Capability(NativeStruct.cString(cap.driver), NativeStruct.cString(cap.card),
                NativeStruct.cString(cap.bus_info), cap.version, cap.capabilities, deviceCaps);
    }

    /** Issues the ioctl, retrying EINTR; returns 0 on success or the errno. Allocates nothing. */
    int ioctl(VideoIoctl op, Pointer argument) {
        int request = requests[op.ordinal()];
        while (true) {
            if (libc.ioctl(fd, request, argument) != -1) {
                return 0;
            }
            int errno = libc.errno();
            if (errno != Errno.EINTR) {
                return errno;
            }
        }
    }

    /** write(), ioctl, read(): returns 0 or the errno, leaving the structure untouched on failure. */
    int exchange(VideoIoctl op, NativeStruct argument) {
        argument.write();
        int errno = ioctl(op, argument.getPointer());
        if (errno == 0) {
            argument.read();
        }
        return errno;
    }

    /** {@link #exchange} that throws on failure; {@code detail} explains what was asked. */
    void call(VideoIoctl op, NativeStruct argument, String detail) throws V4l2Exception {
        int errno = exchange(op, argument);
        if (errno != 0) {
            throw failure(op.name(), errno, detail);
        }
    }

    V4l2Exception failure(String operation, int errno, String detail) {
        return new V4l2Exception(path, operation, errno, detail);
    }

    LibC libc() {
        return libc;
    }

    Abi abi() {
        return abi;
    }

    String path() {
        return path;
    }

    int fd() {
        return fd;
    }

    Capability capability() {
        return capability;
    }

    boolean isOpen() {
        return fd >= 0;
    }

    /** Closes the fd; safe to call more than once. close(2) errors are not retried (the fd is gone either way). */
    @Override
    public void close() throws V4l2Exception {
        if (fd < 0) {
            return;
        }
        int closing = fd;
        fd = -1;
        if (libc.close(closing) != 0) {
            throw failure("close", libc.errno(), null);
        }
    }
}
