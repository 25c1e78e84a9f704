package io.framereel.device.drm;

/**
 * What a CRTC scans out ({@code DRM_IOCTL_MODE_GETCRTC}): the framebuffer id (0 when off), the position in it and
 * the mode (null when the CRTC has none). What {@link DrmScreen} saves at open and restores at close. Immutable.
 */
public record CrtcState(int crtcId, int fbId, int x, int y, Mode mode) {
    /** Whether the CRTC is lit: a framebuffer and a mode. */
    public boolean active() {
        return fbId != 0 && mode != null;
    }
}
