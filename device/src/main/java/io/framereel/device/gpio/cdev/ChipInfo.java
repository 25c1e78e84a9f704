package io.framereel.device.gpio.cdev;

/**
 * What GPIO_GET_CHIPINFO_IOCTL reports about a chip. Immutable.
 *
 * @param name  kernel name, e.g. {@code gpiochip0}; follows probe order, so never select a chip by it
 * @param label functional name, e.g. {@code pinctrl-bcm2711}, {@code pinctrl-rp1} or a gpio-sim bank label
 * @param lines number of lines on the chip
 */
public record ChipInfo(String name, String label, int lines) {
}
