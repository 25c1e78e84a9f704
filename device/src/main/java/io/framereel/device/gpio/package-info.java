/**
 * GPIO through the Linux GPIO character device (uAPI v2), in plain Java: {@link io.framereel.device.gpio.GpioChips}
 * finds a chip by label (never by number), {@link io.framereel.device.gpio.GpioChip} resolves lines by number or
 * name and requests {@link io.framereel.device.gpio.InputLine}s (bias, edges, kernel debounce, edge events with
 * kernel timestamps) and {@link io.framereel.device.gpio.OutputLine}s. The JNA binding lives in
 * {@code io.framereel.device.gpio.cdev}; no other GPIO package sees a JNA type. {@code gpio.pi4j} puts a Pi4J
 * provider on top, and {@code gpio.button} holds the pure-Java button and status-LED logic.
 */
package io.framereel.device.gpio;
