package io.framereel.device.v4l2;

import com.sun.jna.Structure.FieldOrder;
import com.sun.jna.Union;

/** JNA twins of the control ioctl arguments (QUERYCTRL, QUERY_EXT_CTRL, QUERYMENU, G/S_CTRL). */
final class ControlStructs {
    private ControlStructs() {
    }

    /** struct v4l2_control: the argument of VIDIOC_G_CTRL and VIDIOC_S_CTRL. */
    @FieldOrder({"id", "value"})
    public static final class v4l2_control extends NativeStruct {
        /** control ID (V4L2_CID_*) */
        public int id;
        /** new value or current value */
        public int value;
    }

    /** struct v4l2_queryctrl: used in the VIDIOC_QUERYCTRL ioctl for querying controls. */
    @FieldOrder({"id", "type", "name", "minimum", "maximum", "step", "default_value", "flags", "reserved"})
    public static final class v4l2_queryctrl extends NativeStruct {
        /** control ID, optionally ORed with V4L2_CTRL_FLAG_NEXT_CTRL to enumerate */
        public int id;
        /** enum v4l2_ctrl_type */
        public int type;
        /** Whatever (the control's name, e.g. "Brightness") */
        public byte[] name = new byte[32];
        /** Note signedness */
        public int minimum;
        /** largest value */
        public int maximum;
        /** step between values */
        public int step;
        /** default value */
        public int default_value;
        /** V4L2_CTRL_FLAG_* */
        public int flags;
        /** reserved, zero */
        public int[] reserved = new int[2];
    }

    /** struct v4l2_query_ext_ctrl: used in the VIDIOC_QUERY_EXT_CTRL ioctl for querying extended controls. */
    @FieldOrder({"id", "type", "name", "minimum", "maximum", "step", "default_value", "flags", "elem_size",
            "elems", "nr_of_dims", "dims", "reserved"})
    public static final class v4l2_query_ext_ctrl extends NativeStruct {
        /** control ID, optionally ORed with V4L2_CTRL_FLAG_NEXT_CTRL / NEXT_COMPOUND */
        public int id;
        /** enum v4l2_ctrl_type */
        public int type;
        /** the control's name */
        public byte[] name = new byte[32];
        /** smallest value (64-bit) */
        public long minimum;
        /** largest value */
        public long maximum;
        /** step (unsigned) */
        public long step;
        /** default value */
        public long default_value;
        /** V4L2_CTRL_FLAG_* */
        public int flags;
        /** size of one element of a compound control */
        public int elem_size;
        /** number of elements */
        public int elems;
        /** number of dimensions of an array control */
        public int nr_of_dims;
        /** size of each dimension, V4L2_CTRL_MAX_DIMS entries */
        public int[] dims = new int[4];
        /** reserved, zero */
        public int[] reserved = new int[32];
    }

    /** The unnamed union of struct v4l2_querymenu: a menu item's name, or an integer menu's value. */
    @FieldOrder({"name", "value"})
    public static final class querymenu_item extends Union {
        /** Whatever (the item's name) */
        public byte[] name = new byte[32];
        /** the value of an INTEGER_MENU item */
        public long value;

        public querymenu_item() {
            setAlignType(ALIGN_NONE);
        }
    }

    /** struct v4l2_querymenu: used in the VIDIOC_QUERYMENU ioctl for querying menu items; packed. */
    @FieldOrder({"id", "index", "item", "reserved"})
    public static final class v4l2_querymenu extends NativeStruct {
        /** control ID */
        public int id;
        /** menu item index */
        public int index;
        /** the unnamed union of name and value */
        public querymenu_item item = new querymenu_item();
        /** reserved, zero */
        public int reserved;

        public v4l2_querymenu() {
            setAlignType(ALIGN_NONE);
        }
    }
}
