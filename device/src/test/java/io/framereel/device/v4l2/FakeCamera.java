package io.framereel.device.v4l2;

import io.framereel.device.libc.Errno;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fake kernel behind {@link LibC}: one capture device that speaks enough V4L2 for the device and streaming
 * code (QUERYCAP, formats, sizes, intervals, PARM, controls with a menu, REQBUFS/QUERYBUF/mmap/QBUF/DQBUF/
 * STREAMON/OFF, poll). Tests decide when frames arrive ({@link #produce}), inject errno per ioctl, EINTR,
 * and a disconnect. v4l2_buffer is read and written at the offsets of the ABI under test; every other struct
 * at the host's offsets, because the JNA structures always have the host layout. Single-threaded; the
 * DQBUF/QBUF/poll path allocates nothing, so allocation tests measure the code under test.
 */
final class FakeCamera implements LibC {
    static final int FD = 7;
    private static final VideoIoctl[] OPS = VideoIoctl.values();
    private static final Abi HOST = Abi.current();

    private final Abi abi;
    private final String devicePath;
    private final CaptureSession.BufferOffsets at;
    private final int[] requests = new int[OPS.length];

    String busInfo = "platform:fake-000";
    int deviceCaps = Videodev2.V4L2_CAP_VIDEO_CAPTURE | Videodev2.V4L2_CAP_STREAMING;
    int maxBuffers = 8;
    final Map<VideoIoctl, Integer> failNext = new EnumMap<>(VideoIoctl.class);
    int failMmapOfBuffer = -1;
    int eintrBeforeNextIoctl;
    int eintrBeforeNextPoll;
    boolean disconnected;
    /** POLLERR from every poll while set, as after a driver error (vb2's q->error). */
    boolean pollError;
    /** When not negative, the next poll waits for frame {@code sequence} to arrive (then produces it). */
    long frameArrivesDuringNextPoll = -1;
    int polls;
    int dequeues;
    final List<String> log = new ArrayList<>();

    private boolean open;
    private int errno;
    private int fourcc = Videodev2.V4L2_PIX_FMT_YUYV;
    private int width = 640;
    private int height = 480;
    private int intervalNumerator = 1;
    private int intervalDenominator = 30;
    private int brightness = 128;
    private int powerLine = 1;
    private boolean streaming;
    private int buffers;
    private final Map<Pointer, Long> mapped = new IdentityHashMap<>();
    private final int[] queue = new int[64];
    private int queueHead;
    private int queueTail;
    private final int[] done = new int[64];
    private final long[] doneSequence = new long[64];
    private final int[] doneFlags = new int[64];
    private int doneHead;
    private int doneTail;
    int closes;

    FakeCamera(Abi abi, String devicePath) {
        this.abi = abi;
        this.devicePath = devicePath;
        this.at = new CaptureSession.BufferOffsets(abi);
        for (VideoIoctl op : OPS) {
            requests[op.ordinal()] = op.request(abi);
        }
    }

    int bytesPerFrame() {
        return width * height * 2;
    }

    int mappedCount() {
        return mapped.size();
    }

    int queuedCount() {
        return queueTail - queueHead;
    }

    boolean streaming() {
        return streaming;
    }

    /** The driver fills the oldest queued buffer: frame {@code sequence}, 33.333 ms apart; false if none queued. */
    boolean produce(long sequence, int flags) {
        if (queueHead == queueTail) {
            return false;
        }
        int index = queue[queueHead++ % queue.length];
        done[doneTail % done.length] = index;
        doneSequence[doneTail % done.length] = sequence;
        doneFlags[doneTail % done.length] = flags;
        doneTail++;
        return true;
    }

    /** Timestamp the fake gives a frame: 1000 s plus 33333 us per sequence number. */
    static long timestampNanos(long sequence) {
        return 1000L * 1_000_000_000L + sequence * 33_333_000L;
    }

    @Override
    public int open(String path, int flags) {
        if (!path.equals(devicePath) || disconnected) {
            errno = Errno.ENOENT;
            return -1;
        }
        open = true;
        return FD;
    }

    @Override
    public int close(int fd) {
        log.add("close");
        closes++;
        if (fd != FD || !open) {
            errno = Errno.EBADF;
            return -1;
        }
        open = false;
        return 0;
    }

    @Override
    public int ioctl(int fd, int request, Pointer arg) {
        if (eintrBeforeNextIoctl > 0) {
            eintrBeforeNextIoctl--;
            return fail(Errno.EINTR);
        }
        if (fd != FD || !open) {
            return fail(Errno.EBADF);
        }
        VideoIoctl op = null;
        for (VideoIoctl candidate : OPS) {
            if (requests[candidate.ordinal()] == request) {
                op = candidate;
                break;
            }
        }
        if (op == null) {
            return fail(Errno.ENOTTY);
        }
        if (!failNext.isEmpty()) {
            Integer injected = failNext.remove(op);
            if (injected != null) {
                log.add(op.name() + " -> " + Errno.name(injected));
                return fail(injected);
            }
        }
        if (disconnected) {
            return fail(Errno.ENODEV);
        }
        return handle(op, arg);
    }

    private int handle(VideoIoctl op, Pointer arg) {
        switch (op) {
            case VIDIOC_QUERYCAP: return querycap(arg);
            case VIDIOC_ENUM_FMT: return enumFormat(arg);
            case VIDIOC_ENUM_FRAMESIZES: return enumSizes(arg);
            case VIDIOC_ENUM_FRAMEINTERVALS: return enumIntervals(arg);
            case VIDIOC_G_FMT: return getFormat(arg);
            case VIDIOC_S_FMT: case VIDIOC_TRY_FMT: return setFormat(arg, op == VideoIoctl.VIDIOC_S_FMT);
            case VIDIOC_G_PARM: case VIDIOC_S_PARM: return parm(arg, op == VideoIoctl.VIDIOC_S_PARM);
            case VIDIOC_QUERY_EXT_CTRL: return queryControl(arg);
            case VIDIOC_QUERYMENU: return queryMenu(arg);
            case VIDIOC_G_CTRL: case VIDIOC_S_CTRL: return control(arg, op == VideoIoctl.VIDIOC_S_CTRL);
            case VIDIOC_REQBUFS: return requestBuffers(arg);
            case VIDIOC_QUERYBUF: return queryBuffer(arg);
            case VIDIOC_QBUF: return queueBuffer(arg);
            case VIDIOC_DQBUF: dequeues++; return dequeueBuffer(arg);
            case VIDIOC_STREAMON: log.add("STREAMON"); streaming = true; return 0;
            case VIDIOC_STREAMOFF: log.add("STREAMOFF"); return streamOff();
            default: return fail(Errno.ENOTTY);
        }
    }

    private int querycap(Pointer arg) {
        CStruct s = V4l2Layouts.V4L2_CAPABILITY;
        arg.clear(s.size(HOST));
        putString(arg, s.offsetOf(HOST, "driver"), "fake");
        putString(arg, s.offsetOf(HOST, "card"), "Fake Camera");
        putString(arg, s.offsetOf(HOST, "bus_info"), busInfo);
        arg.setInt(s.offsetOf(HOST, "version"), 6 << 16 | 1 << 8);
        arg.setInt(s.offsetOf(HOST, "capabilities"), deviceCaps | Videodev2.V4L2_CAP_DEVICE_CAPS);
        arg.setInt(s.offsetOf(HOST, "device_caps"), deviceCaps);
        return 0;
    }

    private int enumFormat(Pointer arg) {
        CStruct s = V4l2Layouts.V4L2_FMTDESC;
        int index = arg.getInt(0);
        if (index > 1) {
            return fail(Errno.EINVAL);
        }
        arg.setInt(s.offsetOf(HOST, "pixelformat"), index == 0 ? Videodev2.V4L2_PIX_FMT_YUYV : Videodev2.V4L2_PIX_FMT_GREY);
        putString(arg, s.offsetOf(HOST, "description"), index == 0 ? "YUYV 4:2:2" : "8-bit Greyscale");
        arg.setInt(s.offsetOf(HOST, "flags"), 0);
        return 0;
    }

    private int enumSizes(Pointer arg) {
        CStruct s = V4l2Layouts.V4L2_FRMSIZEENUM;
        int index = arg.getInt(0);
        int format = arg.getInt(s.offsetOf(HOST, "pixel_format"));
        if (format == Videodev2.V4L2_PIX_FMT_YUYV && index < 2) {
            arg.setInt(s.offsetOf(HOST, "type"), Videodev2.V4L2_FRMSIZE_TYPE_DISCRETE);
            arg.setInt(s.offsetOf(HOST, "discrete.width"), index == 0 ? 640 : 1280);
            arg.setInt(s.offsetOf(HOST, "discrete.height"), index == 0 ? 480 : 720);
            return 0;
        }
        if (format == Videodev2.V4L2_PIX_FMT_GREY && index == 0) {
            arg.setInt(s.offsetOf(HOST, "type"), Videodev2.V4L2_FRMSIZE_TYPE_STEPWISE);
            int[] values = {16, 1920, 16, 16, 1080, 8};
            String[] names = {"min_width", "max_width", "step_width", "min_height", "max_height", "step_height"};
            for (int i = 0; i < names.length; i++) {
                arg.setInt(s.offsetOf(HOST, "stepwise." + names[i]), values[i]);
            }
            return 0;
        }
        return fail(Errno.EINVAL);
    }

    private int enumIntervals(Pointer arg) {
        CStruct s = V4l2Layouts.V4L2_FRMIVALENUM;
        int index = arg.getInt(0);
        if (index > 1) {
            return fail(Errno.EINVAL);
        }
        arg.setInt(s.offsetOf(HOST, "type"), Videodev2.V4L2_FRMIVAL_TYPE_DISCRETE);
        arg.setInt(s.offsetOf(HOST, "discrete.numerator"), 1);
        arg.setInt(s.offsetOf(HOST, "discrete.denominator"), index == 0 ? 30 : 60);
        return 0;
    }

    private int getFormat(Pointer arg) {
        if (arg.getInt(0) != Videodev2.V4L2_BUF_TYPE_VIDEO_CAPTURE) {
            return fail(Errno.EINVAL);
        }
        writePix(arg);
        return 0;
    }

    private int setFormat(Pointer arg, boolean apply) {
        if (arg.getInt(0) != Videodev2.V4L2_BUF_TYPE_VIDEO_CAPTURE) {
            return fail(Errno.EINVAL);
        }
        if (apply && buffers > 0) {
            return fail(Errno.EBUSY);
        }
        CStruct f = V4l2Layouts.V4L2_FORMAT;
        int wantedFourcc = arg.getInt(f.offsetOf(HOST, "fmt.pix.pixelformat"));
        int wantedWidth = arg.getInt(f.offsetOf(HOST, "fmt.pix.width"));
        int wantedHeight = arg.getInt(f.offsetOf(HOST, "fmt.pix.height"));
        int oldFourcc = fourcc;
        int oldWidth = width;
        int oldHeight = height;
        // like real drivers: adjust instead of refusing
        fourcc = wantedFourcc == Videodev2.V4L2_PIX_FMT_GREY ? wantedFourcc : Videodev2.V4L2_PIX_FMT_YUYV;
        width = Math.max(16, Math.min(1920, wantedWidth));
        height = Math.max(16, Math.min(1080, wantedHeight));
        writePix(arg);
        if (!apply) {
            fourcc = oldFourcc;
            width = oldWidth;
            height = oldHeight;
        }
        return 0;
    }

    private void writePix(Pointer arg) {
        CStruct f = V4l2Layouts.V4L2_FORMAT;
        int bytesPerPixel = fourcc == Videodev2.V4L2_PIX_FMT_GREY ? 1 : 2;
        arg.setInt(f.offsetOf(HOST, "fmt.pix.width"), width);
        arg.setInt(f.offsetOf(HOST, "fmt.pix.height"), height);
        arg.setInt(f.offsetOf(HOST, "fmt.pix.pixelformat"), fourcc);
        arg.setInt(f.offsetOf(HOST, "fmt.pix.field"), Videodev2.V4L2_FIELD_NONE);
        arg.setInt(f.offsetOf(HOST, "fmt.pix.bytesperline"), width * bytesPerPixel);
        arg.setInt(f.offsetOf(HOST, "fmt.pix.sizeimage"), width * height * bytesPerPixel);
    }

    private int parm(Pointer arg, boolean apply) {
        CStruct p = V4l2Layouts.V4L2_STREAMPARM;
        int num = p.offsetOf(HOST, "parm.capture.timeperframe.numerator");
        int den = p.offsetOf(HOST, "parm.capture.timeperframe.denominator");
        if (apply) {
            int wantedNum = arg.getInt(num);
            int wantedDen = arg.getInt(den);
            intervalNumerator = 1;
            intervalDenominator = wantedDen / Math.max(1, wantedNum) >= 45 ? 60 : 30;
        }
        arg.setInt(p.offsetOf(HOST, "parm.capture.capability"), Videodev2.V4L2_CAP_TIMEPERFRAME);
        arg.setInt(num, intervalNumerator);
        arg.setInt(den, intervalDenominator);
        return 0;
    }

    private static final int[] CONTROL_IDS = {Videodev2.V4L2_CTRL_CLASS_USER | 1, Videodev2.V4L2_CID_BRIGHTNESS,
            Videodev2.V4L2_CID_POWER_LINE_FREQUENCY};

    private int queryControl(Pointer arg) {
        CStruct q = V4l2Layouts.V4L2_QUERY_EXT_CTRL;
        int requested = arg.getInt(0);
        boolean next = (requested & Videodev2.V4L2_CTRL_FLAG_NEXT_CTRL) != 0;
        int id = requested & Videodev2.V4L2_CTRL_ID_MASK;
        int found = -1;
        for (int candidate : CONTROL_IDS) {
            if (next ? candidate > id : candidate == id) {
                found = candidate;
                break;
            }
        }
        if (found < 0) {
            return fail(Errno.EINVAL);
        }
        arg.clear(q.size(HOST));
        arg.setInt(0, found);
        if (found == CONTROL_IDS[0]) {
            arg.setInt(q.offsetOf(HOST, "type"), Videodev2.V4L2_CTRL_TYPE_CTRL_CLASS);
            putString(arg, q.offsetOf(HOST, "name"), "User Controls");
        } else if (found == Videodev2.V4L2_CID_BRIGHTNESS) {
            arg.setInt(q.offsetOf(HOST, "type"), Videodev2.V4L2_CTRL_TYPE_INTEGER);
            putString(arg, q.offsetOf(HOST, "name"), "Brightness");
            arg.setLong(q.offsetOf(HOST, "maximum"), 255);
            arg.setLong(q.offsetOf(HOST, "step"), 1);
            arg.setLong(q.offsetOf(HOST, "default_value"), 128);
        } else {
            arg.setInt(q.offsetOf(HOST, "type"), Videodev2.V4L2_CTRL_TYPE_MENU);
            putString(arg, q.offsetOf(HOST, "name"), "Power Line Frequency");
            arg.setLong(q.offsetOf(HOST, "maximum"), 2);
            arg.setLong(q.offsetOf(HOST, "step"), 1);
            arg.setLong(q.offsetOf(HOST, "default_value"), 1);
        }
        return 0;
    }

    private int queryMenu(Pointer arg) {
        CStruct m = V4l2Layouts.V4L2_QUERYMENU;
        int id = arg.getInt(0);
        int index = arg.getInt(m.offsetOf(HOST, "index"));
        if (id != Videodev2.V4L2_CID_POWER_LINE_FREQUENCY || index < 0 || index > 2) {
            return fail(Errno.EINVAL);
        }
        putString(arg, m.offsetOf(HOST, "name"), new String[] {"Disabled", "50 Hz", "60 Hz"}[index]);
        return 0;
    }

    private int control(Pointer arg, boolean apply) {
        int id = arg.getInt(0);
        int valueOffset = V4l2Layouts.V4L2_CONTROL.offsetOf(HOST, "value");
        if (id == Videodev2.V4L2_CID_BRIGHTNESS) {
            if (apply) {
                brightness = arg.getInt(valueOffset);
            }
            arg.setInt(valueOffset, brightness);
            return 0;
        }
        if (id == Videodev2.V4L2_CID_POWER_LINE_FREQUENCY) {
            if (apply) {
                powerLine = arg.getInt(valueOffset);
            }
            arg.setInt(valueOffset, powerLine);
            return 0;
        }
        return fail(Errno.EINVAL);
    }

    private int requestBuffers(Pointer arg) {
        CStruct r = V4l2Layouts.V4L2_REQUESTBUFFERS;
        int count = arg.getInt(0);
        log.add("REQBUFS " + count);
        if (arg.getInt(r.offsetOf(HOST, "memory")) != Videodev2.V4L2_MEMORY_MMAP) {
            return fail(Errno.EINVAL);
        }
        if (streaming || (count == 0 && !mapped.isEmpty())) {
            return fail(Errno.EBUSY);
        }
        buffers = Math.min(count, maxBuffers);
        queueHead = queueTail = doneHead = doneTail = 0;
        arg.setInt(0, buffers);
        arg.setInt(r.offsetOf(HOST, "capabilities"), Videodev2.V4L2_BUF_CAP_SUPPORTS_MMAP);
        return 0;
    }

    private int queryBuffer(Pointer arg) {
        int index = arg.getInt(at.index);
        log.add("QUERYBUF " + index);
        if (index < 0 || index >= buffers || arg.getInt(at.type) != Videodev2.V4L2_BUF_TYPE_VIDEO_CAPTURE) {
            return fail(Errno.EINVAL);
        }
        arg.setInt(at.length, bytesPerFrame());
        arg.setInt(at.mOffset, index * 0x100000);
        return 0;
    }

    private int queueBuffer(Pointer arg) {
        int index = arg.getInt(at.index);
        if (index < 0 || index >= buffers || arg.getInt(at.memory) != Videodev2.V4L2_MEMORY_MMAP) {
            return fail(Errno.EINVAL);
        }
        queue[queueTail++ % queue.length] = index;
        return 0;
    }

    private int dequeueBuffer(Pointer arg) {
        if (!streaming) {
            return fail(Errno.EINVAL);
        }
        if (doneHead == doneTail) {
            return fail(Errno.EAGAIN);
        }
        int slot = doneHead++ % done.length;
        long sequence = doneSequence[slot];
        long nanos = timestampNanos(sequence);
        arg.setInt(at.index, done[slot]);
        arg.setInt(at.bytesused, bytesPerFrame());
        arg.setInt(at.flags, doneFlags[slot] | Videodev2.V4L2_BUF_FLAG_TIMESTAMP_MONOTONIC | Videodev2.V4L2_BUF_FLAG_DONE);
        arg.setInt(at.sequence, (int) sequence);
        if (at.timeBytes == 8) {
            arg.setLong(at.tvSec, nanos / 1_000_000_000L);
            arg.setLong(at.tvUsec, nanos % 1_000_000_000L / 1000);
        } else {
            arg.setInt(at.tvSec, (int) (nanos / 1_000_000_000L));
            arg.setInt(at.tvUsec, (int) (nanos % 1_000_000_000L / 1000));
        }
        return 0;
    }

    private int streamOff() {
        streaming = false;
        queueHead = queueTail = doneHead = doneTail = 0;
        return 0;
    }

    @Override
    public Pointer mmap(long lengthBytes, int prot, int flags, int fd, long offset) {
        int index = (int) (offset / 0x100000);
        log.add("mmap " + index);
        if (fd != FD || index >= buffers || lengthBytes != bytesPerFrame()) {
            errno = Errno.EINVAL;
            return null;
        }
        if (index == failMmapOfBuffer) {
            errno = Errno.ENOMEM;
            return null;
        }
        Memory memory = new Memory(lengthBytes);
        memory.setByte(0, (byte) (0x10 + index));
        mapped.put(memory, lengthBytes);
        return memory;
    }

    @Override
    public int munmap(Pointer address, long lengthBytes) {
        log.add("munmap");
        Long length = mapped.remove(address);
        if (length == null || length != lengthBytes) {
            errno = Errno.EINVAL;
            return -1;
        }
        return 0;
    }

    @Override
    public int poll(Pointer fds, int count, int timeoutMs) {
        polls++;
        if (eintrBeforeNextPoll > 0) {
            eintrBeforeNextPoll--;
            return fail(Errno.EINTR);
        }
        if (frameArrivesDuringNextPoll >= 0 && streaming) {
            produce(frameArrivesDuringNextPoll, 0);
            frameArrivesDuringNextPoll = -1;
        }
        short revents = 0;
        if (pollError) {
            revents = Poll.POLLERR;
        } else if (disconnected) {
            revents = (short) (Poll.POLLHUP | Poll.POLLERR);
        } else if (doneHead != doneTail) {
            revents = Poll.POLLIN;
        } else if (!streaming) {
            revents = Poll.POLLERR;
        }
        fds.setShort(Poll.POLLFD_REVENTS_OFFSET, revents);
        return revents == 0 ? 0 : 1;
    }

    @Override
    public int errno() {
        return errno;
    }

    private int fail(int code) {
        errno = code;
        return -1;
    }

    private static void putString(Pointer arg, int offset, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.US_ASCII);
        arg.write(offset, bytes, 0, bytes.length);
        arg.setByte(offset + bytes.length, (byte) 0);
    }
}
