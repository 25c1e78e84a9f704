package io.framereel.device.gpio.cdev;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A pipe(2) whose read end stands in for a line-request fd, so the request's poll/read/close logic runs against
 * real file descriptors without GPIO hardware. Test helper; not thread-safe.
 */
final class Pipe implements AutoCloseable {

    static {
        Native.register(NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
    }

    private static native int pipe(int[] fds);

    private static native NativeLong write(int fd, Pointer buf, NativeLong count);

    private static native int close(int fd);

    final int readFd;
    final int writeFd;
    private boolean writeClosed;

    Pipe() throws IOException {
        int[] fds = new int[2];
        if (pipe(fds) != 0) {
            throw new IOException("pipe failed: errno " + Native.getLastError());
        }
        readFd = fds[0];
        writeFd = fds[1];
    }

    void write(ByteBuffer bytes) throws IOException {
        Memory m = new Memory(bytes.remaining());
        m.write(0, bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
        long n = write(writeFd, m, new NativeLong(bytes.remaining())).longValue();
        if (n != bytes.remaining()) {
            throw new IOException("pipe write returned " + n + ", errno " + Native.getLastError());
        }
    }

    /** Closes the write end; the read end belongs to whoever adopted it. */
    @Override
    public void close() {
        if (!writeClosed) {
            writeClosed = true;
            close(writeFd);
        }
    }
}
