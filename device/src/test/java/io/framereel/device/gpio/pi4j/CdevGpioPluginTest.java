package io.framereel.device.gpio.pi4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.extension.Plugin;
import com.pi4j.io.IOType;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalInputConfig;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.PullResistance;

import io.framereel.device.gpio.Bias;
import io.framereel.device.gpio.Edge;
import io.framereel.device.gpio.InputSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ServiceLoader;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

// Scope: the cdev Pi4J plugin's registration, provider selection, config mapping and chip lookup errors (no GPIO
// hardware on the build host; events are covered by the hil tests).
class CdevGpioPluginTest {

    @TempDir
    Path dev;

    private Context context(String chipLabel) {
        return Pi4J.newContextBuilder()
                .add(CdevDigitalInputProvider.newInstance(), CdevDigitalOutputProvider.newInstance())
                .property(CdevGpioPlugin.CHIP_PROPERTY, chipLabel)
                .property(CdevGpioPlugin.DEV_PROPERTY, dev.toString())
                .build();
    }

    @Test
    void thePluginIsRegisteredForPi4jAutoDetection() {
        boolean found = StreamSupport.stream(ServiceLoader.load(Plugin.class).spliterator(), false)
                .anyMatch(p -> p instanceof CdevGpioPlugin);
        assertTrue(found, "META-INF/services/com.pi4j.extension.Plugin does not list CdevGpioPlugin");
    }

    @Test
    void explicitlyAddedProvidersServeDigitalInputsAndOutputs() {
        Context pi4j = context("hil-sim");
        try {
            assertInstanceOf(CdevDigitalInputProvider.class, pi4j.provider(IOType.DIGITAL_INPUT));
            assertInstanceOf(CdevDigitalOutputProvider.class, pi4j.provider(IOType.DIGITAL_OUTPUT));
        } finally {
            pi4j.shutdown();
        }
    }

    @Test
    void creatingAnInputWithoutTheChipNamesTheLabelAndWhatWasFound() throws Exception {
        Files.createFile(dev.resolve("gpiochip0")); // not a GPIO device: probing it fails with ENOTTY
        Context pi4j = context("hil-sim");
        try {
            RuntimeException e = assertThrows(RuntimeException.class, () -> pi4j.create(
                    DigitalInput.newConfigBuilder(pi4j).id("btn").address(0).build()));
            assertTrue(e.getMessage().startsWith("input 'btn': no GPIO chip labelled 'hil-sim' in " + dev
                    + " (found gpiochip0: " + dev.resolve("gpiochip0") + " - GPIO_GET_CHIPINFO_IOCTL failed: ENOTTY"),
                    e.getMessage());
            RuntimeException o = assertThrows(RuntimeException.class, () -> pi4j.create(
                    DigitalOutput.newConfigBuilder(pi4j).id("led").address(3).build()));
            assertTrue(o.getMessage().startsWith("output 'led': no GPIO chip labelled 'hil-sim'"), o.getMessage());
        } finally {
            pi4j.shutdown();
        }
    }

    @Test
    void aPerIoChipPropertyOverridesTheContextLabel() {
        Context pi4j = context("hil-sim");
        try {
            RuntimeException e = assertThrows(RuntimeException.class, () -> pi4j.create(
                    DigitalInput.newConfigBuilder(pi4j).id("btn").address(0)
                            .load(java.util.Map.of(CdevGpioPlugin.IO_CHIP_PROPERTY, "pinctrl-rp1")).build()));
            assertTrue(e.getMessage().contains("no GPIO chip labelled 'pinctrl-rp1'"), e.getMessage());
        } finally {
            pi4j.shutdown();
        }
    }

    @Test
    void withoutAChipLabelTheRaspberryPiHeaderChipsAreTried() {
        Context pi4j = Pi4J.newContextBuilder()
                .add(CdevDigitalInputProvider.newInstance())
                .property(CdevGpioPlugin.DEV_PROPERTY, dev.toString())
                .build();
        try {
            RuntimeException e = assertThrows(RuntimeException.class, () -> pi4j.create(
                    DigitalInput.newConfigBuilder(pi4j).id("btn").address(17).build()));
            assertTrue(e.getMessage().contains(
                    "no GPIO chip labelled any of [pinctrl-rp1, pinctrl-bcm2711, pinctrl-bcm2835]"), e.getMessage());
        } finally {
            pi4j.shutdown();
        }
    }

    @Test
    void pi4jPullAndDebounceBecomeKernelBiasAndDebounce() {
        Context pi4j = context("hil-sim");
        try {
            DigitalInputConfig up = DigitalInput.newConfigBuilder(pi4j).id("a").address(1)
                    .pull(PullResistance.PULL_UP).debounce(3000L).build();
            InputSettings s = CdevDigitalInput.settingsFor(up);
            assertEquals(Bias.PULL_UP, s.bias());
            assertEquals(Edge.BOTH, s.edge());
            assertEquals(Duration.ofMillis(3), s.debounce());
            assertEquals("a", s.consumer());

            DigitalInputConfig defaults = DigitalInput.newConfigBuilder(pi4j).id("b").address(2).build();
            InputSettings d = CdevDigitalInput.settingsFor(defaults);
            assertEquals(Bias.DISABLED, d.bias(), "Pi4J's default pull OFF");
            assertEquals(Duration.ofNanos(DigitalInput.DEFAULT_DEBOUNCE * 1000), d.debounce(), "Pi4J's 10 ms default");

            DigitalInputConfig none = DigitalInput.newConfigBuilder(pi4j).id("c").address(3)
                    .pull(PullResistance.PULL_DOWN).debounce(0L).build();
            assertEquals(Bias.PULL_DOWN, CdevDigitalInput.settingsFor(none).bias());
            assertEquals(0, CdevDigitalInput.settingsFor(none).debouncePeriodUs(), "0 disables kernel debounce");
        } finally {
            pi4j.shutdown();
        }
    }

    @Test
    void ourPriorityBeatsPi4jsGpiodPluginButNotItsMocks() {
        int ours = CdevDigitalInputProvider.newInstance().getPriority();
        assertEquals(ours, CdevDigitalOutputProvider.newInstance().getPriority());
        assertTrue(ours > 150 && ours < com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider
                .newInstance().getPriority(), "priority " + ours);
    }
}
