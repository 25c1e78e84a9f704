package io.framereel.device.gpio;

import io.framereel.device.gpio.cdev.GpioH;

/** How an output line drives its pin. */
public enum Drive {
    /** Drives both levels (the default). */
    PUSH_PULL(0),
    /** Drives low only and floats for high; needs a pull-up. */
    OPEN_DRAIN(GpioH.GPIO_V2_LINE_FLAG_OPEN_DRAIN),
    /** Drives high only and floats for low; needs a pull-down. */
    OPEN_SOURCE(GpioH.GPIO_V2_LINE_FLAG_OPEN_SOURCE);

    private final long flag;

    Drive(long flag) {
        this.flag = flag;
    }

    /** The GPIO_V2_LINE_FLAG_OPEN_* bit, 0 for push-pull. */
    long flag() {
        return flag;
    }
}
