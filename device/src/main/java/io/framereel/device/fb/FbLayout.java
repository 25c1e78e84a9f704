package io.framereel.device.fb;

/**
 * Offsets in {@code struct fb_var_screeninfo} (160 bytes, all __u32, the same on every architecture) and
 * {@code struct fb_fix_screeninfo}, whose two {@code unsigned long} fields (smem_start, mmio_start) make it
 * 80 bytes on LP64 and 68 on 32-bit ARM, moving everything after smem_start. Checked against sizes compiled
 * from the kernel headers for x86_64, aarch64 and armhf (docs and FbLayoutTest).
 */
final class FbLayout {
    private FbLayout() {
    }

    /** ioctl numbers: _IO-style constants that do not encode the struct size. */
    static final int FBIOGET_VSCREENINFO = 0x4600;
    static final int FBIOPUT_VSCREENINFO = 0x4601;
    static final int FBIOGET_FSCREENINFO = 0x4602;
    static final int FBIOPAN_DISPLAY = 0x4606;

    static final int VAR_SIZE = 160;
    static final int VAR_XRES = 0;
    static final int VAR_YRES = 4;
    static final int VAR_XRES_VIRTUAL = 8;
    static final int VAR_YRES_VIRTUAL = 12;
    static final int VAR_XOFFSET = 16;
    static final int VAR_YOFFSET = 20;
    static final int VAR_BITS_PER_PIXEL = 24;
    static final int VAR_GRAYSCALE = 28;
    static final int VAR_RED = 32;      // struct fb_bitfield { offset, length, msb_right }: 12 bytes each
    static final int VAR_GREEN = 44;
    static final int VAR_BLUE = 56;
    static final int VAR_TRANSP = 68;
    static final int VAR_ACTIVATE = 84;

    /** Where the fields of fb_fix_screeninfo are for one data model. */
    record Fix(int size, int smemLen, int type, int visual, int ypanstep, int lineLength) {
        static final Fix LP64 = new Fix(80, 24, 28, 36, 42, 48);
        static final Fix ILP32 = new Fix(68, 20, 24, 32, 38, 44);

        static Fix forPointerSize(int pointerSize) {
            return pointerSize == 8 ? LP64 : ILP32;
        }
    }

    static final int FIX_ID = 0;
    static final int FIX_ID_BYTES = 16;
    static final int FB_TYPE_PACKED_PIXELS = 0;
    static final int FB_VISUAL_TRUECOLOR = 2;
}
