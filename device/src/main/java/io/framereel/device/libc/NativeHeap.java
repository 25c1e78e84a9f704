package io.framereel.device.libc;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.NativeLong;

/**
 * The C heap of this process: glibc's {@code malloc_trim(3)}, which gives its free pages back to the kernel. The
 * JVM's compilers and class loading malloc tens of megabytes in the first minute and free them again; glibc keeps
 * freed memory for reuse, so without a trim that start-up peak stays in the daemon's RSS for good. (JDK 17.0.11
 * and later can do this themselves with {@code -XX:TrimNativeHeapInterval}, which older 17s refuse to start with.)
 */
public final class NativeHeap {
    private NativeHeap() {
    }

    /** Registered on first use, apart from {@link Libc}, so a C library without malloc_trim breaks nothing else. */
    private static final class Glibc {
        static {
            Native.register(Glibc.class, NativeLibrary.getProcess());
        }

        static native int malloc_trim(NativeLong pad);
    }

    /**
     * Returns the C heap's free pages to the kernel.
     *
     * @return whether any memory was released
     * @throws UnsupportedOperationException where the C library has no malloc_trim (not glibc, e.g. musl)
     */
    public static boolean trim() {
        try {
            return Glibc.malloc_trim(new NativeLong(0)) == 1;
        } catch (LinkageError notGlibc) {
            // the symbol's lookup fails in Glibc's initializer: UnsatisfiedLinkError the first time,
            // NoClassDefFoundError after (a JNA that cannot load at all lands here too)
            throw new UnsupportedOperationException("the C library has no malloc_trim (not glibc): "
                    + notGlibc.getMessage(), notGlibc);
        }
    }
}
