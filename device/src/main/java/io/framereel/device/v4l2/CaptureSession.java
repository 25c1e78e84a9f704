package io.framereel.device.v4l2;

import io.framereel.device.libc.Errno;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

import java.nio.ByteBuffer;

/**
 * Memory-mapped streaming capture from one device (the streaming family: REQBUFS, QUERYBUF, mmap, QBUF,
 * STREAMON, poll, DQBUF, STREAMOFF, munmap). Created by {@link V4l2Device#startCapture(int)} with every buffer
 * queued and the stream on, or by {@link V4l2Device#prepareCapture(int)} with the buffers queued and the stream
 * started later by {@link #startStreaming()}, once the consumer is ready, so that no frame is lost while it opens
 * its file; {@link #next(long)} hands out frames, {@link Frame#release()} queues them again, {@link #close()} tears
 * everything down and is safe after any error.
 *
 * <pre>
 *   start:  REQBUFS(n, MMAP) -> for each: QUERYBUF, mmap -> QBUF all -> STREAMON   (prepare stops before STREAMON)
 *   next:   poll(timeout) --readable--> DQBUF; timeout 0: DQBUF   (EINTR retried, timeout -> null)
 *   close:  STREAMOFF -> munmap all -> REQBUFS(0)                       (every step runs, ENODEV ignored)
 * </pre>
 *
 * <p>After warm-up {@link #next} and {@link Frame#release} allocate nothing: one v4l2_buffer and one pollfd
 * are reused, fields are read and written at the model's offsets instead of through JNA's reflective
 * read()/write(), and each buffer's {@link Frame} and ByteBuffer view are created once.
 *
 * <p>Not thread-safe: one thread dequeues and releases.
 */
public final class CaptureSession implements AutoCloseable {
    private static final int CAPTURE = Videodev2.V4L2_BUF_TYPE_VIDEO_CAPTURE;
    private static final long SEQUENCE_MASK = 0xffffffffL;

    private final V4l2Handle handle;
    private final VideoFormat format;
    private final BufferOffsets at;
    private final Memory buffer;
    private final Memory pollfd;
    private final Pointer[] mappings;
    private final long[] mappingBytes;
    private final Frame[] frames;

    private boolean streaming;
    private boolean closed;
    private long framesDequeued;
    private long droppedFrames;
    private long errorFrames;
    private long lastSequence = -1;

    private CaptureSession(V4l2Handle handle, VideoFormat format, int bufferCount) {
        this.handle = handle;
        this.format = format;
        this.at = new BufferOffsets(handle.abi());
        this.buffer = new Memory(at.size);
        this.pollfd = new Memory(Poll.POLLFD_SIZE);
        this.mappings = new Pointer[bufferCount];
        this.mappingBytes = new long[bufferCount];
        this.frames = new Frame[bufferCount];
    }

    /**
     * Requests, maps and queues {@code requested} buffers without starting to stream; undoes everything on failure.
     * The camera delivers nothing until {@link #startStreaming()}.
     */
    static CaptureSession prepare(V4l2Handle handle, VideoFormat format, int requested) throws V4l2Exception {
        if (requested < 2 || requested > 32) {
            throw new IllegalArgumentException("buffer count must be 2..32 (was " + requested + ")");
        }
        int granted = requestBuffers(handle, requested);
        if (granted < 2) {
            requestBuffers(handle, 0);
            throw handle.failure("VIDIOC_REQBUFS", Errno.ENOMEM, "driver granted " + granted + " of " + requested
                    + " buffers, need at least 2");
        }
        CaptureSession session = new CaptureSession(handle, format, granted);
        try {
            session.mapAll();
            for (int i = 0; i < granted; i++) {
                session.queue(i);
            }
        } catch (V4l2Exception | RuntimeException e) {
            session.closeAfterFailure(e);
            throw e;
        }
        return session;
    }

