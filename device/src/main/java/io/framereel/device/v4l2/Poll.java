package io.framereel.device.v4l2;

/** Event bits of {@code struct pollfd} from {@code <poll.h>} / {@code <asm-generic/poll.h>}. */
final class Poll {
    private Poll() {
    }

    /** There is data to read. */
    static final short POLLIN = 0x001;
    /** There is urgent data to read (V4L2: an event is pending). */
    static final short POLLPRI = 0x002;
    /** Writing now will not block. */
    static final short POLLOUT = 0x004;
    /** Error condition (V4L2: not streaming, or nothing queued). */
    static final short POLLERR = 0x008;
    /** Hung up (V4L2: the device was disconnected). */
    static final short POLLHUP = 0x010;
    /** Invalid polling request. */
    static final short POLLNVAL = 0x020;

    /** sizeof(struct pollfd) on every supported ABI; offsets of its members. */
    static final int POLLFD_SIZE = 8;
    static final int POLLFD_FD_OFFSET = 0;
    static final int POLLFD_EVENTS_OFFSET = 4;
    static final int POLLFD_REVENTS_OFFSET = 6;
}
