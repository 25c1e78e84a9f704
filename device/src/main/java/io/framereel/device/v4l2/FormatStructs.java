package io.framereel.device.v4l2;

import com.sun.jna.Pointer;
import com.sun.jna.Structure.FieldOrder;
import com.sun.jna.Union;

/**
 * JNA twins of the format-family ioctl arguments: ENUM_FMT, G/S/TRY_FMT, ENUM_FRAMESIZES, ENUM_FRAMEINTERVALS
 * and G/S_PARM, member for member as in {@code <linux/videodev2.h>}. Unions are JNA {@link Union}s: call
 * {@code setType} with the member to read or write before {@code read()}/{@code write()}.
 */
final class FormatStructs {
    private FormatStructs() {
    }

    /** struct v4l2_fmtdesc: one entry of VIDIOC_ENUM_FMT. */
    @FieldOrder({"index", "type", "flags", "description", "pixelformat", "mbus_code", "reserved"})
    public static final class v4l2_fmtdesc extends NativeStruct {
        /** Format number */
        public int index;
        /** enum v4l2_buf_type */
        public int type;
        /** V4L2_FMT_FLAG_* */
        public int flags;
        /** Description string */
        public byte[] description = new byte[32];
        /** Format fourcc */
        public int pixelformat;
        /** Media bus code */
        public int mbus_code;
        /** reserved, zero */
        public int[] reserved = new int[3];
    }

    /** struct v4l2_rect. */
    @FieldOrder({"left", "top", "width", "height"})
    public static final class v4l2_rect extends NativeStruct {
        /** left edge */
        public int left;
        /** top edge */
        public int top;
        /** width (unsigned) */
        public int width;
        /** height (unsigned) */
        public int height;
    }

    /** struct v4l2_fract: a rational number, e.g. a frame interval in seconds. */
    @FieldOrder({"numerator", "denominator"})
    public static final class v4l2_fract extends NativeStruct {
        /** numerator (unsigned) */
        public int numerator;
        /** denominator (unsigned) */
        public int denominator;
    }

    /** struct v4l2_pix_format: a single-planar image format. */
    @FieldOrder({"width", "height", "pixelformat", "field", "bytesperline", "sizeimage", "colorspace", "priv",
            "flags", "ycbcr_enc", "quantization", "xfer_func"})
    public static final class v4l2_pix_format extends NativeStruct {
        /** image width in pixels */
        public int width;
        /** image height in pixels */
        public int height;
        /** fourcc */
        public int pixelformat;
        /** enum v4l2_field */
        public int field;
        /** for padding, zero if unused */
        public int bytesperline;
        /** size of one image in bytes */
        public int sizeimage;
        /** enum v4l2_colorspace */
        public int colorspace;
        /** private data, depends on pixelformat */
        public int priv;
        /** format flags (V4L2_PIX_FMT_FLAG_*) */
        public int flags;
        /** unnamed union of ycbcr_enc (enum v4l2_ycbcr_encoding) and hsv_enc (enum v4l2_hsv_encoding) */
        public int ycbcr_enc;
        /** enum v4l2_quantization */
        public int quantization;
        /** enum v4l2_xfer_func */
        public int xfer_func;
    }

    /** struct v4l2_window: the overlay format, present for its pointers, which fix the union's alignment. */
    @FieldOrder({"w", "field", "chromakey", "clips", "clipcount", "bitmap", "global_alpha"})
    public static final class v4l2_window extends NativeStruct {
        /** the window rectangle */
        public v4l2_rect w;
        /** enum v4l2_field */
        public int field;
        /** chroma key colour */
        public int chromakey;
        /** struct v4l2_clip *: clip rectangles */
        public Pointer clips;
        /** number of clips */
        public int clipcount;
        /** void *: clip bitmap */
        public Pointer bitmap;
        /** global alpha value */
        public byte global_alpha;
    }

    /** The fmt union of struct v4l2_format (pix_mp, vbi, sliced, sdr and meta are not mapped). */
    @FieldOrder({"pix", "win", "raw_data"})
    public static final class format_fmt extends Union {
        /** V4L2_BUF_TYPE_VIDEO_CAPTURE */
        public v4l2_pix_format pix;
        /** V4L2_BUF_TYPE_VIDEO_OVERLAY */
        public v4l2_window win;
        /** user-defined */
        public byte[] raw_data = new byte[200];
    }

    /** struct v4l2_format: the argument of VIDIOC_G_FMT, VIDIOC_S_FMT and VIDIOC_TRY_FMT. */
    @FieldOrder({"type", "fmt"})
    public static final class v4l2_format extends NativeStruct {
        /** enum v4l2_buf_type */
        public int type;
        /** union of pix, pix_mp, win, vbi, sliced, sdr, meta and raw_data */
        public format_fmt fmt;

        public v4l2_format() {
            fmt = new format_fmt();
            fmt.setType("pix");
        }
    }

