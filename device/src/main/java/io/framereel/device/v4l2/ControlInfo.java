package io.framereel.device.v4l2;

import java.util.List;
import java.util.Locale;

/**
 * A device control as VIDIOC_QUERY_EXT_CTRL (or QUERYCTRL) describes it: brightness, exposure, white balance
 * and so on. Immutable.
 *
 * @param id V4L2_CID_* value
 * @param type enum v4l2_ctrl_type (1 integer, 2 boolean, 3 menu, 4 button, 5 integer64, 9 integer menu, ...)
 * @param name the driver's name, e.g. "White Balance Temperature"
 * @param minimum smallest value
 * @param maximum largest value
 * @param step value granularity
 * @param defaultValue value after reset
 * @param flags V4L2_CTRL_FLAG_*
 * @param menu the entries of a menu control, else empty
 */
public record ControlInfo(int id, int type, String name, long minimum, long maximum, long step, long defaultValue,
        int flags, List<MenuItem> menu) {

    public ControlInfo {
        menu = List.copyOf(menu);
    }

    /** The name as v4l2-ctl prints it: lower case, runs of other characters as one '_' ("white_balance_temperature"). */
    public String key() {
        return key(name);
    }

    /** v4l2-ctl style key of any control name. */
    public static String key(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        boolean pendingUnderscore = false;
        for (char c : name.toLowerCase(Locale.ROOT).toCharArray()) {
            if (Character.isLetterOrDigit(c)) {
                if (pendingUnderscore && sb.length() > 0) {
                    sb.append('_');
                }
                pendingUnderscore = false;
                sb.append(c);
            } else {
                pendingUnderscore = true;
            }
        }
        return sb.toString();
    }

    public boolean readOnly() {
        return (flags & Videodev2.V4L2_CTRL_FLAG_READ_ONLY) != 0;
    }

    public boolean disabled() {
        return (flags & Videodev2.V4L2_CTRL_FLAG_DISABLED) != 0;
    }

    /** Currently without effect, e.g. manual exposure while auto exposure is on. */
    public boolean inactive() {
        return (flags & Videodev2.V4L2_CTRL_FLAG_INACTIVE) != 0;
    }

    /** True for menu and integer menu controls. */
    public boolean isMenu() {
        return type == Videodev2.V4L2_CTRL_TYPE_MENU || type == Videodev2.V4L2_CTRL_TYPE_INTEGER_MENU;
    }

    /** True for the types G/S_CTRL can read and write as a 32-bit value (integer, boolean, menu, button, bitmask). */
    public boolean isSimple() {
        return type == Videodev2.V4L2_CTRL_TYPE_INTEGER || type == Videodev2.V4L2_CTRL_TYPE_BOOLEAN
                || isMenu() || type == Videodev2.V4L2_CTRL_TYPE_BUTTON || type == Videodev2.V4L2_CTRL_TYPE_BITMASK;
    }
}
