package io.framereel.device.v4l2;

import static io.framereel.device.v4l2.CType.Scalar.LONG;
import static io.framereel.device.v4l2.CType.Scalar.POINTER;
import static io.framereel.device.v4l2.CType.Scalar.S32;
import static io.framereel.device.v4l2.CType.Scalar.S64;
import static io.framereel.device.v4l2.CType.Scalar.S16;
import static io.framereel.device.v4l2.CType.Scalar.TIME;
import static io.framereel.device.v4l2.CType.Scalar.U32;
import static io.framereel.device.v4l2.CType.Scalar.U64;
import static io.framereel.device.v4l2.CType.Scalar.U8;
import static io.framereel.device.v4l2.CType.array;

import java.util.List;

/**
 * The layout model of every struct framereel passes to the kernel, transcribed member by member from
 * {@code <linux/videodev2.h>} (Linux 6.1 uAPI), {@code <sys/time.h>} and {@code <poll.h>}. Members the code
 * never touches are still listed, because they decide the offsets of the ones it does. Each struct here has
 * a JNA twin in one of the *Structs classes; {@link StructLayoutCheck} keeps the two in step.
 */
final class V4l2Layouts {
    private V4l2Layouts() {
    }

    /** struct timeval: tv_sec is time_t, tv_usec is suseconds_t; both follow the time_t width. */
    static final CStruct TIMEVAL = CStruct.struct("timeval")
            .field("tv_sec", TIME)
            .field("tv_usec", TIME)
            .build();

    /** struct pollfd from poll.h. */
    static final CStruct POLLFD = CStruct.struct("pollfd")
            .field("fd", S32)
            .field("events", S16)
            .field("revents", S16)
            .build();

    static final CStruct V4L2_CAPABILITY = CStruct.struct("v4l2_capability")
            .field("driver", array(U8, 16))
            .field("card", array(U8, 32))
            .field("bus_info", array(U8, 32))
            .field("version", U32)
            .field("capabilities", U32)
            .field("device_caps", U32)
            .field("reserved", array(U32, 3))
            .build();

    static final CStruct V4L2_FMTDESC = CStruct.struct("v4l2_fmtdesc")
            .field("index", U32)
            .field("type", U32)
            .field("flags", U32)
            .field("description", array(U8, 32))
            .field("pixelformat", U32)
            .field("mbus_code", U32)
            .field("reserved", array(U32, 3))
            .build();

    static final CStruct V4L2_RECT = CStruct.struct("v4l2_rect")
            .field("left", S32)
            .field("top", S32)
            .field("width", U32)
            .field("height", U32)
            .build();

    static final CStruct V4L2_FRACT = CStruct.struct("v4l2_fract")
            .field("numerator", U32)
            .field("denominator", U32)
            .build();

    static final CStruct V4L2_PIX_FORMAT = CStruct.struct("v4l2_pix_format")
            .field("width", U32)
            .field("height", U32)
            .field("pixelformat", U32)
            .field("field", U32)
            .field("bytesperline", U32)
            .field("sizeimage", U32)
            .field("colorspace", U32)
            .field("priv", U32)
            .field("flags", U32)
            .anonymous("ycbcr_enc", CStruct.union("v4l2_pix_format.enc")
                    .field("ycbcr_enc", U32)
                    .field("hsv_enc", U32)
                    .build())
            .field("quantization", U32)
            .field("xfer_func", U32)
            .build();

    /** The overlay window: the only v4l2_format member with pointers, hence the union's 8-byte alignment on LP64. */
    static final CStruct V4L2_WINDOW = CStruct.struct("v4l2_window")
            .field("w", V4L2_RECT)
            .field("field", U32)
            .field("chromakey", U32)
            .field("clips", POINTER)
            .field("clipcount", U32)
            .field("bitmap", POINTER)
            .field("global_alpha", U8)
            .build();

    /**
     * struct v4l2_format. The union also holds pix_mp, vbi, sliced, sdr and meta; all are 4-byte aligned and at
     * most 200 bytes, so raw_data and win alone fix the union's size and alignment.
     */
    static final CStruct V4L2_FORMAT = CStruct.struct("v4l2_format")
            .field("type", U32)
            .field("fmt", CStruct.union("v4l2_format.fmt")
                    .field("pix", V4L2_PIX_FORMAT)
                    .field("win", V4L2_WINDOW)
                    .field("raw_data", array(U8, 200))
                    .build())
            .build();

    static final CStruct V4L2_FRMSIZE_DISCRETE = CStruct.struct("v4l2_frmsize_discrete")
            .field("width", U32)
            .field("height", U32)
            .build();

    static final CStruct V4L2_FRMSIZE_STEPWISE = CStruct.struct("v4l2_frmsize_stepwise")
            .field("min_width", U32)
            .field("max_width", U32)
            .field("step_width", U32)
            .field("min_height", U32)
            .field("max_height", U32)
            .field("step_height", U32)
            .build();

    static final CStruct V4L2_FRMSIZEENUM = CStruct.struct("v4l2_frmsizeenum")
            .field("index", U32)
            .field("pixel_format", U32)
            .field("type", U32)
            .anonymous("size", CStruct.union("v4l2_frmsizeenum.size")
                    .field("discrete", V4L2_FRMSIZE_DISCRETE)
                    .field("stepwise", V4L2_FRMSIZE_STEPWISE)
                    .build())
            .field("reserved", array(U32, 2))
            .build();

    static final CStruct V4L2_FRMIVAL_STEPWISE = CStruct.struct("v4l2_frmival_stepwise")
            .field("min", V4L2_FRACT)
            .field("max", V4L2_FRACT)
            .field("step", V4L2_FRACT)
            .build();

