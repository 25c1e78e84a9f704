package io.framereel.device.v4l2;

/**
 * Constants from {@code <linux/videodev2.h>} and {@code <linux/v4l2-controls.h>} (Linux 6.1 uAPI), with the
 * header's own comments. Only what framereel uses is here; names and values are the header's, so a grep of
 * the kernel documentation finds them. The ioctl request numbers depend on struct sizes and live in
 * {@link VideoIoctl}.
 */
final class Videodev2 {
    private Videodev2() {
    }

    /** v4l2_fourcc(a, b, c, d): four ASCII characters, the first in the low byte. */
    static int fourcc(char a, char b, char c, char d) {
        return (a & 0xff) | (b & 0xff) << 8 | (c & 0xff) << 16 | (d & 0xff) << 24;
    }

    // enum v4l2_field
    /** driver can choose from none, top, bottom, interlaced depending on whatever it thinks is approximate ... */
    static final int V4L2_FIELD_ANY = 0;
    /** this device has no fields ... */
    static final int V4L2_FIELD_NONE = 1;
    /** top field only */
    static final int V4L2_FIELD_TOP = 2;
    /** bottom field only */
    static final int V4L2_FIELD_BOTTOM = 3;
    /** both fields interlaced */
    static final int V4L2_FIELD_INTERLACED = 4;

    // enum v4l2_buf_type
    static final int V4L2_BUF_TYPE_VIDEO_CAPTURE = 1;
    static final int V4L2_BUF_TYPE_VIDEO_OUTPUT = 2;
    static final int V4L2_BUF_TYPE_VIDEO_OVERLAY = 3;
    static final int V4L2_BUF_TYPE_VIDEO_CAPTURE_MPLANE = 9;
    static final int V4L2_BUF_TYPE_META_CAPTURE = 13;

    // enum v4l2_memory
    static final int V4L2_MEMORY_MMAP = 1;
    static final int V4L2_MEMORY_USERPTR = 2;
    static final int V4L2_MEMORY_OVERLAY = 3;
    static final int V4L2_MEMORY_DMABUF = 4;

    // Values for 'capabilities' field of struct v4l2_capability
    /** Is a video capture device */
    static final int V4L2_CAP_VIDEO_CAPTURE = 0x00000001;
    /** Is a video output device */
    static final int V4L2_CAP_VIDEO_OUTPUT = 0x00000002;
    /** Can do video overlay */
    static final int V4L2_CAP_VIDEO_OVERLAY = 0x00000004;
    /** Is a video capture device that supports multiplanar formats */
    static final int V4L2_CAP_VIDEO_CAPTURE_MPLANE = 0x00001000;
    /** Is a video output device that supports multiplanar formats */
    static final int V4L2_CAP_VIDEO_OUTPUT_MPLANE = 0x00002000;
    /** Is a video mem-to-mem device that supports multiplanar formats */
    static final int V4L2_CAP_VIDEO_M2M_MPLANE = 0x00004000;
    /** Is a video mem-to-mem device */
    static final int V4L2_CAP_VIDEO_M2M = 0x00008000;
    /** Supports the extended pixel format */
    static final int V4L2_CAP_EXT_PIX_FORMAT = 0x00200000;
    /** Is a metadata capture device */
    static final int V4L2_CAP_META_CAPTURE = 0x00800000;
    /** read/write systemcalls */
    static final int V4L2_CAP_READWRITE = 0x01000000;
    /** streaming I/O ioctls */
    static final int V4L2_CAP_STREAMING = 0x04000000;
    /** Is input/output controlled by the media controller */
    static final int V4L2_CAP_IO_MC = 0x20000000;
    /** sets device capabilities field */
    static final int V4L2_CAP_DEVICE_CAPS = 0x80000000;

    // Flags of struct v4l2_fmtdesc
    static final int V4L2_FMT_FLAG_COMPRESSED = 0x0001;
    static final int V4L2_FMT_FLAG_EMULATED = 0x0002;

