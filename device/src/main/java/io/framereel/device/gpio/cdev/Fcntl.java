package io.framereel.device.gpio.cdev;

/**
 * The {@code fcntl.h} and {@code sys/eventfd.h} flags this binding passes to open(2) and eventfd(2); the values are
 * those of glibc on x86_64, aarch64 and armhf (pinned by {@code GpioUapiLayoutTest}).
 */
interface Fcntl {
    /** Open for reading and writing; GPIO ioctls that change state need a writable fd. */
    int O_RDWR = 2;
    /** Do not block in read(2) or write(2). */
    int O_NONBLOCK = 0x800;
    /** Close the fd in a child after exec(2), so spawned helpers (rpicam-vid) do not inherit GPIO lines. */
    int O_CLOEXEC = 0x80000;
    /** eventfd(2): close on exec; same bit as O_CLOEXEC. */
    int EFD_CLOEXEC = O_CLOEXEC;
    /** eventfd(2): non-blocking; same bit as O_NONBLOCK. */
    int EFD_NONBLOCK = O_NONBLOCK;
}
