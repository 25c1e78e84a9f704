package io.framereel.device.gpio;

import static io.framereel.device.gpio.cdev.GpioH.GPIO_V2_LINE_ATTR_ID_DEBOUNCE;
import static io.framereel.device.gpio.cdev.GpioH.GPIO_V2_LINE_ATTR_ID_OUTPUT_VALUES;
import static io.framereel.device.gpio.cdev.GpioH.GPIO_V2_LINE_FLAG_ACTIVE_LOW;
import static io.framereel.device.gpio.cdev.GpioH.GPIO_V2_LINE_FLAG_BIAS_DISABLED;
import static io.framereel.device.gpio.cdev.GpioH.GPIO_V2_LINE_FLAG_BIAS_PULL_DOWN;
import static io.framereel.device.gpio.cdev.GpioH.GPIO_V2_LINE_FLAG_BIAS_PULL_UP;
import static io.framereel.device.gpio.cdev.GpioH.GPIO_V2_LINE_FLAG_EDGE_FALLING;
import static io.framereel.device.gpio.cdev.GpioH.GPIO_V2_LINE_FLAG_EDGE_RISING;
import static io.framereel.device.gpio.cdev.GpioH.GPIO_V2_LINE_FLAG_INPUT;
import static io.framereel.device.gpio.cdev.GpioH.GPIO_V2_LINE_FLAG_OPEN_DRAIN;
import static io.framereel.device.gpio.cdev.GpioH.GPIO_V2_LINE_FLAG_OUTPUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.framereel.device.gpio.cdev.LineConfig;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

// Scope: how input and output settings become the kernel's gpio_v2_line_config (flags and attributes).
class LineSettingsTest {

    @Test
    void aButtonInputRequestsPullUpBothEdgesActiveLowAndKernelDebounce() {
        LineConfig c = InputSettings.defaults().withBias(Bias.PULL_UP).withActiveLow(true)
                .withDebounce(Duration.ofMillis(10)).toLineConfig();
        assertEquals(GPIO_V2_LINE_FLAG_INPUT | GPIO_V2_LINE_FLAG_BIAS_PULL_UP | GPIO_V2_LINE_FLAG_EDGE_RISING
                | GPIO_V2_LINE_FLAG_EDGE_FALLING | GPIO_V2_LINE_FLAG_ACTIVE_LOW, c.flags());
        assertEquals(List.of(new LineConfig.Attribute(GPIO_V2_LINE_ATTR_ID_DEBOUNCE, 10_000, 1)), c.attributes());
    }

    @Test
    void eachBiasAndEdgeMapsToItsFlags() {
        InputSettings s = InputSettings.defaults();
        assertEquals(GPIO_V2_LINE_FLAG_INPUT | GPIO_V2_LINE_FLAG_EDGE_RISING | GPIO_V2_LINE_FLAG_EDGE_FALLING,
                s.toLineConfig().flags(), "as-is bias sets no bias flag");
        assertEquals(GPIO_V2_LINE_FLAG_INPUT | GPIO_V2_LINE_FLAG_BIAS_PULL_DOWN | GPIO_V2_LINE_FLAG_EDGE_RISING,
                s.withBias(Bias.PULL_DOWN).withEdge(Edge.RISING).toLineConfig().flags());
        assertEquals(GPIO_V2_LINE_FLAG_INPUT | GPIO_V2_LINE_FLAG_BIAS_DISABLED | GPIO_V2_LINE_FLAG_EDGE_FALLING,
                s.withBias(Bias.DISABLED).withEdge(Edge.FALLING).toLineConfig().flags());
        assertEquals(GPIO_V2_LINE_FLAG_INPUT, s.withEdge(Edge.NONE).toLineConfig().flags());
        assertEquals(List.of(), s.toLineConfig().attributes(), "no debounce attribute without a debounce period");
    }

    @Test
    void debounceIsRoundedUpToWholeMicrosecondsAndBoundedByTheUapiField() {
        assertEquals(1, InputSettings.defaults().withDebounce(Duration.ofNanos(1)).debouncePeriodUs());
        assertEquals(1500, InputSettings.defaults().withDebounce(Duration.ofNanos(1_499_001)).debouncePeriodUs());
        assertEquals("debounce cannot be less than 0 (was PT-0.001S)", assertThrows(IllegalArgumentException.class,
                () -> InputSettings.defaults().withDebounce(Duration.ofMillis(-1))).getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> InputSettings.defaults().withDebounce(InputSettings.MAX_DEBOUNCE.plusNanos(1000)));
    }

    @Test
    void biasParsesTheSpellingsOfConfigFiles() {
        assertEquals(Bias.PULL_UP, Bias.parse("pull-up"));
        assertEquals(Bias.PULL_UP, Bias.parse("PULL_UP"));
        assertEquals(Bias.PULL_DOWN, Bias.parse(" down "));
        assertEquals(Bias.DISABLED, Bias.parse("off"));
        assertEquals(Bias.AS_IS, Bias.parse("as-is"));
        assertEquals("bias must be pull-up, pull-down, disabled or as-is (was 'sideways')",
                assertThrows(IllegalArgumentException.class, () -> Bias.parse("sideways")).getMessage());
    }

    @Test
    void anOutputIsRequestedWithItsInitialValueSoItNeverGlitches() {
        LineConfig off = OutputSettings.defaults().toLineConfig();
        assertEquals(GPIO_V2_LINE_FLAG_OUTPUT, off.flags());
        assertEquals(List.of(new LineConfig.Attribute(GPIO_V2_LINE_ATTR_ID_OUTPUT_VALUES, 0, 1)), off.attributes());
        LineConfig on = OutputSettings.defaults().withInitialActive(true).withActiveLow(true)
                .withDrive(Drive.OPEN_DRAIN).toLineConfig();
        assertEquals(GPIO_V2_LINE_FLAG_OUTPUT | GPIO_V2_LINE_FLAG_ACTIVE_LOW | GPIO_V2_LINE_FLAG_OPEN_DRAIN,
                on.flags());
        assertEquals(List.of(new LineConfig.Attribute(GPIO_V2_LINE_ATTR_ID_OUTPUT_VALUES, 1, 1)), on.attributes());
    }

    @Test
    void edgeEventsAreRisingOrFallingOnly() {
        assertThrows(IllegalArgumentException.class, () -> new EdgeEvent(Edge.BOTH, 0, 0, 1));
        assertEquals(true, new EdgeEvent(Edge.RISING, 5, 3, 1).isRising());
    }
}
