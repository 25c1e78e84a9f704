package io.framereel.device.gpio;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The gpio-sim chip of the hil rig, seen from both sides: the GPIO character device the code under test opens, and
 * the simulator's sysfs attributes that play the outside world ({@code sim_gpioN/pull} presses and releases a
 * button, {@code sim_gpioN/value} shows what an output drives).
 *
 * <p>Rig contract (see the shared hil-rig notes): a gpio-sim bank labelled {@value #DEFAULT_LABEL} (override with
 * {@code -Dframereel.hil.gpio.label=...}) with 4 lines, 0 "shutter-button", 1 "mode-button", 2 unnamed,
 * 3 "status-led"; the test user may open the chip and write the sim attributes. Without any gpio-sim device the
 * hil tests are skipped, unless {@code -Dframereel.hil.require=true} makes that a failure. Test helper.
 */
final class GpioSim {

    static final String DEFAULT_LABEL = "hil-sim";
    static final String LABEL = System.getProperty("framereel.hil.gpio.label", DEFAULT_LABEL);
    static final Path SYSFS = Path.of(System.getProperty("framereel.hil.sysfs", "/sys"));
    static final Path DEV = Path.of(System.getProperty("framereel.hil.dev", "/dev"));

    static final int SHUTTER_BUTTON = 0;
    static final int MODE_BUTTON = 1;
    static final int UNNAMED = 2;
    static final int STATUS_LED = 3;

    final GpioChips.Listing chip;
    final Path simDir;

    private GpioSim(GpioChips.Listing chip, Path simDir) {
        this.chip = chip;
        this.simDir = simDir;
    }

    /** Finds the rig's gpio-sim chip by label and its simulator directory by walking sysfs. */
    static GpioSim locate() throws IOException {
        List<Path> simDevices = platformDevices();
        if (!Boolean.getBoolean("framereel.hil.require")) {
            assumeTrue(!simDevices.isEmpty(), "no gpio-sim device under " + SYSFS.resolve("devices/platform")
                    + "; these tests run in the hil rig (set -Dframereel.hil.require=true to fail instead)");
        }
        GpioChips.Listing chip = new GpioChips(DEV, GpioChips.CDEV).find(LABEL);
        String chipName = chip.info().name();
        for (Path device : simDevices) {
            Path candidate = device.resolve(chipName);
            if (Files.isDirectory(candidate.resolve("sim_gpio0"))) {
                return new GpioSim(chip, candidate);
            }
        }
        throw new IOException("gpio-sim chip " + chipName + " [" + LABEL + "] has no sim_gpio attributes under "
                + simDevices);
    }

    private static List<Path> platformDevices() throws IOException {
        Path platform = SYSFS.resolve("devices/platform");
        List<Path> found = new ArrayList<>();
        if (!Files.isDirectory(platform)) {
            return found;
        }
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(platform, "gpio-sim.*")) {
            dir.forEach(found::add);
        }
        found.sort(null);
        return found;
    }

    /** Opens the chip under test. */
    GpioChip open() throws IOException {
        return GpioChip.open(chip.node());
    }

    /** Plays the outside world pulling line {@code offset} up (a pressed active-high button) or down. */
    void pull(int offset, boolean up) throws IOException {
        Files.writeString(simDir.resolve("sim_gpio" + offset).resolve("pull"), up ? "pull-up" : "pull-down",
                StandardCharsets.US_ASCII, StandardOpenOption.WRITE);
    }

    /** The level line {@code offset} is at on the simulator side: what an output drives, or the input's pull. */
    boolean value(int offset) throws IOException {
        String text = Files.readString(simDir.resolve("sim_gpio" + offset).resolve("value"), StandardCharsets.US_ASCII)
                .trim();
        return text.equals("1");
    }

    @Override
    public String toString() {
        return chip + " sim " + simDir;
    }
}