    // enum v4l2_frmsizetypes
    static final int V4L2_FRMSIZE_TYPE_DISCRETE = 1;
    static final int V4L2_FRMSIZE_TYPE_CONTINUOUS = 2;
    static final int V4L2_FRMSIZE_TYPE_STEPWISE = 3;

    // enum v4l2_frmivaltypes
    static final int V4L2_FRMIVAL_TYPE_DISCRETE = 1;
    static final int V4L2_FRMIVAL_TYPE_CONTINUOUS = 2;
    static final int V4L2_FRMIVAL_TYPE_STEPWISE = 3;

    // Flags for 'capability' and 'capturemode' fields of struct v4l2_captureparm
    /** High quality imaging mode */
    static final int V4L2_MODE_HIGHQUALITY = 0x0001;
    /** timeperframe field is supported */
    static final int V4L2_CAP_TIMEPERFRAME = 0x1000;

    // capabilities for struct v4l2_requestbuffers and v4l2_create_buffers
    static final int V4L2_BUF_CAP_SUPPORTS_MMAP = 1;
    static final int V4L2_BUF_CAP_SUPPORTS_ORPHANED_BUFS = 1 << 4;

    // Flags for 'flags' field of struct v4l2_buffer
    /** Buffer is mapped (flag) */
    static final int V4L2_BUF_FLAG_MAPPED = 0x00000001;
    /** Buffer is queued for processing */
    static final int V4L2_BUF_FLAG_QUEUED = 0x00000002;
    /** Buffer is ready */
    static final int V4L2_BUF_FLAG_DONE = 0x00000004;
    /** Image is a keyframe (I-frame) */
    static final int V4L2_BUF_FLAG_KEYFRAME = 0x00000008;
    /** Buffer is ready, but the data contained within is corrupted. */
    static final int V4L2_BUF_FLAG_ERROR = 0x00000040;
    /** timecode field is valid */
    static final int V4L2_BUF_FLAG_TIMECODE = 0x00000100;
    /** Timestamp type */
    static final int V4L2_BUF_FLAG_TIMESTAMP_MASK = 0x0000e000;
    static final int V4L2_BUF_FLAG_TIMESTAMP_UNKNOWN = 0x00000000;
    static final int V4L2_BUF_FLAG_TIMESTAMP_MONOTONIC = 0x00002000;
    static final int V4L2_BUF_FLAG_TIMESTAMP_COPY = 0x00004000;
    /** Timestamp sources. */
    static final int V4L2_BUF_FLAG_TSTAMP_SRC_MASK = 0x00070000;
    static final int V4L2_BUF_FLAG_TSTAMP_SRC_EOF = 0x00000000;
    static final int V4L2_BUF_FLAG_TSTAMP_SRC_SOE = 0x00010000;
    /** mem2mem encoder/decoder */
    static final int V4L2_BUF_FLAG_LAST = 0x00100000;

    // enum v4l2_ctrl_type
    static final int V4L2_CTRL_TYPE_INTEGER = 1;
    static final int V4L2_CTRL_TYPE_BOOLEAN = 2;
    static final int V4L2_CTRL_TYPE_MENU = 3;
    static final int V4L2_CTRL_TYPE_BUTTON = 4;
    static final int V4L2_CTRL_TYPE_INTEGER64 = 5;
    static final int V4L2_CTRL_TYPE_CTRL_CLASS = 6;
    static final int V4L2_CTRL_TYPE_STRING = 7;
    static final int V4L2_CTRL_TYPE_BITMASK = 8;
    static final int V4L2_CTRL_TYPE_INTEGER_MENU = 9;
    /** Compound types are >= 0x0100 */
    static final int V4L2_CTRL_COMPOUND_TYPES = 0x0100;

