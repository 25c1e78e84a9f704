package io.framereel.device.v4l2;

import io.framereel.device.libc.Errno;

import java.util.ArrayList;
import java.util.List;

/**
 * The format family: list formats, frame sizes and frame intervals; get, try and set the capture format;
 * get and set the frame interval (VIDIOC_ENUM_FMT, _ENUM_FRAMESIZES, _ENUM_FRAMEINTERVALS, G/TRY/S_FMT,
 * G/S_PARM). Single-planar video capture only. Not thread-safe.
 */
final class FormatIoctls {
    private static final int CAPTURE = Videodev2.V4L2_BUF_TYPE_VIDEO_CAPTURE;

    private final V4l2Handle handle;

    FormatIoctls(V4l2Handle handle) {
        this.handle = handle;
    }

    /** Every capture pixel format, in the driver's order (ENUM_FMT until EINVAL). */
    List<FormatDescription> listFormats() throws V4l2Exception {
        List<FormatDescription> formats = new ArrayList<>();
        FormatStructs.v4l2_fmtdesc desc = new FormatStructs.v4l2_fmtdesc();
        for (int index = 0; ; index++) {
            desc.index = index;
            desc.type = CAPTURE;
            int errno = handle.exchange(VideoIoctl.VIDIOC_ENUM_FMT, desc);
            if (errno == Errno.EINVAL) {
                return formats;
            }
            if (errno != 0) {
                throw handle.failure("VIDIOC_ENUM_FMT", errno, "format index " + index);
            }
            formats.add(new FormatDescription(index, desc.pixelformat, NativeStruct.cString(desc.description),
                    desc.flags));
        }
    }

    /** The frame sizes of a format; empty when the driver does not enumerate sizes (ENOTTY). */
    List<FrameSize> listFrameSizes(int fourcc) throws V4l2Exception {
        List<FrameSize> sizes = new ArrayList<>();
        FormatStructs.v4l2_frmsizeenum e = new FormatStructs.v4l2_frmsizeenum();
        for (int index = 0; ; index++) {
            e.index = index;
            e.pixel_format = fourcc;
            int errno = handle.exchange(VideoIoctl.VIDIOC_ENUM_FRAMESIZES, e);
            if (errno == Errno.EINVAL || errno == Errno.ENOTTY) {
                return sizes;
            }
            if (errno != 0) {
                throw handle.failure("VIDIOC_ENUM_FRAMESIZES", errno, FourCc.toString(fourcc) + " index " + index);
            }
            if (e.type == Videodev2.V4L2_FRMSIZE_TYPE_DISCRETE) {
                e.size.setType("discrete");
                e.size.read();
                sizes.add(FrameSize.of(e.size.discrete.width, e.size.discrete.height));
            } else {
                e.size.setType("stepwise");
                e.size.read();
                FormatStructs.v4l2_frmsize_stepwise s = e.size.stepwise;
                int stepW = e.type == Videodev2.V4L2_FRMSIZE_TYPE_CONTINUOUS ? 1 : s.step_width;
                int stepH = e.type == Videodev2.V4L2_FRMSIZE_TYPE_CONTINUOUS ? 1 : s.step_height;
                sizes.add(new FrameSize(false, s.min_width, s.max_width, stepW, s.min_height, s.max_height, stepH));
                return sizes; // a range is the only entry
            }
        }
    }

    /** The frame intervals of a format at a size; empty when the driver does not enumerate them. */
    List<FrameInterval> listFrameIntervals(int fourcc, int width, int height) throws V4l2Exception {
        List<FrameInterval> intervals = new ArrayList<>();
        FormatStructs.v4l2_frmivalenum e = new FormatStructs.v4l2_frmivalenum();
        for (int index = 0; ; index++) {
            e.index = index;
            e.pixel_format = fourcc;
            e.width = width;
            e.height = height;
            int errno = handle.exchange(VideoIoctl.VIDIOC_ENUM_FRAMEINTERVALS, e);
            if (errno == Errno.EINVAL || errno == Errno.ENOTTY) {
                return intervals;
            }
            if (errno != 0) {
                throw handle.failure("VIDIOC_ENUM_FRAMEINTERVALS", errno,
                        FourCc.toString(fourcc) + " " + width + "x" + height + " index " + index);
            }
            if (e.type == Videodev2.V4L2_FRMIVAL_TYPE_DISCRETE) {
                e.interval.setType("discrete");
                e.interval.read();
                intervals.add(FrameInterval.of(fraction(e.interval.discrete)));
            } else {
                e.interval.setType("stepwise");
                e.interval.read();
                FormatStructs.v4l2_frmival_stepwise s = e.interval.stepwise;
                Fraction step = e.type == Videodev2.V4L2_FRMIVAL_TYPE_CONTINUOUS ? new Fraction(1, 1) : fraction(s.step);
                intervals.add(new FrameInterval(false, fraction(s.min), fraction(s.max), step));
                return intervals;
            }
        }
    }

