package io.framereel.device.gpio.cdev;

/**
 * The {@code poll.h} layout and event bits this binding uses; identical on x86_64, aarch64 and armhf (pinned by
 * {@code GpioUapiLayoutTest}).
 */
interface Poll {
    /** {@code sizeof(struct pollfd)}: int fd, short events, short revents. */
    int SIZEOF_POLLFD = 8;
    /** Offset of {@code pollfd.fd}. */
    int POLLFD_FD_OFFSET = 0;
    /** Offset of {@code pollfd.events}. */
    int POLLFD_EVENTS_OFFSET = 4;
    /** Offset of {@code pollfd.revents}. */
    int POLLFD_REVENTS_OFFSET = 6;

    /** There is data to read: a GPIO request fd has at least one edge event queued. */
    short POLLIN = 0x1;
    /** There is urgent data to read. */
    short POLLPRI = 0x2;
    /** Error condition (revents only). */
    short POLLERR = 0x8;
    /** Hang up (revents only); a GPIO request fd reports it when the chip goes away. */
    short POLLHUP = 0x10;
    /** The fd is not open (revents only). */
    short POLLNVAL = 0x20;
}
