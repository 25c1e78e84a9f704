package io.framereel.device.gpio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framereel.device.gpio.cdev.ChipInfo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

// Scope: finding GPIO chips by label in an injectable device directory, with fake and real (cdev) probes.
class GpioChipsTest {

    @TempDir
    Path dev;

    private GpioChips fakeChips(Map<String, ChipInfo> byNode) throws IOException {
        for (String node : byNode.keySet()) {
            Files.createFile(dev.resolve(node));
        }
        return new GpioChips(dev, node -> {
            ChipInfo info = byNode.get(node.getFileName().toString());
            if (info == null) {
                throw new IOException(node + " - open failed: EACCES (Permission denied)");
            }
            return info;
        });
    }

    @Test
    void listsChipNodesInNumericOrderAndSkipsOtherNames() throws IOException {
        GpioChips chips = fakeChips(Map.of(
                "gpiochip10", new ChipInfo("gpiochip10", "hil-sim", 4),
                "gpiochip2", new ChipInfo("gpiochip2", "raspberrypi-exp-gpio", 8),
                "gpiochip0", new ChipInfo("gpiochip0", "pinctrl-bcm2711", 58)));
        Files.createFile(dev.resolve("gpiochip"));
        Files.createFile(dev.resolve("gpiochip1a"));
        Files.createFile(dev.resolve("video0"));
        List<String> nodes = chips.list().stream().map(l -> l.node().getFileName().toString())
                .collect(Collectors.toList());
        assertEquals(List.of("gpiochip0", "gpiochip2", "gpiochip10"), nodes);
    }

    @Test
    void findsTheChipByLabelWhateverItsNumber() throws IOException {
        GpioChips chips = fakeChips(Map.of(
                "gpiochip0", new ChipInfo("gpiochip0", "pinctrl-bcm2711", 58),
                "gpiochip4", new ChipInfo("gpiochip4", "hil-sim", 4)));
        GpioChips.Listing found = chips.find("hil-sim");
        assertEquals(dev.resolve("gpiochip4"), found.node());
        assertEquals(4, found.info().lines());
    }

    @Test
    void findAnyPrefersEarlierLabelsOverEarlierChips() throws IOException {
        GpioChips chips = fakeChips(Map.of(
                "gpiochip0", new ChipInfo("gpiochip0", "pinctrl-bcm2835", 54),
                "gpiochip13", new ChipInfo("gpiochip13", "pinctrl-rp1", 54)));
        assertEquals(dev.resolve("gpiochip13"), chips.findAny(GpioChips.RASPBERRY_PI_HEADER_LABELS).node());
    }

    @Test
    void aMissingLabelIsReportedWithEveryChipSeenIncludingUnreadableOnes() throws IOException {
        GpioChips chips = fakeChips(Map.of("gpiochip0", new ChipInfo("gpiochip0", "pinctrl-bcm2711", 58)));
        Files.createFile(dev.resolve("gpiochip1")); // the fake probe denies access to it
        GpioLookupException e = assertThrows(GpioLookupException.class, () -> chips.find("pinctrl-rp1"));
        assertEquals("no GPIO chip labelled 'pinctrl-rp1' in " + dev + " (found gpiochip0 [pinctrl-bcm2711] 58 lines, "
                + "gpiochip1: " + dev.resolve("gpiochip1") + " - open failed: EACCES (Permission denied))",
                e.getMessage());
    }

    @Test
    void anEmptyOrMissingDeviceDirectorySaysSo() throws IOException {
        GpioChips empty = new GpioChips(dev, node -> {
            throw new AssertionError("nothing to probe");
        });
        assertEquals("no GPIO chip labelled any of [pinctrl-rp1, pinctrl-bcm2711, pinctrl-bcm2835] in " + dev
                + " (found no gpiochip nodes)",
                assertThrows(GpioLookupException.class,
                        () -> empty.findAny(GpioChips.RASPBERRY_PI_HEADER_LABELS)).getMessage());
        GpioChips missing = new GpioChips(dev.resolve("absent"), GpioChips.CDEV);
        assertEquals(List.of(), missing.list());
    }

    @Test
    void twoChipsWithTheSameLabelAreAnErrorNotAGuess() throws IOException {
        GpioChips chips = fakeChips(Map.of(
                "gpiochip0", new ChipInfo("gpiochip0", "gpio-sim.0-node0", 8),
                "gpiochip1", new ChipInfo("gpiochip1", "gpio-sim.0-node0", 8)));
        GpioLookupException e = assertThrows(GpioLookupException.class, () -> chips.find("gpio-sim.0-node0"));
        assertTrue(e.getMessage().startsWith("GPIO chip label 'gpio-sim.0-node0' is ambiguous in " + dev),
                e.getMessage());
    }

    @Test
    void theRealProbeListsAFileThatIsNotAGpioChipWithItsErrno() throws IOException {
        Files.createFile(dev.resolve("gpiochip0"));
        List<GpioChips.Listing> listings = new GpioChips(dev, GpioChips.CDEV).list();
        assertEquals(1, listings.size());
        assertFalse(listings.get(0).ok());
        assertTrue(listings.get(0).error().contains("GPIO_GET_CHIPINFO_IOCTL failed: ENOTTY"),
                listings.get(0).error());
    }
}
