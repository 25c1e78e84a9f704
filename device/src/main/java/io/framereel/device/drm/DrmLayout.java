package io.framereel.device.drm;

/**
 * Offsets, sizes, ioctl numbers and constants of {@code drm/drm.h}, {@code drm/drm_mode.h} and
 * {@code drm/drm_fourcc.h} that this binding uses. The mode-setting structs are built from fixed-width fields and
 * {@code __u64} user pointers, so they are the same on every ABI; {@code struct drm_version} alone has
 * {@code size_t} and {@code char *} fields and is 64 bytes on LP64 but 36 on armhf, which also changes
 * {@code DRM_IOCTL_VERSION}'s number ({@link Version}). Checked against gcc for x86_64, aarch64 and armhf by
 * {@code DrmLayoutTableTest} (drm-layouts.tsv from {@code device/src/test/c/drm_layouts.c}).
 */
final class DrmLayout {
    private DrmLayout() {
    }

    /** {@code DRM_IOCTL_BASE}: the ioctl type letter of every DRM request. */
    static final int IOCTL_BASE = 'd';

    /**
     * {@code DRM_IOWR(nr, size)} in the {@code _IOC} encoding of asm-generic/ioctl.h (x86, arm, arm64): direction
     * read|write in bits 30-31, argument size in bits 16-29, type 'd' in bits 8-15, number in bits 0-7.
     */
    static int iowr(int nr, int size) {
        if (size < 0 || size >= 1 << 14 || (nr & ~0xff) != 0) {
            throw new IllegalArgumentException("DRM ioctl 0x" + Integer.toHexString(nr) + " of " + size
                    + " bytes does not fit the _IOC encoding");
        }
        return 3 << 30 | size << 16 | IOCTL_BASE << 8 | nr;
    }

    /** {@code struct drm_version} for one data model. */
    record Version(int size, int nameLen, int name, int dateLen, int date, int descLen, int desc) {
        static final Version LP64 = new Version(64, 16, 24, 32, 40, 48, 56);
        static final Version ILP32 = new Version(36, 12, 16, 20, 24, 28, 32);

        static Version forPointerSize(int pointerSize) {
            return pointerSize == 8 ? LP64 : ILP32;
        }

        /** {@code DRM_IOCTL_VERSION}: 0xC0406400 on LP64, 0xC0246400 on armhf. */
        int ioctl() {
            return iowr(0x00, size);
        }
    }

    // struct drm_get_cap { __u64 capability; __u64 value; }
    static final int GET_CAP_SIZE = 16;
    static final int GET_CAP_VALUE = 8;

    // struct drm_mode_card_res: four __u64 array pointers, then their counts, then the size limits
    static final int CARD_RES_SIZE = 64;
    static final int CARD_RES_CRTC_ID_PTR = 8;
    static final int CARD_RES_CONNECTOR_ID_PTR = 16;
    static final int CARD_RES_ENCODER_ID_PTR = 24;
    static final int CARD_RES_COUNT_FBS = 32;
    static final int CARD_RES_COUNT_CRTCS = 36;
    static final int CARD_RES_COUNT_CONNECTORS = 40;
    static final int CARD_RES_COUNT_ENCODERS = 44;

    // struct drm_mode_modeinfo: timings as __u16, then refresh, flags, type and a 32-byte name
    static final int MODEINFO_SIZE = 68;
    static final int MODEINFO_CLOCK = 0;
    static final int MODEINFO_HDISPLAY = 4;
    static final int MODEINFO_VDISPLAY = 14;
    static final int MODEINFO_VREFRESH = 24;
    static final int MODEINFO_FLAGS = 28;
    static final int MODEINFO_TYPE = 32;
    static final int MODEINFO_NAME = 36;
    static final int DISPLAY_MODE_LEN = 32;
    static final int MODE_TYPE_PREFERRED = 1 << 3;

    // struct drm_mode_get_connector
    static final int CONNECTOR_SIZE = 80;
    static final int CONNECTOR_ENCODERS_PTR = 0;
    static final int CONNECTOR_MODES_PTR = 8;
    static final int CONNECTOR_PROPS_PTR = 16;
    static final int CONNECTOR_PROP_VALUES_PTR = 24;
    static final int CONNECTOR_COUNT_MODES = 32;
    static final int CONNECTOR_COUNT_PROPS = 36;
    static final int CONNECTOR_COUNT_ENCODERS = 40;
    static final int CONNECTOR_ENCODER_ID = 44;
    static final int CONNECTOR_CONNECTOR_ID = 48;
    static final int CONNECTOR_TYPE = 52;
    static final int CONNECTOR_TYPE_ID = 56;
    static final int CONNECTOR_CONNECTION = 60;

    // struct drm_mode_get_encoder { encoder_id, encoder_type, crtc_id, possible_crtcs, possible_clones }
    static final int ENCODER_SIZE = 20;
    static final int ENCODER_ID = 0;
    static final int ENCODER_CRTC_ID = 8;
    static final int ENCODER_POSSIBLE_CRTCS = 12;