    private static int requestBuffers(V4l2Handle handle, int count) throws V4l2Exception {
        BufferStructs.v4l2_requestbuffers req = new BufferStructs.v4l2_requestbuffers();
        req.count = count;
        req.type = CAPTURE;
        req.memory = Videodev2.V4L2_MEMORY_MMAP;
        int errno = handle.exchange(VideoIoctl.VIDIOC_REQBUFS, req);
        if (errno != 0) {
            throw handle.failure("VIDIOC_REQBUFS", errno, count + " mmap buffers"
                    + (errno == Errno.EBUSY ? ", device is streaming in another process" : ""));
        }
        return req.count;
    }

    private void mapAll() throws V4l2Exception {
        LibC libc = handle.libc();
        for (int i = 0; i < mappings.length; i++) {
            resetBuffer(i);
            int errno = handle.ioctl(VideoIoctl.VIDIOC_QUERYBUF, buffer);
            if (errno != 0) {
                throw handle.failure("VIDIOC_QUERYBUF", errno, "buffer " + i);
            }
            long length = Integer.toUnsignedLong(buffer.getInt(at.length));
            long offset = Integer.toUnsignedLong(buffer.getInt(at.mOffset));
            Pointer p = libc.mmap(length, Mman.PROT_READ | Mman.PROT_WRITE, Mman.MAP_SHARED, handle.fd(), offset);
            if (p == null) {
                throw handle.failure("mmap", libc.errno(), "buffer " + i + ", " + length + " bytes at offset " + offset);
            }
            mappings[i] = p;
            mappingBytes[i] = length;
            ByteBuffer view = p.getByteBuffer(0, length).asReadOnlyBuffer();
            frames[i] = new Frame(this, i, view);
        }
    }

    /**
     * Starts streaming a {@linkplain V4l2Device#prepareCapture prepared} session: from here on the camera fills the
     * queued buffers. On failure (a USB camera refuses with ENOSPC when the bus lacks the bandwidth) the session is
     * torn down as if closed, and the device can be asked again.
     *
     * @throws IllegalStateException when already streaming, or after close
     */
    public void startStreaming() throws V4l2Exception {
        if (closed || streaming) {
            throw new IllegalStateException(handle.path() + ": capture session is "
                    + (closed ? "closed" : "already streaming"));
        }
        Memory type = new Memory(4);
        type.setInt(0, CAPTURE);
        int errno = handle.ioctl(VideoIoctl.VIDIOC_STREAMON, type);
        if (errno != 0) {
            V4l2Exception failure = handle.failure("VIDIOC_STREAMON", errno, format.toString());
            closeAfterFailure(failure);
            throw failure;
        }
        streaming = true;
    }

    /** Whether the camera is streaming into this session's buffers. */
    public boolean isStreaming() {
        return streaming;
    }

    /** Zeroes the reused v4l2_buffer and fills in index, type and memory, as QUERYBUF, QBUF and DQBUF expect. */
    private void resetBuffer(int index) {
        buffer.clear(at.size);
        buffer.setInt(at.index, index);
        buffer.setInt(at.type, CAPTURE);
        buffer.setInt(at.memory, Videodev2.V4L2_MEMORY_MMAP);
    }

    private void queue(int index) throws V4l2Exception {
        resetBuffer(index);
        int errno = handle.ioctl(VideoIoctl.VIDIOC_QBUF, buffer);
        if (errno != 0) {
            throw handle.failure("VIDIOC_QBUF", errno, "buffer " + index);
        }
    }