    // Control flags
    static final int V4L2_CTRL_FLAG_DISABLED = 0x0001;
    static final int V4L2_CTRL_FLAG_GRABBED = 0x0002;
    static final int V4L2_CTRL_FLAG_READ_ONLY = 0x0004;
    static final int V4L2_CTRL_FLAG_UPDATE = 0x0008;
    static final int V4L2_CTRL_FLAG_INACTIVE = 0x0010;
    static final int V4L2_CTRL_FLAG_SLIDER = 0x0020;
    static final int V4L2_CTRL_FLAG_WRITE_ONLY = 0x0040;
    static final int V4L2_CTRL_FLAG_VOLATILE = 0x0080;
    /** Query flags, to be ORed with the control ID */
    static final int V4L2_CTRL_FLAG_NEXT_CTRL = 0x80000000;
    static final int V4L2_CTRL_FLAG_NEXT_COMPOUND = 0x40000000;
    /** V4L2_CTRL_ID_MASK: the control ID without the query flags */
    static final int V4L2_CTRL_ID_MASK = 0x0fffffff;

    // Control classes and IDs (v4l2-controls.h)
    /** Old-style 'user' controls */
    static final int V4L2_CTRL_CLASS_USER = 0x00980000;
    /** Camera class controls */
    static final int V4L2_CTRL_CLASS_CAMERA = 0x009a0000;
    /** Image source controls */
    static final int V4L2_CTRL_CLASS_IMAGE_SOURCE = 0x009e0000;
    static final int V4L2_CID_BASE = V4L2_CTRL_CLASS_USER | 0x900;
    static final int V4L2_CID_BRIGHTNESS = V4L2_CID_BASE + 0;
    static final int V4L2_CID_CONTRAST = V4L2_CID_BASE + 1;
    static final int V4L2_CID_SATURATION = V4L2_CID_BASE + 2;
    static final int V4L2_CID_HUE = V4L2_CID_BASE + 3;
    static final int V4L2_CID_AUTO_WHITE_BALANCE = V4L2_CID_BASE + 12;
    static final int V4L2_CID_EXPOSURE = V4L2_CID_BASE + 17;
    static final int V4L2_CID_AUTOGAIN = V4L2_CID_BASE + 18;
    static final int V4L2_CID_GAIN = V4L2_CID_BASE + 19;
    static final int V4L2_CID_HFLIP = V4L2_CID_BASE + 20;
    static final int V4L2_CID_VFLIP = V4L2_CID_BASE + 21;
    static final int V4L2_CID_POWER_LINE_FREQUENCY = V4L2_CID_BASE + 24;
    static final int V4L2_CID_WHITE_BALANCE_TEMPERATURE = V4L2_CID_BASE + 26;
    static final int V4L2_CID_SHARPNESS = V4L2_CID_BASE + 27;
    static final int V4L2_CID_CAMERA_CLASS_BASE = V4L2_CTRL_CLASS_CAMERA | 0x900;
    static final int V4L2_CID_EXPOSURE_AUTO = V4L2_CID_CAMERA_CLASS_BASE + 1;
    static final int V4L2_CID_EXPOSURE_ABSOLUTE = V4L2_CID_CAMERA_CLASS_BASE + 2;
    static final int V4L2_CID_FOCUS_ABSOLUTE = V4L2_CID_CAMERA_CLASS_BASE + 10;
    static final int V4L2_CID_FOCUS_AUTO = V4L2_CID_CAMERA_CLASS_BASE + 12;