    /** struct v4l2_frmsize_discrete. */
    @FieldOrder({"width", "height"})
    public static final class v4l2_frmsize_discrete extends NativeStruct {
        /** Frame width [pixel] */
        public int width;
        /** Frame height [pixel] */
        public int height;
    }

    /** struct v4l2_frmsize_stepwise. */
    @FieldOrder({"min_width", "max_width", "step_width", "min_height", "max_height", "step_height"})
    public static final class v4l2_frmsize_stepwise extends NativeStruct {
        /** Minimum frame width [pixel] */
        public int min_width;
        /** Maximum frame width [pixel] */
        public int max_width;
        /** Frame width step size [pixel] */
        public int step_width;
        /** Minimum frame height [pixel] */
        public int min_height;
        /** Maximum frame height [pixel] */
        public int max_height;
        /** Frame height step size [pixel] */
        public int step_height;
    }

    /** The unnamed frame size union of struct v4l2_frmsizeenum. */
    @FieldOrder({"discrete", "stepwise"})
    public static final class frmsize_union extends Union {
        /** for V4L2_FRMSIZE_TYPE_DISCRETE */
        public v4l2_frmsize_discrete discrete;
        /** for V4L2_FRMSIZE_TYPE_STEPWISE and _CONTINUOUS */
        public v4l2_frmsize_stepwise stepwise;
    }

    /** struct v4l2_frmsizeenum: one entry of VIDIOC_ENUM_FRAMESIZES. */
    @FieldOrder({"index", "pixel_format", "type", "size", "reserved"})
    public static final class v4l2_frmsizeenum extends NativeStruct {
        /** Frame size number */
        public int index;
        /** Pixel format */
        public int pixel_format;
        /** Frame size type the device supports. */
        public int type;
        /** Frame size (unnamed union in C) */
        public frmsize_union size;
        /** Reserved space for future use */
        public int[] reserved = new int[2];
    }

    /** struct v4l2_frmival_stepwise. */
    @FieldOrder({"min", "max", "step"})
    public static final class v4l2_frmival_stepwise extends NativeStruct {
        /** Minimum frame interval [s] */
        public v4l2_fract min;
        /** Maximum frame interval [s] */
        public v4l2_fract max;
        /** Frame interval step size [s] */
        public v4l2_fract step;
    }

    /** The unnamed frame interval union of struct v4l2_frmivalenum. */
    @FieldOrder({"discrete", "stepwise"})
    public static final class frmival_union extends Union {
        /** for V4L2_FRMIVAL_TYPE_DISCRETE */
        public v4l2_fract discrete;
        /** for V4L2_FRMIVAL_TYPE_STEPWISE and _CONTINUOUS */
        public v4l2_frmival_stepwise stepwise;
    }

    /** struct v4l2_frmivalenum: one entry of VIDIOC_ENUM_FRAMEINTERVALS. */
    @FieldOrder({"index", "pixel_format", "width", "height", "type", "interval", "reserved"})
    public static final class v4l2_frmivalenum extends NativeStruct {
        /** Frame format index */
        public int index;
        /** Pixel format */
        public int pixel_format;
        /** Frame width */
        public int width;
        /** Frame height */
        public int height;
        /** Frame interval type the device supports. */
        public int type;
        /** Frame interval (unnamed union in C) */
        public frmival_union interval;
        /** Reserved space for future use */
        public int[] reserved = new int[2];
    }

    /** struct v4l2_captureparm: capture parameters of VIDIOC_G_PARM / VIDIOC_S_PARM. */
    @FieldOrder({"capability", "capturemode", "timeperframe", "extendedmode", "readbuffers", "reserved"})
    public static final class v4l2_captureparm extends NativeStruct {
        /** Supported modes */
        public int capability;
        /** Current mode */
        public int capturemode;
        /** Time per frame in seconds */
        public v4l2_fract timeperframe;
        /** Driver-specific extensions */
        public int extendedmode;
        /** # of buffers for read */
        public int readbuffers;
        /** reserved, zero */
        public int[] reserved = new int[4];
    }

    /** The parm union of struct v4l2_streamparm (output has capture's shape and is not mapped). */
    @FieldOrder({"capture", "raw_data"})
    public static final class streamparm_parm extends Union {
        /** for capture buffer types */
        public v4l2_captureparm capture;
        /** user-defined */
        public byte[] raw_data = new byte[200];
    }

    /** struct v4l2_streamparm: stream type-dependent parameters. */
    @FieldOrder({"type", "parm"})
    public static final class v4l2_streamparm extends NativeStruct {
        /** enum v4l2_buf_type */
        public int type;
        /** capture, output or raw_data */
        public streamparm_parm parm;

        public v4l2_streamparm() {
            parm = new streamparm_parm();
            parm.setType("capture");
        }
    }
}
