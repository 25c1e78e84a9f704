package io.framereel.device.drm;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

/**
 * A DRM_IOCTL_MODE_SETCRTC argument ({@code struct drm_mode_crtc}) for one CRTC, connector and mode, filled once
 * so that setting another framebuffer changes one field and allocates nothing. It owns the connector-id array
 * the request points to, so that array lives as long as the request. With a null mode it turns the CRTC off.
 * Not thread-safe.
 */
final class CrtcRequest {
    private final Memory request = new Memory(DrmLayout.CRTC_SIZE);
    private final Memory connectorIds = new Memory(4);
    final int crtcId;

    CrtcRequest(int crtcId, int x, int y, int connectorId, Mode mode) {
        this.crtcId = crtcId;
        request.clear();
        connectorIds.setInt(0, connectorId);
        request.setInt(DrmLayout.CRTC_CRTC_ID, crtcId);
        request.setInt(DrmLayout.CRTC_X, x);
        request.setInt(DrmLayout.CRTC_Y, y);
        if (mode != null) {
            request.setLong(DrmLayout.CRTC_SET_CONNECTORS_PTR, Pointer.nativeValue(connectorIds));
            request.setInt(DrmLayout.CRTC_COUNT_CONNECTORS, 1);
            request.setInt(DrmLayout.CRTC_MODE_VALID, 1);
            request.write(DrmLayout.CRTC_MODE, mode.info(), 0, DrmLayout.MODEINFO_SIZE);
        }
    }

    /** The request with framebuffer {@code fbId} (0 with a null mode: off). */
    Memory framebuffer(int fbId) {
        request.setInt(DrmLayout.CRTC_FB_ID, fbId);
        return request;
    }
}
