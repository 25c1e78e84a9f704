package io.framereel.device.gpio.cdev;

import static io.framereel.device.gpio.cdev.GpioH.GPIO_V2_LINE_GET_VALUES_IOCTL;
import static io.framereel.device.gpio.cdev.GpioH.GPIO_V2_LINE_SET_CONFIG_IOCTL;
import static io.framereel.device.gpio.cdev.GpioH.GPIO_V2_LINE_SET_VALUES_IOCTL;
import static io.framereel.device.gpio.cdev.GpioH.LINE_VALUES_BITS_OFFSET;
import static io.framereel.device.gpio.cdev.GpioH.LINE_VALUES_MASK_OFFSET;
import static io.framereel.device.gpio.cdev.GpioH.SIZEOF_GPIO_V2_LINE_EVENT;
import static io.framereel.device.gpio.cdev.GpioH.SIZEOF_GPIO_V2_LINE_VALUES;

import com.sun.jna.Memory;

import io.framereel.device.gpio.cdev.GpioStructs.GpioV2LineConfig;
import io.framereel.device.libc.Errno;

import java.io.IOException;
import java.nio.channels.AsynchronousCloseException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The fd of a granted line request (GPIO_V2_GET_LINE_IOCTL) and its ioctls: get and set values, reconfigure, and
 * wait for and read edge events. Bitmaps index the requested offsets: bit n is {@code offsets()[n]}.
 *
 * <p>Thread-safe. Any thread may get or set values while one thread at a time waits for events (a second waiter
 * queues behind the first). {@link #close()} may be called from any thread at any time: it wakes a waiter
 * through an eventfd, waits for calls in flight to return, and only then closes the fd, so a number the kernel
 * reuses for another file is never touched.
 */
public final class GpioLineRequest implements AutoCloseable {

    private static final short WAIT_EVENTS = Poll.POLLIN | Poll.POLLPRI;
    private static final short FAILURE_EVENTS = Poll.POLLERR | Poll.POLLHUP | Poll.POLLNVAL;

    private final String device;
    private final int fd;
    private final int wakeFd;
    private final int[] offsets;

    /** Read lock: any call using the fds. Write lock: close. */
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    /** Written by close() before it wakes the waiter; read by every call. */
    private volatile boolean closed;
    /** Guarded by the write lock. */
    private boolean fdsClosed;

    private final Memory values = new Memory(SIZEOF_GPIO_V2_LINE_VALUES); // guarded by itself
    private final Memory pollFds = new Memory(2L * Poll.SIZEOF_POLLFD); // guarded by itself (the one waiter)

    private GpioLineRequest(String device, int fd, int wakeFd, int[] offsets) {
        this.device = device;
        this.fd = fd;
        this.wakeFd = wakeFd;
        this.offsets = offsets;
        pollFds.clear();
        pollFds.setInt(Poll.POLLFD_FD_OFFSET, fd);
        pollFds.setShort(Poll.POLLFD_EVENTS_OFFSET, WAIT_EVENTS);
        pollFds.setInt(Poll.SIZEOF_POLLFD + Poll.POLLFD_FD_OFFSET, wakeFd);
        pollFds.setShort(Poll.SIZEOF_POLLFD + Poll.POLLFD_EVENTS_OFFSET, Poll.POLLIN);
    }

    /** Takes ownership of a request fd; closes it if the wake-up eventfd cannot be created. */
    static GpioLineRequest adopt(String device, int fd, int[] offsets) throws IOException {
        int wakeFd = LibC.eventfd(0, Fcntl.EFD_CLOEXEC | Fcntl.EFD_NONBLOCK);
        if (wakeFd < 0) {
            int errno = com.sun.jna.Native.getLastError();
            LibC.closeErrno(fd);
            throw new GpioErrnoException(device, "eventfd", errno);
        }
        return new GpioLineRequest(device, fd, wakeFd, offsets);
    }

    /** The requested chip offsets, in request order. */
    public int[] offsets() {
        return offsets.clone();
    }

    /** Chip device and lines, as used in messages, e.g. {@code /dev/gpiochip0 line 3}. */
    public String device() {
        return device;
    }

    /** GPIO_V2_LINE_GET_VALUES_IOCTL: the logical values (1 = active) of the lines in {@code mask}. */
    public long getValues(long mask) throws IOException {
        lifecycle.readLock().lock();
        try {
            ensureOpen("GPIO_V2_LINE_GET_VALUES_IOCTL");
            synchronized (values) {
                values.setLong(LINE_VALUES_BITS_OFFSET, 0);
                values.setLong(LINE_VALUES_MASK_OFFSET, mask);
                check(LibC.ioctlErrno(fd, GPIO_V2_LINE_GET_VALUES_IOCTL, values), "GPIO_V2_LINE_GET_VALUES_IOCTL");
                return values.getLong(LINE_VALUES_BITS_OFFSET) & mask;
            }
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /** GPIO_V2_LINE_SET_VALUES_IOCTL: sets the logical values of the output lines in {@code mask}. */
    public void setValues(long bits, long mask) throws IOException {
        lifecycle.readLock().lock();
        try {
            ensureOpen("GPIO_V2_LINE_SET_VALUES_IOCTL");
            synchronized (values) {
                values.setLong(LINE_VALUES_BITS_OFFSET, bits);
                values.setLong(LINE_VALUES_MASK_OFFSET, mask);
                check(LibC.ioctlErrno(fd, GPIO_V2_LINE_SET_VALUES_IOCTL, values), "GPIO_V2_LINE_SET_VALUES_IOCTL");
            }
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /** GPIO_V2_LINE_SET_CONFIG_IOCTL: replaces the configuration of every line in the request. */
    public void reconfigure(LineConfig config) throws IOException {
        lifecycle.readLock().lock();
        try {
            ensureOpen("GPIO_V2_LINE_SET_CONFIG_IOCTL");
            GpioV2LineConfig struct = new GpioV2LineConfig();
            config.writeTo(struct);
            struct.write();
            check(LibC.ioctlErrno(fd, GPIO_V2_LINE_SET_CONFIG_IOCTL, struct.getPointer()),
                    "GPIO_V2_LINE_SET_CONFIG_IOCTL " + config);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /**
     * Waits until an edge event is queued, for at most {@code timeoutMs} (negative: no limit).
     *
     * @return true if an event can be read, false on timeout
     * @throws AsynchronousCloseException if the request was closed while waiting
     */
    public boolean awaitEvents(long timeoutMs) throws IOException {
        ensureOpen("poll");
        lifecycle.readLock().lock();
        try {
            // closed between the check above and here: the close raced this call, as if it came during the wait
            if (closed) {
                throw new AsynchronousCloseException();
            }
            synchronized (pollFds) {
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, timeoutMs));
                while (true) {
                    int waitMs = timeoutMs < 0 ? -1 : remainingMs(deadline);
                    pollFds.setShort(Poll.POLLFD_REVENTS_OFFSET, (short) 0);
                    pollFds.setShort(Poll.SIZEOF_POLLFD + Poll.POLLFD_REVENTS_OFFSET, (short) 0);
                    int ready = LibC.pollErrno(pollFds, 2, waitMs);
                    if (closed) {
                        throw new AsynchronousCloseException();
                    }
                    if (ready == -Errno.EINTR) {
                        continue;
                    }
                    check(ready < 0 ? -ready : 0, "poll");
                    short revents = pollFds.getShort(Poll.POLLFD_REVENTS_OFFSET);
                    if ((revents & WAIT_EVENTS) != 0) {
                        return true;
                    }
                    if ((revents & FAILURE_EVENTS) != 0) {
                        throw new IOException(device + " - poll reported revents 0x" + Integer.toHexString(revents)
                                + " on the request fd; the chip may have been removed");
                    }
                    if (ready == 0 && (timeoutMs >= 0 && remainingMs(deadline) == 0)) {
                        return false;
                    }
                }
            }
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /**
     * Reads the queued edge events into {@code into} with one read(2), up to its capacity; never blocks.
     *
     * @return the number of events read, 0 if none was queued
     */
    public int readEvents(LineEventBuffer into) throws IOException {
        lifecycle.readLock().lock();
        try {
            ensureOpen("read");
            synchronized (pollFds) {
                // poll first with a zero timeout: read(2) on a request fd blocks when the queue is empty, and a
                // blocked read would hold the read lock and stall close()
                pollFds.setShort(Poll.POLLFD_REVENTS_OFFSET, (short) 0);
                int ready = LibC.pollErrno(pollFds, 1, 0);
                if (ready == -Errno.EINTR || ready == 0) {
                    into.count(0);
                    return 0;
                }
                check(ready < 0 ? -ready : 0, "poll");
                if ((pollFds.getShort(Poll.POLLFD_REVENTS_OFFSET) & WAIT_EVENTS) == 0) {
                    into.count(0);
                    return 0;
                }
                long got = LibC.readErrno(fd, into.memory(), into.sizeBytes());
                if (got < 0) {
                    if (got == -Errno.EAGAIN) {
                        into.count(0);
                        return 0;
                    }
                    check((int) -got, "read");
                }
                if (got % SIZEOF_GPIO_V2_LINE_EVENT != 0) {
                    throw new IOException(device + " - read returned " + got + " bytes, not a multiple of the "
                            + SIZEOF_GPIO_V2_LINE_EVENT + "-byte gpio_v2_line_event");
                }
                int n = (int) (got / SIZEOF_GPIO_V2_LINE_EVENT);
                into.count(n);
                return n;
            }
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /** Whether {@link #close()} has been called. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Releases the lines: wakes a thread waiting in {@link #awaitEvents(long)} (it gets an
     * AsynchronousCloseException), waits for calls in flight, then closes the fds. Safe to call more than once.
     */
    @Override
    public void close() throws IOException {
        closed = true;
        wake();
        lifecycle.writeLock().lock();
        try {
            if (fdsClosed) {
                return;
            }
            fdsClosed = true;
            int requestErrno = LibC.closeErrno(fd);
            int wakeErrno = LibC.closeErrno(wakeFd);
            check(requestErrno, "close");
            check(wakeErrno, "close eventfd");
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    /** Number of calls holding the fds right now; a test seam for the close-while-waiting path. */
    int callsInFlight() {
        return lifecycle.getReadLockCount();
    }

    @Override
    public String toString() {
        return "GpioLineRequest[" + device + (closed ? ", closed]" : "]");
    }

    private void wake() {
        // a failed tryLock means another close() holds the write lock and is closing the fds right now; holding
        // the read lock keeps the eventfd open (and its number ours) for the write
        if (!lifecycle.readLock().tryLock()) {
            return;
        }
        try {
            if (fdsClosed) {
                return;
            }
            Memory one = new Memory(8);
            one.setLong(0, 1);
            // EAGAIN means the counter is already non-zero: the waiter wakes anyway
            LibC.writeErrno(wakeFd, one, 8);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    private void ensureOpen(String operation) throws IOException {
        if (closed) {
            throw new IOException(device + " - " + operation + " on a released line request");
        }
    }

    private void check(int errno, String operation) throws GpioErrnoException {
        if (errno != 0) {
            throw new GpioErrnoException(device, operation, errno);
        }
    }

    private static int remainingMs(long deadlineNanos) {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
            return 0;
        }
        return (int) Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(left + 999_999));
    }
}
