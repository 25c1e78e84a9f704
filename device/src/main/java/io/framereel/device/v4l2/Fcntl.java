package io.framereel.device.v4l2;

/** Open flags from {@code <fcntl.h>} (asm-generic values; arm and arm64 match x86_64 for these). */
final class Fcntl {
    private Fcntl() {
    }

    /** Open for reading and writing. */
    static final int O_RDWR = 0x2;
    /** Non-blocking I/O: VIDIOC_DQBUF returns EAGAIN instead of waiting. */
    static final int O_NONBLOCK = 0x800;
    /** Close on exec: do not leak the device into rpicam-vid or other children. */
    static final int O_CLOEXEC = 0x80000;
}
