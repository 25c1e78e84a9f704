package io.framereel.device.gpio;

import io.framereel.device.hil.Rig;
import io.framereel.device.hil.SimulatedGpio;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The rig's gpio-sim chip seen from both sides, for the GPIO tests: the chip the code under test finds by label
 * (through the project's own lookup) and the simulator that plays the outside world ({@link SimulatedGpio}).
 * Test helper.
 */
final class GpioSim {
    static final int START = SimulatedGpio.START;
    static final int STOP = SimulatedGpio.STOP;
    static final int MODE = SimulatedGpio.MODE;
    static final int STATUS_LED = SimulatedGpio.STATUS_LED;
    static final int SPARE = SimulatedGpio.SPARE;
    static final Path DEV = Path.of("/dev");

    /** The label hil/guest/setup-devices.sh gives the chip. */
    static final String LABEL = "hil-sim";

    final GpioChips.Listing chip;
    final SimulatedGpio world;

    private GpioSim(GpioChips.Listing chip, SimulatedGpio world) {
        this.chip = chip;
        this.world = world;
    }

    /** Finds the rig's chip by label with the project's lookup and checks it is the node the rig set up. */
    static GpioSim locate() throws IOException {
        SimulatedGpio world = Rig.require().gpio();
        if (!world.label().equals(LABEL)) {
            throw new AssertionError("the rig's chip is labelled " + world.label() + ", the tests expect " + LABEL);
        }
        GpioChips.Listing chip = new GpioChips(DEV, GpioChips.CDEV).find(world.label());
        if (!chip.node().equals(world.chip())) {
            throw new AssertionError("label " + world.label() + " found " + chip.node() + ", the rig set up "
                    + world.chip());
        }
        return new GpioSim(chip, world);
    }

    /** Opens the chip under test. */
    GpioChip open() throws IOException {
        return GpioChip.open(chip.node());
    }

    /** Plays the outside world pulling line {@code offset} up (a pressed active-high button) or down. */
    void pull(int offset, boolean up) {
        world.pull(offset, up);
    }

    /** The level line {@code offset} is at on the simulator side: what an output drives, or the input's pull. */
    boolean value(int offset) {
        return world.driven(offset);
    }

    @Override
    public String toString() {
        return chip + " sim " + world;
    }
}