    // struct drm_mode_crtc
    static final int CRTC_SIZE = 104;
    static final int CRTC_SET_CONNECTORS_PTR = 0;
    static final int CRTC_COUNT_CONNECTORS = 8;
    static final int CRTC_CRTC_ID = 12;
    static final int CRTC_FB_ID = 16;
    static final int CRTC_X = 20;
    static final int CRTC_Y = 24;
    static final int CRTC_MODE_VALID = 32;
    static final int CRTC_MODE = 36;

    // struct drm_mode_create_dumb { height, width, bpp, flags; out: handle, pitch, __u64 size }
    static final int CREATE_DUMB_SIZE = 32;
    static final int CREATE_DUMB_HEIGHT = 0;
    static final int CREATE_DUMB_WIDTH = 4;
    static final int CREATE_DUMB_BPP = 8;
    static final int CREATE_DUMB_HANDLE = 16;
    static final int CREATE_DUMB_PITCH = 20;
    static final int CREATE_DUMB_BYTES = 24;
    // struct drm_mode_map_dumb { handle, pad; out: __u64 offset }
    static final int MAP_DUMB_SIZE = 16;
    static final int MAP_DUMB_OFFSET = 8;
    // struct drm_mode_destroy_dumb { handle }
    static final int DESTROY_DUMB_SIZE = 4;

    // struct drm_mode_fb_cmd (legacy ADDFB: bpp and depth instead of a fourcc)
    static final int FB_CMD_SIZE = 28;
    static final int FB_CMD_FB_ID = 0;
    static final int FB_CMD_WIDTH = 4;
    static final int FB_CMD_HEIGHT = 8;
    static final int FB_CMD_PITCH = 12;
    static final int FB_CMD_BPP = 16;
    static final int FB_CMD_DEPTH = 20;
    static final int FB_CMD_HANDLE = 24;
    // struct drm_mode_fb_cmd2: fb_id, width, height, pixel_format, flags, handles[4], pitches[4], offsets[4], modifier[4]
    static final int FB_CMD2_SIZE = 104;
    static final int FB_CMD2_FB_ID = 0;
    static final int FB_CMD2_WIDTH = 4;
    static final int FB_CMD2_HEIGHT = 8;
    static final int FB_CMD2_PIXEL_FORMAT = 12;
    static final int FB_CMD2_HANDLES = 20;
    static final int FB_CMD2_PITCHES = 36;
    static final int FB_CMD2_OFFSETS = 52;

    // struct drm_mode_crtc_page_flip { crtc_id, fb_id, flags, reserved, __u64 user_data }
    static final int PAGE_FLIP_SIZE = 24;
    static final int PAGE_FLIP_CRTC_ID = 0;
    static final int PAGE_FLIP_FB_ID = 4;
    static final int PAGE_FLIP_FLAGS = 8;
    static final int PAGE_FLIP_USER_DATA = 16;
    static final int PAGE_FLIP_EVENT = 0x01;

    // struct drm_event { type, length } heads every record read(2) returns; drm_event_vblank follows it
    static final int EVENT_SIZE = 8;
    static final int EVENT_LENGTH = 4;
    static final int EVENT_VBLANK_SIZE = 32;
    static final int EVENT_VBLANK_USER_DATA = 8;
    static final int EVENT_VBLANK_CRTC_ID = 28;
    static final int EVENT_FLIP_COMPLETE = 0x02;

    static final int CAP_DUMB_BUFFER = 0x1;
    static final int CAP_DUMB_PREFERRED_DEPTH = 0x3;

    /** {@code fourcc_code('X', 'R', '2', '4')}: 32-bit x:R:G:B little-endian. */
    static final int FORMAT_XRGB8888 = fourcc('X', 'R', '2', '4');
    /** {@code fourcc_code('R', 'G', '1', '6')}: 16-bit R:G:B 5:6:5 little-endian. */
    static final int FORMAT_RGB565 = fourcc('R', 'G', '1', '6');

    static final int IOCTL_GET_CAP = iowr(0x0C, GET_CAP_SIZE);
    static final int IOCTL_MODE_GETRESOURCES = iowr(0xA0, CARD_RES_SIZE);
    static final int IOCTL_MODE_GETCRTC = iowr(0xA1, CRTC_SIZE);
    static final int IOCTL_MODE_SETCRTC = iowr(0xA2, CRTC_SIZE);
    static final int IOCTL_MODE_GETENCODER = iowr(0xA6, ENCODER_SIZE);
    static final int IOCTL_MODE_GETCONNECTOR = iowr(0xA7, CONNECTOR_SIZE);
    static final int IOCTL_MODE_ADDFB = iowr(0xAE, FB_CMD_SIZE);
    static final int IOCTL_MODE_RMFB = iowr(0xAF, 4);
    static final int IOCTL_MODE_PAGE_FLIP = iowr(0xB0, PAGE_FLIP_SIZE);
    static final int IOCTL_MODE_CREATE_DUMB = iowr(0xB2, CREATE_DUMB_SIZE);
    static final int IOCTL_MODE_MAP_DUMB = iowr(0xB3, MAP_DUMB_SIZE);
    static final int IOCTL_MODE_DESTROY_DUMB = iowr(0xB4, DESTROY_DUMB_SIZE);
    static final int IOCTL_MODE_ADDFB2 = iowr(0xB8, FB_CMD2_SIZE);

    static int fourcc(char a, char b, char c, char d) {
        return a | b << 8 | c << 16 | d << 24;
    }
}
