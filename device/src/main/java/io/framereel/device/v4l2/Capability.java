package io.framereel.device.v4l2;

/**
 * What VIDIOC_QUERYCAP reports for one device node. Immutable.
 *
 * @param driver driver module, e.g. {@code uvcvideo}, {@code vivid}
 * @param card device name, e.g. {@code HD Pro Webcam C920}
 * @param busInfo location, e.g. {@code usb-0000:01:00.0-1.3} or {@code platform:vivid-000}
 * @param version driver version as KERNEL_VERSION (major << 16 | minor << 8 | patch)
 * @param capabilities V4L2_CAP_* of the whole device
 * @param deviceCaps V4L2_CAP_* of this node (equals capabilities for drivers without V4L2_CAP_DEVICE_CAPS)
 */
public record Capability(String driver, String card, String busInfo, int version, int capabilities,
        int deviceCaps) {

    /** True when this node captures single-planar video, the only kind framereel streams today. */
    public boolean canCaptureVideo() {
        return (deviceCaps & Videodev2.V4L2_CAP_VIDEO_CAPTURE) != 0;
    }

    /** True when this node supports streaming I/O (mmap buffers). */
    public boolean canStream() {
        return (deviceCaps & Videodev2.V4L2_CAP_STREAMING) != 0;
    }

    /** True for the metadata node UVC adds next to each camera. */
    public boolean isMetadataOnly() {
        return (deviceCaps & Videodev2.V4L2_CAP_META_CAPTURE) != 0 && !canCaptureVideo();
    }

    /** The driver version as "major.minor.patch". */
    public String versionString() {
        return (version >>> 16) + "." + (version >>> 8 & 0xff) + "." + (version & 0xff);
    }
}
