package io.framereel.device.drm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A display mode as the kernel describes it ({@code struct drm_mode_modeinfo}): its visible size, refresh rate,
 * whether the display prefers it, and the whole record, which a mode set hands back unchanged. Immutable.
 */
public final class Mode {
    private final byte[] info;
    private final int width;
    private final int height;
    private final int refreshHz;
    private final boolean preferred;
    private final String name;

    private Mode(byte[] info) {
        this.info = info;
        ByteBuffer b = ByteBuffer.wrap(info).order(ByteOrder.nativeOrder());
        this.width = b.getShort(DrmLayout.MODEINFO_HDISPLAY) & 0xffff;
        this.height = b.getShort(DrmLayout.MODEINFO_VDISPLAY) & 0xffff;
        this.refreshHz = b.getInt(DrmLayout.MODEINFO_VREFRESH);
        this.preferred = (b.getInt(DrmLayout.MODEINFO_TYPE) & DrmLayout.MODE_TYPE_PREFERRED) != 0;
        int end = DrmLayout.MODEINFO_NAME;
        while (end < DrmLayout.MODEINFO_NAME + DrmLayout.DISPLAY_MODE_LEN && info[end] != 0) {
            end++;
        }
        this.name = new String(info, DrmLayout.MODEINFO_NAME, end - DrmLayout.MODEINFO_NAME, StandardCharsets.US_ASCII);
    }

    /** The mode in a {@code drm_mode_modeinfo} record of {@value DrmLayout#MODEINFO_SIZE} bytes (copied). */
    static Mode of(byte[] modeinfo) {
        if (modeinfo.length != DrmLayout.MODEINFO_SIZE) {
            throw new IllegalArgumentException("drm_mode_modeinfo is " + DrmLayout.MODEINFO_SIZE + " bytes, not "
                    + modeinfo.length);
        }
        return new Mode(modeinfo.clone());
    }

    /** The kernel's record, for SETCRTC. */
    byte[] info() {
        return info.clone();
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Vertical refresh in Hz as the kernel rounds it. */
    public int refreshHz() {
        return refreshHz;
    }

    /** Whether the display marks this mode preferred (its native resolution, from EDID). */
    public boolean preferred() {
        return preferred;
    }

    /** The kernel's name for the mode, e.g. "1024x768". */
    public String name() {
        return name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Mode && Arrays.equals(info, ((Mode) o).info);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(info);
    }

    @Override
    public String toString() {
        return width + "x" + height + "@" + refreshHz + (preferred ? " (preferred)" : "");
    }
}