    /** The current capture format (VIDIOC_G_FMT). */
    VideoFormat get() throws V4l2Exception {
        FormatStructs.v4l2_format f = new FormatStructs.v4l2_format();
        f.type = CAPTURE;
        handle.call(VideoIoctl.VIDIOC_G_FMT, f, null);
        return toFormat(f.fmt.pix);
    }

    /** What the driver would make of a request, without changing anything (VIDIOC_TRY_FMT). */
    VideoFormat tryFormat(VideoFormat wanted) throws V4l2Exception {
        return exchangeFormat(VideoIoctl.VIDIOC_TRY_FMT, wanted);
    }

    /**
     * Sets the capture format (VIDIOC_S_FMT) and returns what the driver chose. Drivers adjust rather than
     * refuse, so a request they cannot meet in format or size is reported as EINVAL with both sides named.
     */
    VideoFormat set(VideoFormat wanted) throws V4l2Exception {
        VideoFormat actual = exchangeFormat(VideoIoctl.VIDIOC_S_FMT, wanted);
        if (!actual.sameShape(wanted)) {
            throw handle.failure("VIDIOC_S_FMT", Errno.EINVAL, "format " + wanted + " not supported, driver offers "
                    + actual);
        }
        return actual;
    }

    private VideoFormat exchangeFormat(VideoIoctl op, VideoFormat wanted) throws V4l2Exception {
        FormatStructs.v4l2_format f = new FormatStructs.v4l2_format();
        f.type = CAPTURE;
        FormatStructs.v4l2_pix_format pix = f.fmt.pix;
        pix.width = wanted.width();
        pix.height = wanted.height();
        pix.pixelformat = wanted.fourcc();
        pix.field = wanted.field();
        pix.bytesperline = wanted.bytesPerLine();
        pix.sizeimage = wanted.sizeImage();
        int errno = handle.exchange(op, f);
        if (errno != 0) {
            throw handle.failure(op.name(), errno, "format " + wanted + " not supported");
        }
        return toFormat(f.fmt.pix);
    }

    /** The current frame interval (VIDIOC_G_PARM), or null when the driver has no frame rate control. */
    Fraction getFrameInterval() throws V4l2Exception {
        FormatStructs.v4l2_streamparm parm = new FormatStructs.v4l2_streamparm();
        parm.type = CAPTURE;
        int errno = handle.exchange(VideoIoctl.VIDIOC_G_PARM, parm);
        if (errno == Errno.ENOTTY) {
            return null;
        }
        if (errno != 0) {
            throw handle.failure("VIDIOC_G_PARM", errno, null);
        }
        if ((parm.parm.capture.capability & Videodev2.V4L2_CAP_TIMEPERFRAME) == 0) {
            return null;
        }
        return fraction(parm.parm.capture.timeperframe);
    }

    /** Sets the frame interval (VIDIOC_S_PARM) and returns the one the driver chose. */
    Fraction setFrameInterval(Fraction interval) throws V4l2Exception {
        FormatStructs.v4l2_streamparm parm = new FormatStructs.v4l2_streamparm();
        parm.type = CAPTURE;
        parm.parm.capture.timeperframe.numerator = (int) interval.numerator();
        parm.parm.capture.timeperframe.denominator = (int) interval.denominator();
        int errno = handle.exchange(VideoIoctl.VIDIOC_S_PARM, parm);
        if (errno != 0) {
            throw handle.failure("VIDIOC_S_PARM", errno, "frame interval " + interval + " s");
        }
        if ((parm.parm.capture.capability & Videodev2.V4L2_CAP_TIMEPERFRAME) == 0) {
            throw handle.failure("VIDIOC_S_PARM", Errno.ENOTTY, "driver cannot set the frame rate");
        }
        return fraction(parm.parm.capture.timeperframe);
    }

    private static Fraction fraction(FormatStructs.v4l2_fract f) {
        return new Fraction(Integer.toUnsignedLong(f.numerator), Integer.toUnsignedLong(f.denominator));
    }

    private static VideoFormat toFormat(FormatStructs.v4l2_pix_format pix) {
        return new VideoFormat(pix.pixelformat, pix.width, pix.height, pix.field, pix.bytesperline, pix.sizeimage,
                pix.colorspace);
    }
}
