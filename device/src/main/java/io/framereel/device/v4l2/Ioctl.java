package io.framereel.device.v4l2;

/**
 * The ioctl request encoding of {@code <asm-generic/ioctl.h>}, which x86_64, arm64 and arm all use: direction
 * in bits 30-31, argument size in bits 16-29, type in bits 8-15, number in bits 0-7. Because the size is part
 * of the number, a struct that differs between ABIs gives a different request per ABI.
 */
final class Ioctl {
    private Ioctl() {
    }

    static final int IOC_NRBITS = 8;
    static final int IOC_TYPEBITS = 8;
    static final int IOC_SIZEBITS = 14;
    static final int IOC_NRSHIFT = 0;
    static final int IOC_TYPESHIFT = IOC_NRSHIFT + IOC_NRBITS;
    static final int IOC_SIZESHIFT = IOC_TYPESHIFT + IOC_TYPEBITS;
    static final int IOC_DIRSHIFT = IOC_SIZESHIFT + IOC_SIZEBITS;

    /** No data transfer. */
    static final int IOC_NONE = 0;
    /** userland writes, the kernel reads. */
    static final int IOC_WRITE = 1;
    /** the kernel writes, userland reads. */
    static final int IOC_READ = 2;

    /** _IOC(dir, type, nr, size). */
    static int ioc(int dir, int type, int nr, int size) {
        if (size < 0 || size >= 1 << IOC_SIZEBITS) {
            throw new IllegalArgumentException("ioctl argument size out of range: " + size);
        }
        if ((type & ~0xff) != 0 || (nr & ~0xff) != 0 || (dir & ~3) != 0) {
            throw new IllegalArgumentException("ioctl dir/type/nr out of range: " + dir + "/" + type + "/" + nr);
        }
        return dir << IOC_DIRSHIFT | type << IOC_TYPESHIFT | nr << IOC_NRSHIFT | size << IOC_SIZESHIFT;
    }

    /** _IO(type, nr). */
    static int io(int type, int nr) {
        return ioc(IOC_NONE, type, nr, 0);
    }

    /** _IOR(type, nr, size). */
    static int ior(int type, int nr, int size) {
        return ioc(IOC_READ, type, nr, size);
    }

    /** _IOW(type, nr, size). */
    static int iow(int type, int nr, int size) {
        return ioc(IOC_WRITE, type, nr, size);
    }

    /** _IOWR(type, nr, size). */
    static int iowr(int type, int nr, int size) {
        return ioc(IOC_READ | IOC_WRITE, type, nr, size);
    }

    /** _IOC_SIZE(request). */
    static int size(int request) {
        return request >>> IOC_SIZESHIFT & (1 << IOC_SIZEBITS) - 1;
    }

    /** _IOC_NR(request). */
    static int nr(int request) {
        return request >>> IOC_NRSHIFT & 0xff;
    }
}
