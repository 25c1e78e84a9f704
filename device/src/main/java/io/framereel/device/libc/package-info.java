/**
 * The few libc calls (open, ioctl, mmap, poll, read) the framebuffer and DRM bindings share, direct-mapped per data
 * model. Used only by binding packages; nothing outside them sees its JNA types.
 */
package io.framereel.device.libc;
