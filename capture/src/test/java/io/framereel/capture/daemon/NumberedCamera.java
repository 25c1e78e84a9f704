package io.framereel.capture.daemon;

import io.framereel.capture.source.CapturedFrame;
import io.framereel.capture.source.FrameSource;
import io.framereel.capture.source.StreamShape;
import io.framereel.storage.Image;
import io.framereel.storage.ImageIO;
import io.framereel.storage.PixelFormat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A synthetic camera for daemon tests: every frame's payload is its number (8-byte words, so a torn frame is
 * detectable), numbers go on across camera sessions, and the camera can be unplugged at a given frame and kept
 * away for a while, like a USB camera pulled out and put back.
 */
final class NumberedCamera {
    static final int W = 64;
    static final int H = 32;

    final double fps;
    /**
     * Whether sessions lend frames from buffers of their own, as a V4L2 camera whose format is stored as is does
     * (the daemon then stores them without a copy of its own), instead of copying into the recorder's slots.
     */
    final boolean lends;
    /** The next frame's number, shared by every session. */
    final AtomicLong next = new AtomicLong();
    /** Frame number at which the current session fails with ENODEV; MAX_VALUE = never. */
    volatile long unplugAt = Long.MAX_VALUE;
    /** While true, opening the camera fails. */
    volatile boolean absent;
    final AtomicLong sessions = new AtomicLong();
    /**
     * Makes the camera compressed, as an MJPEG webcam is: it announces frames this large (its sizeimage) and sends
     * {@code W * H} bytes each. 0 = uncompressed GRAYSCALE. Set before the daemon starts.
     */
    volatile int announcedBytes;
    /** Frames handed out from the camera's own buffers (lending cameras only). */
    final AtomicLong lentFrames = new AtomicLong();

    NumberedCamera(double fps) {
        this(fps, false);
    }

    NumberedCamera(double fps, boolean lends) {
        this.fps = fps;
        this.lends = lends;
    }

    FrameSource session() {
        return new FrameSource() {
            long startNanos;
            long first;
            boolean started;

            @Override
            public StreamShape start() throws IOException {
                if (absent) {
                    throw new IOException("/dev/video9: no such device");
                }
                sessions.incrementAndGet();
                startNanos = System.nanoTime();
                first = next.get();
                started = true;
                int announced = announcedBytes;
                return announced > 0
                        ? new StreamShape(W, H, PixelFormat.JPEG, announced, fps, "numbered MJPEG camera")
                        : new StreamShape(W, H, PixelFormat.GRAYSCALE, W * H, fps, "numbered camera");
            }

            /** The camera's own buffers, for lending; a lent one is marked until it is given back. */
            final ByteBuffer[] buffers = new ByteBuffer[6];
            final boolean[] lent = new boolean[buffers.length];

            @Override
            public int lendableFrames() {
                return lends ? buffers.length - 2 : 0;
            }

            @Override
            public boolean lend(CapturedFrame frame, long timeoutMs) throws IOException {
                int free = 0;
                while (lent[free]) {
                    free++; // an ArrayIndexOutOfBounds here means the recorder kept every buffer
                }
                if (buffers[free] == null) {
                    buffers[free] = ByteBuffer.allocateDirect(W * H).order(ByteOrder.LITTLE_ENDIAN);
                }
                next(buffers[free], frame, timeoutMs);
                lent[free] = true;
                lentFrames.incrementAndGet();
                frame.lent = buffers[free].clear().limit(W * H);
                frame.loan = free;
                return true;
            }

            @Override
            public void giveBack(int loan) {
                if (!lent[loan]) {
                    throw new IllegalStateException("buffer " + loan + " given back twice");
                }
                lent[loan] = false;
            }

            @Override
            public boolean next(ByteBuffer dst, CapturedFrame frame, long timeoutMs) throws IOException {
                long n = next.get();
                if (n >= unplugAt) {
                    unplugAt = Long.MAX_VALUE;
                    absent = true;
                    throw new IOException("/dev/video9: VIDIOC_DQBUF failed: ENODEV (device disconnected)");
                }
                long due = startNanos + (long) ((n - first) * 1e9 / fps);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                if (dst != null) {
                    for (int i = 0; i < W * H; i += 8) {
                        dst.putLong(i, n);
                    }
                }
                frame.set(dst == null ? 0 : W * H, n, due);
                next.incrementAndGet();
                return true;
            }

            @Override
            public long droppedFrames() {
                return 0;
            }

            @Override
            public void close() {
            }
        };
    }

    /** The frame numbers in a recording, checking each frame is whole. */
    static List<Long> numbers(Path file) throws IOException {
        List<Long> numbers = new ArrayList<>();
        try (ImageIO in = ImageIO.open(file, "r")) {
            for (int i = 0; i < in.count(); i++) {
                Image frame = in.read(false, false, false);
                ByteBuffer p = frame.payload();
                long n = p.getLong(p.position());
                for (int b = 0; b < W * H; b += 8) {
                    if (p.getLong(p.position() + b) != n) {
                        throw new AssertionError(file + ": frame " + i + " is torn at byte " + b);
                    }
                }
                numbers.add(n);
            }
        }
        return numbers;
    }
}
