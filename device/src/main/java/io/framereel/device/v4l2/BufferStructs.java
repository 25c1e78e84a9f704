package io.framereel.device.v4l2;

import com.sun.jna.FromNativeContext;
import com.sun.jna.NativeLong;
import com.sun.jna.NativeMapped;
import com.sun.jna.Pointer;
import com.sun.jna.Structure.FieldOrder;
import com.sun.jna.Union;

/**
 * JNA twins of the buffer-family ioctl arguments: REQBUFS, QUERYBUF, QBUF, DQBUF. {@code struct timeval} is the
 * one member whose width depends on more than the pointer size, so it is mapped through {@link time_t}, whose
 * native type follows {@link Abi#current()}.
 */
final class BufferStructs {
    private BufferStructs() {
    }

    /**
     * time_t / suseconds_t as the running ABI sees them: {@code int} on armhf with 32-bit time, {@code long}
     * (8 bytes) everywhere else. JNA reads the native type once per class, which is right because the ABI is
     * fixed for the life of the JVM.
     */
    public static final class time_t implements NativeMapped {
        private static final boolean SIXTY_FOUR_BIT = Abi.current().timeBytes() == 8;

        private final long value;

        public time_t() {
            this(0);
        }

        time_t(long value) {
            this.value = value;
        }

        long longValue() {
            return value;
        }

        @Override
        public Object fromNative(Object nativeValue, FromNativeContext context) {
            return new time_t(((Number) nativeValue).longValue());
        }

        @Override
        public Object toNative() {
            return SIXTY_FOUR_BIT ? (Object) value : (Object) (int) value;
        }

        @Override
        public Class<?> nativeType() {
            return SIXTY_FOUR_BIT ? long.class : int.class;
        }
    }

    /** struct timeval from sys/time.h. */
    @FieldOrder({"tv_sec", "tv_usec"})
    public static final class timeval extends NativeStruct {
        /** seconds */
        public time_t tv_sec = new time_t();
        /** microseconds */
        public time_t tv_usec = new time_t();
    }

    /** struct v4l2_timecode: SMPTE timecode, valid when V4L2_BUF_FLAG_TIMECODE is set. */
    @FieldOrder({"type", "flags", "frames", "seconds", "minutes", "hours", "userbits"})
    public static final class v4l2_timecode extends NativeStruct {
        /** V4L2_TC_TYPE_* */
        public int type;
        /** V4L2_TC_FLAG_* */
        public int flags;
        /** frames */
        public byte frames;
        /** seconds */
        public byte seconds;
        /** minutes */
        public byte minutes;
        /** hours */
        public byte hours;
        /** user bits */
        public byte[] userbits = new byte[4];
    }

    /** struct v4l2_requestbuffers: the argument of VIDIOC_REQBUFS. */
    @FieldOrder({"count", "type", "memory", "capabilities", "flags", "reserved"})
    public static final class v4l2_requestbuffers extends NativeStruct {
        /** number of buffers wanted in, allocated out; 0 frees them */
        public int count;
        /** enum v4l2_buf_type */
        public int type;
        /** enum v4l2_memory */
        public int memory;
        /** V4L2_BUF_CAP_* of this queue (out) */
        public int capabilities;
        /** V4L2_MEMORY_FLAG_* */
        public byte flags;
        /** reserved, zero */
        public byte[] reserved = new byte[3];
    }

    /** The m union of struct v4l2_buffer. */
    @FieldOrder({"offset", "userptr", "planes", "fd"})
    public static final class buffer_m extends Union {
        /** for V4L2_MEMORY_MMAP: the "cookie" to pass to mmap() as offset */
        public int offset;
        /** for V4L2_MEMORY_USERPTR: a userspace pointer to this buffer */
        public NativeLong userptr;
        /** for multiplanar buffers: struct v4l2_plane *, the array of plane info structs */
        public Pointer planes;
        /** for V4L2_MEMORY_DMABUF: a file descriptor associated with this buffer */
        public int fd;
    }

    /**
     * struct v4l2_buffer: video buffer info exchanged by QUERYBUF, QBUF and DQBUF. The capture loop does not
     * use read()/write() on it (reflection, allocation); it reads and writes the backing memory at the offsets
     * of {@link V4l2Layouts#V4L2_BUFFER}.
     */
    @FieldOrder({"index", "type", "bytesused", "flags", "field", "timestamp", "timecode", "sequence", "memory", "m",
            "length", "reserved2", "request_fd"})
    public static final class v4l2_buffer extends NativeStruct {
        /** id number of the buffer */
        public int index;
        /** enum v4l2_buf_type; buffer type (type == *_MPLANE for multiplanar buffers) */
        public int type;
        /** number of bytes occupied by data in the buffer (payload); unused for multiplanar buffers */
        public int bytesused;
        /** buffer informational flags (V4L2_BUF_FLAG_*) */
        public int flags;
        /** enum v4l2_field; field order of the image in the buffer */
        public int field;
        /** frame timestamp (CLOCK_MONOTONIC when V4L2_BUF_FLAG_TIMESTAMP_MONOTONIC) */
        public timeval timestamp;
        /** frame timecode */
        public v4l2_timecode timecode;
        /** sequence count of this frame */
        public int sequence;
        /** enum v4l2_memory; the method in which the actual video data is passed */
        public int memory;
        /** union of offset, userptr, planes and fd */
        public buffer_m m;
        /** size in bytes of the buffer (NOT its payload) for single-plane buffers */
        public int length;
        /** drivers and applications must zero this field */
        public int reserved2;
        /** unnamed union of request_fd (fd of the request this buffer should use) and reserved */
        public int request_fd;
    }
}
