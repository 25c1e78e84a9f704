package io.framereel.device.v4l2;

import static io.framereel.device.v4l2.Ioctl.IOC_READ;
import static io.framereel.device.v4l2.Ioctl.IOC_WRITE;

/**
 * The V4L2 ioctls framereel issues, as declared in {@code <linux/videodev2.h>} ({@code _IOWR('V', 5, struct
 * v4l2_format)} and so on), with the request number computed per {@link Abi} from the layout model. The enum
 * name is what error messages print.
 */
enum VideoIoctl {
    VIDIOC_QUERYCAP(IOC_READ, 0, V4l2Layouts.V4L2_CAPABILITY),
    VIDIOC_ENUM_FMT(IOC_READ | IOC_WRITE, 2, V4l2Layouts.V4L2_FMTDESC),
    VIDIOC_G_FMT(IOC_READ | IOC_WRITE, 4, V4l2Layouts.V4L2_FORMAT),
    VIDIOC_S_FMT(IOC_READ | IOC_WRITE, 5, V4l2Layouts.V4L2_FORMAT),
    VIDIOC_REQBUFS(IOC_READ | IOC_WRITE, 8, V4l2Layouts.V4L2_REQUESTBUFFERS),
    VIDIOC_QUERYBUF(IOC_READ | IOC_WRITE, 9, V4l2Layouts.V4L2_BUFFER),
    VIDIOC_QBUF(IOC_READ | IOC_WRITE, 15, V4l2Layouts.V4L2_BUFFER),
    VIDIOC_DQBUF(IOC_READ | IOC_WRITE, 17, V4l2Layouts.V4L2_BUFFER),
    /** _IOW('V', 18, int): the argument is the buffer type. */
    VIDIOC_STREAMON(IOC_WRITE, 18, CType.Scalar.S32),
    VIDIOC_STREAMOFF(IOC_WRITE, 19, CType.Scalar.S32),
    VIDIOC_G_PARM(IOC_READ | IOC_WRITE, 21, V4l2Layouts.V4L2_STREAMPARM),
    VIDIOC_S_PARM(IOC_READ | IOC_WRITE, 22, V4l2Layouts.V4L2_STREAMPARM),
    VIDIOC_G_CTRL(IOC_READ | IOC_WRITE, 27, V4l2Layouts.V4L2_CONTROL),
    VIDIOC_S_CTRL(IOC_READ | IOC_WRITE, 28, V4l2Layouts.V4L2_CONTROL),
    VIDIOC_QUERYCTRL(IOC_READ | IOC_WRITE, 36, V4l2Layouts.V4L2_QUERYCTRL),
    VIDIOC_QUERYMENU(IOC_READ | IOC_WRITE, 37, V4l2Layouts.V4L2_QUERYMENU),
    VIDIOC_TRY_FMT(IOC_READ | IOC_WRITE, 64, V4l2Layouts.V4L2_FORMAT),
    VIDIOC_ENUM_FRAMESIZES(IOC_READ | IOC_WRITE, 74, V4l2Layouts.V4L2_FRMSIZEENUM),
    VIDIOC_ENUM_FRAMEINTERVALS(IOC_READ | IOC_WRITE, 75, V4l2Layouts.V4L2_FRMIVALENUM),
    VIDIOC_QUERY_EXT_CTRL(IOC_READ | IOC_WRITE, 103, V4l2Layouts.V4L2_QUERY_EXT_CTRL);

    /** The ioctl type of V4L2: 'V'. */
    static final int TYPE = 'V';

    private final int direction;
    private final int number;
    private final CType argument;

    VideoIoctl(int direction, int number, CType argument) {
        this.direction = direction;
        this.number = number;
        this.argument = argument;
    }

    /** The request number under the ABI (a 32-bit value; the kernel ignores anything above). */
    int request(Abi abi) {
        return Ioctl.ioc(direction, TYPE, number, argument.size(abi));
    }

    /** The type of the argument the request points to. */
    CType argument() {
        return argument;
    }
}
