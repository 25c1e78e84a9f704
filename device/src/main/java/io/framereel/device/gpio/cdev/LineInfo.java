package io.framereel.device.gpio.cdev;

/**
 * What GPIO_V2_GET_LINEINFO_IOCTL reports about one line. Immutable.
 *
 * @param offset           chip-local line offset
 * @param name             line name (device tree {@code gpio-line-names} or gpio-sim line name); may be empty
 * @param consumer         label of the current holder; may be empty even when the line is in use
 * @param flags            GPIO_V2_LINE_FLAG_* bits in effect ({@link GpioH})
 * @param debouncePeriodUs debounce period in effect, 0 if none
 */
public record LineInfo(int offset, String name, String consumer, long flags, int debouncePeriodUs) {

    /** Returns whether every bit of {@code flag} (a GPIO_V2_LINE_FLAG_* value) is set. */
    public boolean has(long flag) {
        return (flags & flag) == flag;
    }

    /** Returns whether the line is held by the kernel or another process (GPIO_V2_LINE_FLAG_USED). */
    public boolean isUsed() {
        return has(GpioH.GPIO_V2_LINE_FLAG_USED);
    }
}
