/*
 * Emits the sizes, field offsets, ioctl numbers and libc constants that framereel's V4L2 binding relies on,
 * as seen by the C compiler for one target ABI. It is never run: gen-v4l2-layouts.sh compiles it with -S
 * (works for cross compilers without an emulator) and reads the "@@ <item> <value>" lines that the asm
 * statements leave in the assembly, the same trick Linux uses for asm-offsets.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stddef.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <linux/videodev2.h>

#define EMIT(label, value) __asm__ volatile("\n@@ " label " %0" : : "i"((unsigned long)(value)))
#define SIZE(s) EMIT("sizeof " #s, sizeof(struct s))
#define OFF(s, f) EMIT("offsetof " #s "." #f, offsetof(struct s, f))
#define IOCTL(n) EMIT("ioctl " #n, n)
#define CONST(n) EMIT("const " #n, n)

void emit(void)
{
	SIZE(timeval);
	OFF(timeval, tv_usec);
	SIZE(pollfd);
	OFF(pollfd, events);
	OFF(pollfd, revents);

	SIZE(v4l2_capability);
	OFF(v4l2_capability, driver);
	OFF(v4l2_capability, card);
	OFF(v4l2_capability, bus_info);
	OFF(v4l2_capability, version);
	OFF(v4l2_capability, capabilities);
	OFF(v4l2_capability, device_caps);
	OFF(v4l2_capability, reserved);

	SIZE(v4l2_fmtdesc);
	OFF(v4l2_fmtdesc, type);
	OFF(v4l2_fmtdesc, flags);
	OFF(v4l2_fmtdesc, description);
	OFF(v4l2_fmtdesc, pixelformat);
	OFF(v4l2_fmtdesc, mbus_code);
	OFF(v4l2_fmtdesc, reserved);

	SIZE(v4l2_pix_format);
	OFF(v4l2_pix_format, pixelformat);
	OFF(v4l2_pix_format, bytesperline);
	OFF(v4l2_pix_format, sizeimage);
	OFF(v4l2_pix_format, flags);
	OFF(v4l2_pix_format, ycbcr_enc);
	OFF(v4l2_pix_format, xfer_func);

	SIZE(v4l2_window);
	OFF(v4l2_window, field);
	OFF(v4l2_window, clips);
	OFF(v4l2_window, clipcount);
	OFF(v4l2_window, bitmap);
	OFF(v4l2_window, global_alpha);

	SIZE(v4l2_format);
	OFF(v4l2_format, fmt);
	OFF(v4l2_format, fmt.pix.width);
	OFF(v4l2_format, fmt.pix.pixelformat);
	OFF(v4l2_format, fmt.pix.sizeimage);

	SIZE(v4l2_frmsizeenum);
	OFF(v4l2_frmsizeenum, pixel_format);
	OFF(v4l2_frmsizeenum, type);
	OFF(v4l2_frmsizeenum, discrete);
	OFF(v4l2_frmsizeenum, stepwise.step_height);
	OFF(v4l2_frmsizeenum, reserved);

	SIZE(v4l2_frmivalenum);
	OFF(v4l2_frmivalenum, width);
	OFF(v4l2_frmivalenum, type);
	OFF(v4l2_frmivalenum, discrete);
	OFF(v4l2_frmivalenum, stepwise.step);
	OFF(v4l2_frmivalenum, reserved);

	SIZE(v4l2_captureparm);
	OFF(v4l2_captureparm, timeperframe);
	OFF(v4l2_captureparm, readbuffers);

	SIZE(v4l2_streamparm);
	OFF(v4l2_streamparm, parm);
	OFF(v4l2_streamparm, parm.capture.timeperframe.denominator);

	SIZE(v4l2_requestbuffers);
	OFF(v4l2_requestbuffers, memory);
	OFF(v4l2_requestbuffers, capabilities);
	OFF(v4l2_requestbuffers, flags);

	SIZE(v4l2_timecode);
	OFF(v4l2_timecode, frames);
	OFF(v4l2_timecode, userbits);

	SIZE(v4l2_buffer);
	OFF(v4l2_buffer, bytesused);
	OFF(v4l2_buffer, flags);
	OFF(v4l2_buffer, field);
	OFF(v4l2_buffer, timestamp);
	OFF(v4l2_buffer, timestamp.tv_usec);
	OFF(v4l2_buffer, timecode);
	OFF(v4l2_buffer, sequence);
	OFF(v4l2_buffer, memory);
	OFF(v4l2_buffer, m);
	OFF(v4l2_buffer, length);
	OFF(v4l2_buffer, reserved2);
	OFF(v4l2_buffer, request_fd);

	SIZE(v4l2_control);
	OFF(v4l2_control, value);

	SIZE(v4l2_queryctrl);
	OFF(v4l2_queryctrl, name);
	OFF(v4l2_queryctrl, minimum);
	OFF(v4l2_queryctrl, default_value);
	OFF(v4l2_queryctrl, flags);

	SIZE(v4l2_query_ext_ctrl);
	OFF(v4l2_query_ext_ctrl, name);
	OFF(v4l2_query_ext_ctrl, minimum);
	OFF(v4l2_query_ext_ctrl, step);
	OFF(v4l2_query_ext_ctrl, default_value);
	OFF(v4l2_query_ext_ctrl, flags);
	OFF(v4l2_query_ext_ctrl, dims);
	OFF(v4l2_query_ext_ctrl, reserved);

	SIZE(v4l2_querymenu);
	OFF(v4l2_querymenu, name);
	OFF(v4l2_querymenu, value);
	OFF(v4l2_querymenu, reserved);

	IOCTL(VIDIOC_QUERYCAP);
	IOCTL(VIDIOC_ENUM_FMT);
	IOCTL(VIDIOC_G_FMT);
	IOCTL(VIDIOC_S_FMT);
	IOCTL(VIDIOC_TRY_FMT);
	IOCTL(VIDIOC_ENUM_FRAMESIZES);
	IOCTL(VIDIOC_ENUM_FRAMEINTERVALS);
	IOCTL(VIDIOC_G_PARM);
	IOCTL(VIDIOC_S_PARM);
	IOCTL(VIDIOC_REQBUFS);
	IOCTL(VIDIOC_QUERYBUF);
	IOCTL(VIDIOC_QBUF);
	IOCTL(VIDIOC_DQBUF);
	IOCTL(VIDIOC_STREAMON);
	IOCTL(VIDIOC_STREAMOFF);
	IOCTL(VIDIOC_QUERYCTRL);
	IOCTL(VIDIOC_QUERY_EXT_CTRL);
	IOCTL(VIDIOC_QUERYMENU);
	IOCTL(VIDIOC_G_CTRL);
	IOCTL(VIDIOC_S_CTRL);

	CONST(O_RDWR);
	CONST(O_NONBLOCK);
	CONST(O_CLOEXEC);
	CONST(PROT_READ);
	CONST(PROT_WRITE);
	CONST(MAP_SHARED);
	CONST(POLLIN);
	CONST(POLLPRI);
	CONST(POLLERR);
	CONST(POLLHUP);
	CONST(POLLNVAL);
	CONST(EINTR);
	CONST(EIO);
	CONST(ENXIO);
	CONST(EBADF);
	CONST(EAGAIN);
	CONST(ENOMEM);
	CONST(EACCES);
	CONST(EFAULT);
	CONST(EBUSY);
	CONST(ENODEV);
	CONST(EINVAL);
	CONST(ENOTTY);
	CONST(ENOSPC);
	CONST(EPIPE);
	CONST(ERANGE);
	CONST(ENODATA);
	CONST(ENOTSUP);
}