    static final CStruct V4L2_FRMIVALENUM = CStruct.struct("v4l2_frmivalenum")
            .field("index", U32)
            .field("pixel_format", U32)
            .field("width", U32)
            .field("height", U32)
            .field("type", U32)
            .anonymous("interval", CStruct.union("v4l2_frmivalenum.interval")
                    .field("discrete", V4L2_FRACT)
                    .field("stepwise", V4L2_FRMIVAL_STEPWISE)
                    .build())
            .field("reserved", array(U32, 2))
            .build();

    static final CStruct V4L2_CAPTUREPARM = CStruct.struct("v4l2_captureparm")
            .field("capability", U32)
            .field("capturemode", U32)
            .field("timeperframe", V4L2_FRACT)
            .field("extendedmode", U32)
            .field("readbuffers", U32)
            .field("reserved", array(U32, 4))
            .build();

    /** struct v4l2_streamparm; the output member has the same shape as capture and is left out. */
    static final CStruct V4L2_STREAMPARM = CStruct.struct("v4l2_streamparm")
            .field("type", U32)
            .field("parm", CStruct.union("v4l2_streamparm.parm")
                    .field("capture", V4L2_CAPTUREPARM)
                    .field("raw_data", array(U8, 200))
                    .build())
            .build();

    static final CStruct V4L2_REQUESTBUFFERS = CStruct.struct("v4l2_requestbuffers")
            .field("count", U32)
            .field("type", U32)
            .field("memory", U32)
            .field("capabilities", U32)
            .field("flags", U8)
            .field("reserved", array(U8, 3))
            .build();

    static final CStruct V4L2_TIMECODE = CStruct.struct("v4l2_timecode")
            .field("type", U32)
            .field("flags", U32)
            .field("frames", U8)
            .field("seconds", U8)
            .field("minutes", U8)
            .field("hours", U8)
            .field("userbits", array(U8, 4))
            .build();

    /** struct v4l2_buffer: timestamp follows time_t, and the m union holds an unsigned long and a pointer. */
    static final CStruct V4L2_BUFFER = CStruct.struct("v4l2_buffer")
            .field("index", U32)
            .field("type", U32)
            .field("bytesused", U32)
            .field("flags", U32)
            .field("field", U32)
            .field("timestamp", TIMEVAL)
            .field("timecode", V4L2_TIMECODE)
            .field("sequence", U32)
            .field("memory", U32)
            .field("m", CStruct.union("v4l2_buffer.m")
                    .field("offset", U32)
                    .field("userptr", LONG)
                    .field("planes", POINTER)
                    .field("fd", S32)
                    .build())
            .field("length", U32)
            .field("reserved2", U32)
            .anonymous("request_fd", CStruct.union("v4l2_buffer.request")
                    .field("request_fd", S32)
                    .field("reserved", U32)
                    .build())
            .build();

    static final CStruct V4L2_CONTROL = CStruct.struct("v4l2_control")
            .field("id", U32)
            .field("value", S32)
            .build();

    static final CStruct V4L2_QUERYCTRL = CStruct.struct("v4l2_queryctrl")
            .field("id", U32)
            .field("type", U32)
            .field("name", array(U8, 32))
            .field("minimum", S32)
            .field("maximum", S32)
            .field("step", S32)
            .field("default_value", S32)
            .field("flags", U32)
            .field("reserved", array(U32, 2))
            .build();

    static final CStruct V4L2_QUERY_EXT_CTRL = CStruct.struct("v4l2_query_ext_ctrl")
            .field("id", U32)
            .field("type", U32)
            .field("name", array(U8, 32))
            .field("minimum", S64)
            .field("maximum", S64)
            .field("step", U64)
            .field("default_value", S64)
            .field("flags", U32)
            .field("elem_size", U32)
            .field("elems", U32)
            .field("nr_of_dims", U32)
            .field("dims", array(U32, 4))
            .field("reserved", array(U32, 32))
            .build();

    /** struct v4l2_querymenu is packed: the 64-bit value in the union does not pad it. */
    static final CStruct V4L2_QUERYMENU = CStruct.struct("v4l2_querymenu")
            .packed()
            .field("id", U32)
            .field("index", U32)
            .anonymous("item", CStruct.union("v4l2_querymenu.item")
                    .packed()
                    .field("name", array(U8, 32))
                    .field("value", S64)
                    .build())
            .field("reserved", U32)
            .build();

    /** Every struct above, for the tests that compare them with gcc and with the JNA structures. */
    static final List<CStruct> ALL = List.of(TIMEVAL, POLLFD, V4L2_CAPABILITY, V4L2_FMTDESC, V4L2_RECT, V4L2_FRACT,
            V4L2_PIX_FORMAT, V4L2_WINDOW, V4L2_FORMAT, V4L2_FRMSIZE_DISCRETE, V4L2_FRMSIZE_STEPWISE, V4L2_FRMSIZEENUM,
            V4L2_FRMIVAL_STEPWISE, V4L2_FRMIVALENUM, V4L2_CAPTUREPARM, V4L2_STREAMPARM, V4L2_REQUESTBUFFERS,
            V4L2_TIMECODE, V4L2_BUFFER, V4L2_CONTROL, V4L2_QUERYCTRL, V4L2_QUERY_EXT_CTRL, V4L2_QUERYMENU);

    /** The struct with this C tag. */
    static CStruct byName(String name) {
        for (CStruct s : ALL) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("no layout model for struct " + name);
    }
}
