package io.framereel.device.gpio.cdev;

/**
 * The {@code _IOC} request-number encoding of {@code asm-generic/ioctl.h}: direction in bits 30-31, argument
 * size in bits 16-29, type in bits 8-15 and number in bits 0-7.
 *
 * <p>x86, arm, arm64 and riscv use this generic encoding; powerpc, mips, sparc and alpha do not (three direction
 * bits, 13 size bits), and this binding does not support them. Stateless and thread-safe.
 */
final class Ioc {

    /** {@code _IOC_WRITE}: userland writes the argument, the kernel reads it. */
    static final int IOC_WRITE = 1;
    /** {@code _IOC_READ}: the kernel writes the argument back. */
    static final int IOC_READ = 2;

    private static final int NR_SHIFT = 0;
    private static final int TYPE_SHIFT = 8;
    private static final int SIZE_SHIFT = 16;
    private static final int DIR_SHIFT = 30;
    private static final int SIZE_MAX = (1 << 14) - 1;

    private Ioc() {
    }

    /** {@code _IOR(type, nr, size)}. */
    static int ior(int type, int nr, int size) {
        return ioc(IOC_READ, type, nr, size);
    }

    /** {@code _IOWR(type, nr, size)}. */
    static int iowr(int type, int nr, int size) {
        return ioc(IOC_READ | IOC_WRITE, type, nr, size);
    }

    /** {@code _IOC(dir, type, nr, size)}; the result is an unsigned 32-bit number held in an int. */
    static int ioc(int dir, int type, int nr, int size) {
        if (size < 0 || size > SIZE_MAX) {
            throw new IllegalArgumentException("ioctl argument size " + size + " does not fit in 14 bits");
        }
        if ((type & ~0xff) != 0 || (nr & ~0xff) != 0) {
            throw new IllegalArgumentException("ioctl type 0x" + Integer.toHexString(type) + " or number 0x"
                    + Integer.toHexString(nr) + " does not fit in 8 bits");
        }
        return dir << DIR_SHIFT | size << SIZE_SHIFT | type << TYPE_SHIFT | nr << NR_SHIFT;
    }
}
