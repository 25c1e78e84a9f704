/**
 * JNA binding of {@code linux/gpio.h} (GPIO character-device uAPI v2): header constants ({@code GpioH}),
 * structures ({@code GpioStructs}, package-private), libc calls ({@code LibC}, package-private, errno returned not
 * thrown), and two handles with the ioctl families: {@link io.framereel.device.gpio.cdev.GpioChipDevice} (chip info,
 * line info, line requests) and {@link io.framereel.device.gpio.cdev.GpioLineRequest} (values, reconfigure, edge
 * events). Public types here expose no JNA type. Layouts are pinned for x86_64, aarch64 and armhf by a table
 * generated from the C headers ({@code device/src/test/native/gpio-uapi}).
 */
package io.framereel.device.gpio.cdev;