    /**
     * Waits up to {@code timeoutMs} for the next frame. Returns null on timeout. The frame stays the caller's
     * until released; with every buffer held, no further frame can arrive.
     *
     * @throws V4l2Exception when the device fails or disappears (ENODEV, POLLERR/POLLHUP)
     * @throws IllegalStateException before {@link #startStreaming()} or after close
     */
    public Frame next(long timeoutMs) throws V4l2Exception {
        if (!streaming) {
            throw new IllegalStateException(handle.path() + ": capture session is "
                    + (closed ? "closed" : "not streaming yet (startStreaming)"));
        }
        if (timeoutMs <= 0) {
            return dequeue(); // no waiting: DQBUF alone says whether a frame is there, one call per frame of a backlog
        }
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (true) {
            // poll before DQBUF, as v4l2-ctl selects first: in the steady state the frame is not there yet when
            // asked for, and a DQBUF first would cost one more ioctl (EAGAIN) per frame.
            short revents = awaitReadable(deadline);
            if (revents == 0) {
                return null;
            }
            Frame frame = dequeue();
            if (frame != null) {
                return frame;
            }
            if ((revents & Poll.POLLIN) == 0) {
                // DQBUF had no clearer reason for the error poll reported (ENODEV after an unplug would have been)
                throw handle.failure("poll", V4l2Exception.NO_ERRNO, pollProblem(revents));
            }
            // readable, yet nothing to dequeue (another reader of the same queue?): wait again
        }
    }

    /** DQBUF: the next filled buffer as a frame, or null when none is (EAGAIN). */
    private Frame dequeue() throws V4l2Exception {
        resetBuffer(0);
        int errno = handle.ioctl(VideoIoctl.VIDIOC_DQBUF, buffer);
        if (errno == 0) {
            return dequeued();
        }
        if (errno != Errno.EAGAIN) {
            throw handle.failure("VIDIOC_DQBUF", errno, errno == Errno.ENODEV ? "device disconnected" : null);
        }
        return null;
    }

    /**
     * poll(2) for POLLIN until {@code deadline} (System.nanoTime); the revents, or 0 on timeout. EINTR polls again
     * with the time left. An error or hang-up is returned too, so that the caller can ask DQBUF for its errno.
     */
    private short awaitReadable(long deadline) throws V4l2Exception {
        LibC libc = handle.libc();
        while (true) {
            long remainingNanos = Math.max(0, deadline - System.nanoTime());
            int timeoutMs = (int) Math.min(Integer.MAX_VALUE, (remainingNanos + 999_999) / 1_000_000);
            pollfd.setInt(Poll.POLLFD_FD_OFFSET, handle.fd());
            pollfd.setShort(Poll.POLLFD_EVENTS_OFFSET, Poll.POLLIN);
            pollfd.setShort(Poll.POLLFD_REVENTS_OFFSET, (short) 0);
            int ready = libc.poll(pollfd, 1, timeoutMs);
            if (ready > 0) {
                short revents = pollfd.getShort(Poll.POLLFD_REVENTS_OFFSET);
                if (revents != 0) {
                    return revents;
                }
            } else if (ready == 0) {
                return 0;
            } else {
                int errno = libc.errno();
                if (errno != Errno.EINTR) {
                    throw handle.failure("poll", errno, null);
                }
            }
            if (deadline - System.nanoTime() <= 0) {
                return 0;
            }
        }
    }

    private String pollProblem(short revents) {
        if ((revents & Poll.POLLHUP) != 0) {
            return "device hung up (disconnected?)";
        }
        if ((revents & Poll.POLLNVAL) != 0) {
            return "file descriptor " + handle.fd() + " is not open";
        }
        // vb2 reports POLLERR when the queue is not streaming, the driver flagged an error, or nothing was queued yet
        return "POLLERR: driver error, not streaming or nothing queued since STREAMON (held " + heldCount() + " of "
                + frames.length + " buffers)";
    }

    private Frame dequeued() {
        int index = buffer.getInt(at.index);
        long sequence = Integer.toUnsignedLong(buffer.getInt(at.sequence));
        long seconds = at.timeBytes == 8 ? buffer.getLong(at.tvSec) : buffer.getInt(at.tvSec);
        long micros = at.timeBytes == 8 ? buffer.getLong(at.tvUsec) : buffer.getInt(at.tvUsec);
        int flags = buffer.getInt(at.flags);
        if (lastSequence >= 0) {
            long gap = (sequence - lastSequence - 1) & SEQUENCE_MASK;
            if (gap < SEQUENCE_MASK / 2) {
                droppedFrames += gap;
            }
        }
        lastSequence = sequence;
        framesDequeued++;
        if ((flags & Videodev2.V4L2_BUF_FLAG_ERROR) != 0) {
            errorFrames++;
        }
        Frame frame = frames[index];
        frame.fill(buffer.getInt(at.bytesused), flags, sequence, seconds * 1_000_000_000L + micros * 1_000L);
        return frame;
    }

