package io.framereel.device.drm;

/**
 * An encoder ({@code DRM_IOCTL_MODE_GETENCODER}): the CRTC it is fed by now (0 for none), and the CRTCs it can
 * be fed by as a bit mask over the card's CRTC list (bit i is {@code DrmCard.crtcIds().get(i)}). Immutable.
 */
public record Encoder(int id, int crtcId, int possibleCrtcs) {
}
