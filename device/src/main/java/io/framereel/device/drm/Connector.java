package io.framereel.device.drm;

import java.util.List;

/**
 * A display connector as {@code DRM_IOCTL_MODE_GETCONNECTOR} reports it: the kernel's name for it (type and
 * per-type index, e.g. "HDMI-A-1", "Virtual-1"), whether a display is attached, the modes that display offers,
 * the encoders that can drive it and the one that does now (0 for none). Immutable.
 */
public record Connector(int id, String name, Connection connection, List<Mode> modes, List<Integer> encoderIds,
        int currentEncoderId) {

    /** {@code enum drm_connector_status} as the ioctl returns it (1, 2, 3). */
    public enum Connection {
        CONNECTED, DISCONNECTED, UNKNOWN;

        static Connection of(int status) {
            return status == 1 ? CONNECTED : status == 2 ? DISCONNECTED : UNKNOWN;
        }
    }

    // The kernel's drm_connector_enum_list names, indexed by DRM_MODE_CONNECTOR_* (drm_mode.h), so a user can
    // name a connector as /sys/class/drm/card0-HDMI-A-1 and the kernel log do.
    private static final String[] TYPE_NAMES = {"Unknown", "VGA", "DVI-I", "DVI-D", "DVI-A", "Composite", "SVIDEO",
        "LVDS", "Component", "DIN", "DP", "HDMI-A", "HDMI-B", "TV", "eDP", "Virtual", "DSI", "DPI", "Writeback",
        "SPI", "USB"};

    public Connector {
        modes = List.copyOf(modes);
        encoderIds = List.copyOf(encoderIds);
    }

    /** The kernel's name for connector type {@code type} number {@code typeId}, e.g. (11, 1) is "HDMI-A-1". */
    static String name(int type, int typeId) {
        String typeName = type >= 0 && type < TYPE_NAMES.length ? TYPE_NAMES[type] : "type" + type;
        return typeName + "-" + typeId;
    }

    public boolean connected() {
        return connection == Connection.CONNECTED;
    }

    @Override
    public String toString() {
        return name + " (" + connection.name().toLowerCase(java.util.Locale.ROOT) + ", " + modes.size() + " modes)";
    }
}
