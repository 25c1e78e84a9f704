package io.framereel.device.v4l2;

import java.nio.file.Path;

/**
 * A V4L2 device node as sysfs describes it, before opening it. Immutable.
 *
 * @param path the device file, e.g. /dev/video2
 * @param name the driver's name for the node (sysfs {@code name}), e.g. "vivid-000-vid-cap", "HD Pro Webcam C920"
 * @param index the node's index within its device (sysfs {@code index}): 0 for the main node, 1 for the
 *              metadata node UVC adds
 * @param hardware the sysfs device directory the node belongs to (resolved {@code device} link), e.g.
 *                 /sys/devices/pci0000:00/0000:00:14.0/usb1/1-3/1-3:1.0; empty when sysfs has no link
 */
public record DeviceNode(Path path, String name, int index, String hardware) {
    /** The kernel name, e.g. "video2". */
    public String kernelName() {
        return path.getFileName().toString();
    }
}