    /** QBUF for {@link Frame#release()}. */
    void requeue(int index) throws V4l2Exception {
        if (closed) {
            return; // the buffers are gone with the session; releasing late is harmless
        }
        queue(index);
    }

    /** The format the session streams. */
    public VideoFormat format() {
        return format;
    }

    /** How many buffers the driver granted. */
    public int bufferCount() {
        return frames.length;
    }

    /** Frames dequeued so far. */
    public long framesDequeued() {
        return framesDequeued;
    }

    /** Frames the driver skipped, counted from gaps in the sequence numbers. */
    public long droppedFrames() {
        return droppedFrames;
    }

    /** Frames that arrived with V4L2_BUF_FLAG_ERROR. */
    public long errorFrames() {
        return errorFrames;
    }

    private int heldCount() {
        int held = 0;
        for (Frame f : frames) {
            if (f != null && f.isHeld()) {
                held++;
            }
        }
        return held;
    }

    /** True until {@link #close()}. */
    public boolean isOpen() {
        return !closed;
    }

    /**
     * Stops streaming, unmaps and frees the buffers. Every step runs even if an earlier one fails; the first
     * failure is thrown with the others suppressed. ENODEV (device already gone) is not a failure here.
     * Safe to call more than once.
     */
    @Override
    public void close() throws V4l2Exception {
        if (closed) {
            return;
        }
        closed = true;
        V4l2Exception first = null;
        if (streaming) {
            streaming = false;
            Memory type = new Memory(4);
            type.setInt(0, CAPTURE);
            int errno = handle.ioctl(VideoIoctl.VIDIOC_STREAMOFF, type);
            if (errno != 0 && errno != Errno.ENODEV) {
                first = handle.failure("VIDIOC_STREAMOFF", errno, null);
            }
        }
        for (int i = 0; i < mappings.length; i++) {
            if (mappings[i] != null) {
                if (handle.libc().munmap(mappings[i], mappingBytes[i]) != 0) {
                    first = chain(first, handle.failure("munmap", handle.libc().errno(), "buffer " + i));
                }
                mappings[i] = null;
            }
        }
        for (Frame f : frames) {
            if (f != null && f.isHeld()) {
                f.emptyView();
            }
        }
        try {
            requestBuffers(handle, 0);
        } catch (V4l2Exception e) {
            if (e.errno() != Errno.ENODEV) {
                first = chain(first, e);
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private void closeAfterFailure(Exception cause) {
        try {
            close();
        } catch (V4l2Exception e) {
            cause.addSuppressed(e);
        }
    }

    private static V4l2Exception chain(V4l2Exception first, V4l2Exception next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }

    /** Offsets into struct v4l2_buffer for the ABI, from the layout model. */
    static final class BufferOffsets {
        final int size;
        final int index;
        final int type;
        final int bytesused;
        final int flags;
        final int tvSec;
        final int tvUsec;
        final int timeBytes;
        final int sequence;
        final int memory;
        final int mOffset;
        final int length;

        BufferOffsets(Abi abi) {
            CStruct b = V4l2Layouts.V4L2_BUFFER;
            size = b.size(abi);
            index = b.offsetOf(abi, "index");
            type = b.offsetOf(abi, "type");
            bytesused = b.offsetOf(abi, "bytesused");
            flags = b.offsetOf(abi, "flags");
            tvSec = b.offsetOf(abi, "timestamp.tv_sec");
            tvUsec = b.offsetOf(abi, "timestamp.tv_usec");
            timeBytes = abi.timeBytes();
            sequence = b.offsetOf(abi, "sequence");
            memory = b.offsetOf(abi, "memory");
            mOffset = b.offsetOf(abi, "m.offset");
            length = b.offsetOf(abi, "length");
        }
    }
}
