package io.framereel.device.v4l2;

import com.sun.jna.Structure.FieldOrder;

/** JNA twin of the VIDIOC_QUERYCAP argument, member for member as in {@code <linux/videodev2.h>}. */
final class CapabilityStructs {
    private CapabilityStructs() {
    }

    /** struct v4l2_capability: describes V4L2 device caps returned by VIDIOC_QUERYCAP. */
    @FieldOrder({"driver", "card", "bus_info", "version", "capabilities", "device_caps", "reserved"})
    public static final class v4l2_capability extends NativeStruct {
        /** name of the driver module (e.g. "bttv") */
        public byte[] driver = new byte[16];
        /** name of the card (e.g. "Hauppauge WinTV") */
        public byte[] card = new byte[32];
        /** name of the bus (e.g. "PCI:" + pci_name(pci_dev)) */
        public byte[] bus_info = new byte[32];
        /** KERNEL_VERSION */
        public int version;
        /** capabilities of the physical device as a whole */
        public int capabilities;
        /** capabilities accessed via this particular device (node) */
        public int device_caps;
        /** reserved fields for future extensions */
        public int[] reserved = new int[3];
    }
}
