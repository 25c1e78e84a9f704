/**
 * DRM/KMS display output through JNA: a card found by its driver name ({@code DRM_IOCTL_VERSION}) or path, its
 * connectors and their state ({@link io.framereel.device.drm.DrmCard}), the choice of connector, mode and CRTC
 * ({@link io.framereel.device.drm.KmsSelection}), and two dumb buffers shown by page flip as a
 * {@link io.framereel.device.fb.Screen} ({@link io.framereel.device.drm.DrmScreen}), so replays draw on a KMS
 * display through the same {@link io.framereel.device.fb.FramebufferDisplay} as on {@code /dev/fbN}. Layouts and
 * ioctl numbers ({@code DrmLayout}, package-private) are pinned for x86_64, aarch64 and armhf by a table generated
 * from the kernel's uapi headers ({@code device/src/test/c/drm_layouts.c}). Public types expose no JNA type.
 */
package io.framereel.device.drm;
