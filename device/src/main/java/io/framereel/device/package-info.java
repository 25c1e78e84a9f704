/**
 * Linux device access through JNA: V4L2 capture, GPIO character devices, framebuffers, shared-memory frame
 * regions and sd_notify. Native bindings live in one small package per device family; everything outside
 * them sees plain Java types. Filled by the capture, GPIO/replay and daemon work.
 */
package io.framereel.device;
