package io.framereel.device.v4l2;

import java.util.Locale;

/**
 * The C data model of a platform framereel's V4L2 code supports: how big {@code long}, pointers and
 * {@code time_t} are. Struct layouts and ioctl numbers are derived from it, so one enum value is all that
 * differs between platforms. Immutable and thread-safe.
 *
 * <h2>How the running ABI is chosen</h2>
 * The system property {@value #PROPERTY} wins when set (one of {@code x86_64}, {@code aarch64},
 * {@code armhf-time32}, {@code armhf-time64}); it must agree with the JVM's pointer size. Otherwise
 * {@code os.arch} decides, and on 32-bit ARM the kernel version picks the {@code time_t} width:
 * <ul>
 *   <li>The JVM calls the plain {@code ioctl} symbol with structs it builds itself, so what matters is which
 *       {@code v4l2_buffer} layouts the <em>kernel</em> accepts, not how the distribution's C programs were
 *       compiled (Raspberry Pi OS Bookworm armhf builds with 32-bit {@code time_t}, Debian Trixie armhf with
 *       {@code _TIME_BITS=64}; the glibc {@code ioctl} symbol passes V4L2 requests through unchanged either way).
 *   <li>Since Linux 5.6 the 64-bit-time layout (80 bytes, {@code VIDIOC_DQBUF = 0xC0505611}) is the native one
 *       on 32-bit kernels and is translated by the compat layer on 64-bit kernels running armhf userland; the
 *       68-byte time32 layout is kept as {@code VIDIOC_*_TIME32} only while {@code CONFIG_COMPAT_32BIT_TIME}
 *       is set (the default, but y2038-hardened kernels drop it).
 *   <li>Kernels before 5.6 know only the 68-byte layout.
 * </ul>
 * So armhf uses {@link #ARMHF_TIME64} on kernels 5.6 and later and {@link #ARMHF_TIME32} before. Both layouts
 * carry a monotonic timestamp, which cannot overflow 32-bit seconds in practice, so either is safe when the
 * kernel accepts it; the property exists for kernels that behave otherwise.
 */
enum Abi {
    /** x86_64 (LP64): 8-byte long and pointers, 64-bit time_t. */
    X86_64("x86_64", 8, 8, 8),
    /** aarch64 / arm64 (LP64), as Raspberry Pi OS 64-bit. */
    AARCH64("aarch64", 8, 8, 8),
    /** 32-bit ARM EABI hard-float (ILP32) with 32-bit time_t: Raspberry Pi OS Bookworm armhf, kernels before 5.6. */
    ARMHF_TIME32("armhf-time32", 4, 4, 4),
    /** 32-bit ARM EABI hard-float (ILP32) with 64-bit time_t ({@code _TIME_BITS=64}): Debian Trixie armhf. */
    ARMHF_TIME64("armhf-time64", 4, 4, 8);

    /** System property that forces the ABI, e.g. {@code -Dframereel.v4l2.abi=armhf-time32}. */
    static final String PROPERTY = "framereel.v4l2.abi";

    private static final int TIME64_KERNEL_MAJOR = 5;
    private static final int TIME64_KERNEL_MINOR = 6;

    private final String id;
    private final int pointerBytes;
    private final int longBytes;
    private final int timeBytes;

    Abi(String id, int pointerBytes, int longBytes, int timeBytes) {
        this.id = id;
        this.pointerBytes = pointerBytes;
        this.longBytes = longBytes;
        this.timeBytes = timeBytes;
    }

    /** The name used by the property, the layout table and messages. */
    String id() {
        return id;
    }

    /** sizeof(void *). */
    int pointerBytes() {
        return pointerBytes;
    }

    /** sizeof(long) and sizeof(unsigned long). */
    int longBytes() {
        return longBytes;
    }

    /** sizeof(time_t) and sizeof(suseconds_t) as used in {@code struct timeval}. */
    int timeBytes() {
        return timeBytes;
    }

    /**
     * The alignment of 8-byte integers. All four ABIs align {@code __u64} to 8 (ARM EABI does too); i386,
     * which aligns it to 4, is not supported.
     */
    int int64Alignment() {
        return 8;
    }

    @Override
    public String toString() {
        return id;
    }

    /** Looks an ABI up by {@link #id()}. */
    static Abi byId(String id) {
        for (Abi abi : values()) {
            if (abi.id.equals(id)) {
                return abi;
            }
        }
        throw new IllegalArgumentException(PROPERTY + " must be one of x86_64, aarch64, armhf-time32, armhf-time64"
                + " (was " + id + ")");
    }

    /** The ABI of this JVM, decided once; see the class comment. */
    static Abi current() {
        return Current.ABI;
    }

    /**
     * Decides the ABI from the JVM's facts; separate from {@link #current()} so tests can try every platform.
     *
     * @param override the {@value #PROPERTY} value or null
     * @param osArch {@code os.arch}
     * @param pointerBytes the JVM's native pointer size
     * @param kernelRelease {@code os.version}, e.g. {@code 6.1.0-21-arm64}
     */
    static Abi detect(String override, String osArch, int pointerBytes, String kernelRelease) {
        if (override != null && !override.isBlank()) {
            Abi forced = byId(override.trim());
            if (forced.pointerBytes != pointerBytes) {
                throw new IllegalArgumentException(PROPERTY + "=" + override + " needs " + forced.pointerBytes
                        + "-byte pointers but this JVM has " + pointerBytes);
            }
            return forced;
        }
        String arch = osArch.toLowerCase(Locale.ROOT);
        if ((arch.equals("amd64") || arch.equals("x86_64")) && pointerBytes == 8) {
            return X86_64;
        }
        if ((arch.equals("aarch64") || arch.equals("arm64")) && pointerBytes == 8) {
            return AARCH64;
        }
        if (arch.startsWith("arm") && pointerBytes == 4) {
            return kernelAtLeast(kernelRelease, TIME64_KERNEL_MAJOR, TIME64_KERNEL_MINOR) ? ARMHF_TIME64 : ARMHF_TIME32;
        }
        throw new UnsupportedOperationException("V4L2 is supported on x86_64, aarch64 and 32-bit ARM; this JVM is "
                + osArch + " with " + pointerBytes + "-byte pointers (set " + PROPERTY + " if it is one of them)");
    }

    /** True when a release string such as {@code 5.15.0-v7l+} is at least major.minor; unparsable means no. */
    static boolean kernelAtLeast(String release, int major, int minor) {
        if (release == null) {
            return false;
        }
        String[] parts = release.split("[.\\-+]", 3);
        try {
            int releaseMajor = Integer.parseInt(parts[0]);
            int releaseMinor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            return releaseMajor > major || (releaseMajor == major && releaseMinor >= minor);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Holder so the detection runs on first use, not when the enum is loaded by a test. */
    private static final class Current {
        static final Abi ABI = detect(System.getProperty(PROPERTY), System.getProperty("os.arch"),
                com.sun.jna.Native.POINTER_SIZE, System.getProperty("os.version"));
    }
}
