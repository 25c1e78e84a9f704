package io.framereel.device.gpio;

import io.framereel.device.gpio.cdev.GpioH;

/** The pull resistor a line request asks for; {@link #AS_IS} leaves whatever the board or firmware set. */
public enum Bias {
    /** No bias flag: keep the current setting (the kernel default). */
    AS_IS(0),
    /** Pull-up enabled: an open button reads high, so wire it to ground and treat it as active-low. */
    PULL_UP(GpioH.GPIO_V2_LINE_FLAG_BIAS_PULL_UP),
    /** Pull-down enabled: an open button reads low. */
    PULL_DOWN(GpioH.GPIO_V2_LINE_FLAG_BIAS_PULL_DOWN),
    /** Bias explicitly disabled, for lines with an external resistor. */
    DISABLED(GpioH.GPIO_V2_LINE_FLAG_BIAS_DISABLED);

    private final long flag;

    Bias(long flag) {
        this.flag = flag;
    }

    /** The GPIO_V2_LINE_FLAG_BIAS_* bit, 0 for {@link #AS_IS}. */
    long flag() {
        return flag;
    }

    /** Parses "pull-up", "PULL_UP", "up", "pull-down", "down", "disabled", "off", "as-is" (any case). */
    public static Bias parse(String text) {
        switch (text.trim().toLowerCase(java.util.Locale.ROOT).replace('_', '-')) {
            case "pull-up":
            case "up":
                return PULL_UP;
            case "pull-down":
            case "down":
                return PULL_DOWN;
            case "disabled":
            case "disable":
            case "off":
            case "none":
                return DISABLED;
            case "as-is":
                return AS_IS;
            default:
                throw new IllegalArgumentException("bias must be pull-up, pull-down, disabled or as-is (was '"
                        + text + "')");
        }
    }
}
