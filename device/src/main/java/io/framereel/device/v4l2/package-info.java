/**
 * V4L2 video capture through JNA: find a device by its sysfs name or bus ({@link io.framereel.device.v4l2.V4l2Devices}),
 * open it ({@link io.framereel.device.v4l2.V4l2Device}), choose format, size, frame rate and controls, and stream
 * frames from mmap'd buffers ({@link io.framereel.device.v4l2.CaptureSession}, {@link io.framereel.device.v4l2.Frame})
 * without allocating per frame. Failures are {@link io.framereel.device.v4l2.V4l2Exception}s naming device, ioctl
 * and errno.
 *
 * <p>Only plain Java types are public. Inside, the bindings follow the C headers: one constants class per header
 * ({@code Videodev2}, {@code Ioctl}, {@code Errno}, {@code Mman}, {@code Poll}, {@code Fcntl}), one {@code LibC}
 * interface, JNA structures per ioctl family ({@code CapabilityStructs}, {@code FormatStructs},
 * {@code BufferStructs}, {@code ControlStructs}), and device code per family ({@code FormatIoctls},
 * {@code ControlIoctls}, {@code CaptureSession}) over one {@code V4l2Handle}.
 *
 * <p>Struct layouts differ between x86_64/aarch64, armhf with 32-bit time_t and armhf with 64-bit time_t, and the
 * ioctl numbers encode the sizes. {@code V4l2Layouts} models every struct in pure Java for all four ABIs; a test
 * checks the model against numbers gcc produced from the kernel headers for each ABI
 * ({@code device/src/test/c/gen-v4l2-layouts.sh}), and the JNA structures are checked against the model on the
 * running platform before the first device opens. {@code Abi} documents how the running ABI is chosen and the
 * {@code framereel.v4l2.abi} override.
 */
package io.framereel.device.v4l2;
