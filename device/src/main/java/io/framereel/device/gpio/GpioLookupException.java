package io.framereel.device.gpio;

import java.io.IOException;

/**
 * A GPIO chip or line that could not be found by label, name or number. The message lists what was found
 * instead, so a typo in the configuration is visible at once.
 */
public class GpioLookupException extends IOException {

    private static final long serialVersionUID = 1L;

    public GpioLookupException(String message) {
        super(message);
    }
}
