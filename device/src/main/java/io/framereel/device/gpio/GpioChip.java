package io.framereel.device.gpio;

import io.framereel.device.gpio.cdev.ChipInfo;
import io.framereel.device.gpio.cdev.GpioChipDevice;
import io.framereel.device.gpio.cdev.GpioLineRequest;
import io.framereel.device.gpio.cdev.LineInfo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An open GPIO chip: its identity, line lookup by number or name, and single-line input and output requests.
 * Usually obtained from {@link GpioChips#open(String)} by label.
 *
 * <p>Requested lines own their own kernel handle and stay valid after the chip is closed. Thread-safe.
 */
public final class GpioChip implements AutoCloseable {

    private final GpioChipDevice device;
    private final ChipInfo info;

    private GpioChip(GpioChipDevice device, ChipInfo info) {
        this.device = device;
        this.info = info;
    }

    /** Opens the chip at {@code node} (e.g. /dev/gpiochip0) and reads its info. */
    public static GpioChip open(Path node) throws IOException {
        GpioChipDevice device = GpioChipDevice.open(node);
        try {
            return new GpioChip(device, device.chipInfo());
        } catch (IOException | RuntimeException e) {
            closeQuietlyAfter(device, e);
            throw e;
        }
    }

    /** The device node. */
    public Path path() {
        return device.path();
    }

    /** The chip label, e.g. pinctrl-rp1. */
    public String label() {
        return info.label();
    }

    /** The kernel name, e.g. gpiochip0 (unstable across boots and kernels). */
    public String name() {
        return info.name();
    }

    /** Number of lines. */
    public int lineCount() {
        return info.lines();
    }

    /** Name, label and line count as read when the chip was opened. */
    public ChipInfo info() {
        return info;
    }

    /** Current info of the line at {@code offset}: name, consumer, flags, debounce. */
    public LineInfo lineInfo(int offset) throws IOException {
        checkOffset(offset);
        return device.lineInfo(offset);
    }

    /**
     * Resolves a line given as a decimal offset ("17") or by its name ("shutter-button", "GPIO17"). Names come
     * from the device tree's gpio-line-names or the gpio-sim bank; the first line with the name wins.
     *
     * @throws GpioLookupException if the number is out of range or no line has the name; the message lists the
     *                             named lines
     */
    public int lineOffset(String numberOrName) throws IOException {
        String spec = numberOrName.trim();
        if (!spec.isEmpty() && spec.chars().allMatch(Character::isDigit)) {
            int offset;
            try {
                offset = Integer.parseInt(spec);
            } catch (NumberFormatException e) {
                offset = Integer.MAX_VALUE;
            }
            if (offset >= info.lines()) {
                throw new GpioLookupException(describe() + " has lines 0 to " + (info.lines() - 1) + " (was " + spec
                        + ")");
            }
            return offset;
        }
        List<String> named = new ArrayList<>();
        for (int offset = 0; offset < info.lines(); offset++) {
            String name = device.lineInfo(offset).name();
            if (name.equals(spec)) {
                return offset;
            }
            if (!name.isEmpty()) {
                named.add(offset + "=" + name);
            }
        }
        throw new GpioLookupException("no line named '" + spec + "' on " + describe() + " (named lines: "
                + (named.isEmpty() ? "none" : String.join(", ", named)) + ")");
    }

    /** Requests the line at {@code offset} as an input. */
    public InputLine requestInput(int offset, InputSettings settings) throws IOException {
        checkOffset(offset);
        GpioLineRequest request = device.requestLines(new int[] {offset}, settings.consumer(),
                settings.toLineConfig(), settings.eventBufferSize());
        return new InputLine(request, offset, settings);
    }

    /** Requests the line at {@code offset} as an output; it takes {@link OutputSettings#initialActive()} at once. */
    public OutputLine requestOutput(int offset, OutputSettings settings) throws IOException {
        checkOffset(offset);
        GpioLineRequest request = device.requestLines(new int[] {offset}, settings.consumer(),
                settings.toLineConfig(), 0);
        return new OutputLine(request, offset, settings);
    }

    /** Closes the chip handle; requested lines stay valid. Safe to call more than once. */
    @Override
    public void close() throws IOException {
        device.close();
    }

    @Override
    public String toString() {
        return "GpioChip[" + describe() + "]";
    }

    private String describe() {
        return device.path() + " [" + info.label() + "]";
    }

    private void checkOffset(int offset) throws GpioLookupException {
        if (offset < 0 || offset >= info.lines()) {
            throw new GpioLookupException(describe() + " has lines 0 to " + (info.lines() - 1) + " (was " + offset
                    + ")");
        }
    }

    static void closeQuietlyAfter(AutoCloseable resource, Throwable primary) {
        try {
            resource.close();
        } catch (Exception e) {
            primary.addSuppressed(e);
        }
    }
}
