package io.framereel.device.gpio.pi4j;

import com.pi4j.context.Context;
import com.pi4j.exception.ShutdownException;
import com.pi4j.extension.Plugin;
import com.pi4j.extension.PluginService;

/**
 * A Pi4J 2.x plugin whose digital input and output providers speak the Linux GPIO character-device v2 uAPI
 * directly (through framereel's JNA binding), so they run on any Linux architecture and reach any chip,
 * gpio-sim included. Pi4J's own gpiod plugin ships native code for arm only.
 *
 * <p>Found by Pi4J's auto-detection through {@code META-INF/services/com.pi4j.extension.Plugin}, or added by hand:
 * {@code Pi4J.newContextBuilder().add(CdevDigitalInputProvider.newInstance(), CdevDigitalOutputProvider
 * .newInstance())}. Configuration, as Pi4J context properties:
 * <ul>
 * <li>{@value #CHIP_PROPERTY}: label of the GPIO chip, e.g. {@code pinctrl-rp1} or a gpio-sim bank label. A
 * per-I/O property {@value #IO_CHIP_PROPERTY} (for an I/O with id {@code btn}: context property
 * {@code btn.chip}) overrides it. Default: the Raspberry Pi header chip, whichever of
 * {@code pinctrl-rp1}, {@code pinctrl-bcm2711}, {@code pinctrl-bcm2835} is present. Chips are never chosen by
 * number.</li>
 * <li>{@value #DEV_PROPERTY}: directory holding the {@code gpiochipN} nodes, default {@code /dev}.</li>
 * </ul>
 * The I/O address is the chip-local line offset; {@link CdevDigitalInputProvider#lineOffset(String)} turns a line
 * name into one. Pi4J's debounce setting (microseconds, default 10 000) becomes the kernel's debounce period.
 *
 * <p>Priority {@value #PRIORITY}: above the gpiod plugin (150) so ours wins when both are on the class path, below
 * the mock plugin (1000) so tests that put the mocks on the class path keep getting mocks.
 */
public class CdevGpioPlugin implements Plugin {

    /** Pi4J context property: the GPIO chip label. */
    public static final String CHIP_PROPERTY = "framereel.gpio.chip";
    /** Pi4J context property: the directory of the gpiochip nodes. */
    public static final String DEV_PROPERTY = "framereel.gpio.dev";
    /** Per-I/O config property overriding {@value #CHIP_PROPERTY}. */
    public static final String IO_CHIP_PROPERTY = "chip";
    /** Provider priority among Pi4J providers of the same I/O type. */
    public static final int PRIORITY = 200;

    private CdevDigitalInputProvider input;
    private CdevDigitalOutputProvider output;

    @Override
    public void initialize(PluginService service) {
        input = CdevDigitalInputProvider.newInstance();
        output = CdevDigitalOutputProvider.newInstance();
        service.register(input, output);
    }

    @Override
    public void shutdown(Context context) throws ShutdownException {
        // Pi4J shuts registered providers down itself; this covers providers that were detected but not chosen
        if (input != null) {
            input.releaseChips();
        }
        if (output != null) {
            output.releaseChips();
        }
    }
}
