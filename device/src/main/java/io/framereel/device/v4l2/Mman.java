package io.framereel.device.v4l2;

/** Constants from {@code <sys/mman.h>} (asm-generic values, shared by x86_64, arm64 and arm). */
final class Mman {
    private Mman() {
    }

    /** Page can be read. */
    static final int PROT_READ = 0x1;
    /** Page can be written. */
    static final int PROT_WRITE = 0x2;
    /** Share changes. */
    static final int MAP_SHARED = 0x01;
}