    // Pixel formats: FOURCC, depth, description
    /** 16  RGB-5-6-5 */
    static final int V4L2_PIX_FMT_RGB565 = fourcc('R', 'G', 'B', 'P');
    /** 24  BGR-8-8-8 */
    static final int V4L2_PIX_FMT_BGR24 = fourcc('B', 'G', 'R', '3');
    /** 24  RGB-8-8-8 */
    static final int V4L2_PIX_FMT_RGB24 = fourcc('R', 'G', 'B', '3');
    /** 32  XRGB-8-8-8-8 */
    static final int V4L2_PIX_FMT_XRGB32 = fourcc('B', 'X', '2', '4');
    /** 8  Greyscale */
    static final int V4L2_PIX_FMT_GREY = fourcc('G', 'R', 'E', 'Y');
    /** 10  Greyscale */
    static final int V4L2_PIX_FMT_Y10 = fourcc('Y', '1', '0', ' ');
    /** 16  Greyscale */
    static final int V4L2_PIX_FMT_Y16 = fourcc('Y', '1', '6', ' ');
    /** 16  YUV 4:2:2 */
    static final int V4L2_PIX_FMT_YUYV = fourcc('Y', 'U', 'Y', 'V');
    /** 16 YVU 4:2:2 */
    static final int V4L2_PIX_FMT_YVYU = fourcc('Y', 'V', 'Y', 'U');
    /** 16  YUV 4:2:2 */
    static final int V4L2_PIX_FMT_UYVY = fourcc('U', 'Y', 'V', 'Y');
    /** 16  YUV 4:2:2 */
    static final int V4L2_PIX_FMT_VYUY = fourcc('V', 'Y', 'U', 'Y');
    /** 12  Y/CbCr 4:2:0 */
    static final int V4L2_PIX_FMT_NV12 = fourcc('N', 'V', '1', '2');
    /** 12  Y/CrCb 4:2:0 */
    static final int V4L2_PIX_FMT_NV21 = fourcc('N', 'V', '2', '1');
    /** 12  YUV 4:2:0 */
    static final int V4L2_PIX_FMT_YUV420 = fourcc('Y', 'U', '1', '2');
    /** 12  YVU 4:2:0 */
    static final int V4L2_PIX_FMT_YVU420 = fourcc('Y', 'V', '1', '2');
    /** 8  BGBG.. GRGR.. */
    static final int V4L2_PIX_FMT_SBGGR8 = fourcc('B', 'A', '8', '1');
    /** 8  GBGB.. RGRG.. */
    static final int V4L2_PIX_FMT_SGBRG8 = fourcc('G', 'B', 'R', 'G');
    /** 8  GRGR.. BGBG.. */
    static final int V4L2_PIX_FMT_SGRBG8 = fourcc('G', 'R', 'B', 'G');
    /** 8  RGRG.. GBGB.. */
    static final int V4L2_PIX_FMT_SRGGB8 = fourcc('R', 'G', 'G', 'B');
    /** 10  BGBG.. GRGR.. */
    static final int V4L2_PIX_FMT_SBGGR10 = fourcc('B', 'G', '1', '0');
    /** 10  GBGB.. RGRG.. */
    static final int V4L2_PIX_FMT_SGBRG10 = fourcc('G', 'B', '1', '0');
    /** 10  GRGR.. BGBG.. */
    static final int V4L2_PIX_FMT_SGRBG10 = fourcc('B', 'A', '1', '0');
    /** 10  RGRG.. GBGB.. */
    static final int V4L2_PIX_FMT_SRGGB10 = fourcc('R', 'G', '1', '0');
    /** 10bit raw bayer packed, 5 bytes for every 4 pixels */
    static final int V4L2_PIX_FMT_SBGGR10P = fourcc('p', 'B', 'A', 'A');
    static final int V4L2_PIX_FMT_SGBRG10P = fourcc('p', 'G', 'A', 'A');
    static final int V4L2_PIX_FMT_SGRBG10P = fourcc('p', 'g', 'A', 'A');
    static final int V4L2_PIX_FMT_SRGGB10P = fourcc('p', 'R', 'A', 'A');
    /** Motion-JPEG */
    static final int V4L2_PIX_FMT_MJPEG = fourcc('M', 'J', 'P', 'G');
    /** JFIF JPEG */
    static final int V4L2_PIX_FMT_JPEG = fourcc('J', 'P', 'E', 'G');
    /** H264 with start codes */
    static final int V4L2_PIX_FMT_H264 = fourcc('H', '2', '6', '4');
}
