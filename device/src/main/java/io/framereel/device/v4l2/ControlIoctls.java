package io.framereel.device.v4l2;

import io.framereel.device.libc.Errno;

import java.util.ArrayList;
import java.util.List;

/**
 * The control family: list controls with their menus, get and set by id (VIDIOC_QUERY_EXT_CTRL with a
 * QUERYCTRL fallback for old drivers, VIDIOC_QUERYMENU, G/S_CTRL). Control-class headings are skipped.
 * Not thread-safe.
 */
final class ControlIoctls {
    private static final int NEXT = Videodev2.V4L2_CTRL_FLAG_NEXT_CTRL;
    /** Guards against a driver reporting a menu of billions of entries; real menus have a handful. */
    private static final long MAX_MENU_ENTRIES = 1024;

    private final V4l2Handle handle;

    ControlIoctls(V4l2Handle handle) {
        this.handle = handle;
    }

    /** Every control of the device in id order, menus filled in. */
    List<ControlInfo> list() throws V4l2Exception {
        List<ControlInfo> controls = new ArrayList<>();
        ControlStructs.v4l2_query_ext_ctrl q = new ControlStructs.v4l2_query_ext_ctrl();
        int id = 0;
        while (true) {
            q.id = id | NEXT;
            int errno = handle.exchange(VideoIoctl.VIDIOC_QUERY_EXT_CTRL, q);
            if (errno == Errno.ENOTTY && controls.isEmpty()) {
                return listLegacy();
            }
            if (errno == Errno.EINVAL) {
                return controls;
            }
            if (errno != 0) {
                throw handle.failure("VIDIOC_QUERY_EXT_CTRL", errno, String.format("after control 0x%08x", id));
            }
            id = q.id;
            if (q.type != Videodev2.V4L2_CTRL_TYPE_CTRL_CLASS) {
                controls.add(new ControlInfo(q.id, q.type, NativeStruct.cString(q.name), q.minimum, q.maximum,
                        q.step, q.default_value, q.flags, menu(q.id, q.type, q.minimum, q.maximum)));
            }
        }
    }

    /** QUERYCTRL with NEXT_CTRL, for drivers older than Linux 3.17. */
    private List<ControlInfo> listLegacy() throws V4l2Exception {
        List<ControlInfo> controls = new ArrayList<>();
        ControlStructs.v4l2_queryctrl q = new ControlStructs.v4l2_queryctrl();
        int id = 0;
        while (true) {
            q.id = id | NEXT;
            int errno = handle.exchange(VideoIoctl.VIDIOC_QUERYCTRL, q);
            if (errno == Errno.EINVAL || errno == Errno.ENOTTY) {
                return controls;
            }
            if (errno != 0) {
                throw handle.failure("VIDIOC_QUERYCTRL", errno, String.format("after control 0x%08x", id));
            }
            id = q.id;
            if (q.type != Videodev2.V4L2_CTRL_TYPE_CTRL_CLASS) {
                controls.add(new ControlInfo(q.id, q.type, NativeStruct.cString(q.name), q.minimum, q.maximum,
                        q.step, q.default_value, q.flags, menu(q.id, q.type, q.minimum, q.maximum)));
            }
        }
    }

    /** The menu entries from minimum to maximum; drivers leave gaps (EINVAL) for unsupported entries. */
    private List<MenuItem> menu(int id, int type, long minimum, long maximum) throws V4l2Exception {
        if (type != Videodev2.V4L2_CTRL_TYPE_MENU && type != Videodev2.V4L2_CTRL_TYPE_INTEGER_MENU) {
            return List.of();
        }
        if (maximum - minimum > MAX_MENU_ENTRIES) {
            throw handle.failure("VIDIOC_QUERYMENU", V4l2Exception.NO_ERRNO, String.format(
                    "control 0x%08x claims %d menu entries (at most %d expected)", id, maximum - minimum + 1,
                    MAX_MENU_ENTRIES));
        }
        List<MenuItem> items = new ArrayList<>();
        ControlStructs.v4l2_querymenu m = new ControlStructs.v4l2_querymenu();
        for (long index = Math.max(0, minimum); index <= maximum; index++) {
            m.id = id;
            m.index = (int) index;
            int errno = handle.exchange(VideoIoctl.VIDIOC_QUERYMENU, m);
            if (errno == Errno.EINVAL) {
                continue;
            }
            if (errno != 0) {
                throw handle.failure("VIDIOC_QUERYMENU", errno, String.format("control 0x%08x index %d", id, index));
            }
            if (type == Videodev2.V4L2_CTRL_TYPE_INTEGER_MENU) {
                items.add(new MenuItem((int) index, Long.toString(m.item.value), m.item.value));
            } else {
                items.add(new MenuItem((int) index, NativeStruct.cString(m.item.name), index));
            }
        }
        return items;
    }

    /** The current value (VIDIOC_G_CTRL). */
    int get(int id) throws V4l2Exception {
        ControlStructs.v4l2_control c = new ControlStructs.v4l2_control();
        c.id = id;
        handle.call(VideoIoctl.VIDIOC_G_CTRL, c, String.format("control 0x%08x", id));
        return c.value;
    }

    /** Sets a value (VIDIOC_S_CTRL) and returns what the driver stored (it may clamp). */
    int set(int id, int value) throws V4l2Exception {
        ControlStructs.v4l2_control c = new ControlStructs.v4l2_control();
        c.id = id;
        c.value = value;
        handle.call(VideoIoctl.VIDIOC_S_CTRL, c, String.format("control 0x%08x = %d", id, value));
        return c.value;
    }
}
