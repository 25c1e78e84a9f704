package io.framereel.device.hil;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The rig's gpio-sim chip from the outside: {@code sim_gpioN/pull} is a finger on a button (pull-up presses an
 * active-high button), {@code sim_gpioN/value} is what the code under test drives on an output. The chip is
 * labelled {@code hil-sim} and has {@value #LINES} lines: {@link #START}, {@link #STOP}, {@link #MODE},
 * {@link #STATUS_LED} carry the names the daemon's configuration uses; the rest are unnamed.
 */
public final class SimulatedGpio {
    public static final int LINES = 8;
    public static final int START = 0;
    public static final int STOP = 1;
    public static final int MODE = 2;
    public static final int STATUS_LED = 3;
    /** An unnamed line nobody configures: free for bias and busy-line tests. */
    public static final int SPARE = 4;

    private final Path chip;
    private final String label;
    private final Path simDir;

    SimulatedGpio(Path chip, String label, Path simDir) {
        this.chip = chip;
        this.label = label;
        this.simDir = simDir;
    }

    /** The character device the code under test opens, e.g. /dev/gpiochip0 (found by label, never assumed). */
    public Path chip() {
        return chip;
    }

    /** The chip's label, how production code selects it. */
    public String label() {
        return label;
    }

    /** The name the rig gives line {@code offset}, or "" for an unnamed line. */
    public static String name(int offset) {
        return switch (offset) {
            case START -> "start";
            case STOP -> "stop";
            case MODE -> "mode";
            case STATUS_LED -> "status-led";
            default -> "";
        };
    }

    /** Presses an active-high button: the line reads 1. */
    public void press(int offset) {
        pull(offset, true);
    }

    /** Releases an active-high button: the line reads 0. */
    public void release(int offset) {
        pull(offset, false);
    }

    /** Pulls line {@code offset} up or down from the outside world. */
    public void pull(int offset, boolean up) {
        write(offset, "pull", up ? "pull-up" : "pull-down");
    }

    /** Releases every button (all lines pulled down), the rig's resting state. */
    public void releaseAll() {
        for (int offset = 0; offset < LINES; offset++) {
            release(offset);
        }
    }

    /** The level on line {@code offset} as the outside world sees it: what an output drives, or the input's pull. */
    public boolean driven(int offset) {
        return read(offset, "value").equals("1");
    }

    /**
     * Fails, naming the lines and their holders, unless no line is requested by anyone, so that a test which
     * leaks a line request is found where it happens, not in the next test's EBUSY. Uses the kernel's view
     * through libgpiod's {@code gpioinfo}, independent of the code under test.
     */
    public void assertIdle() {
        GuestCommand.Result info = GuestCommand.run("gpioinfo", chip.getFileName().toString()).orFail();
        List<String> held = new ArrayList<>();
        for (String line : info.stdout().split("\n")) {
            String trimmed = line.trim();
            if (trimmed.startsWith("line ") && !trimmed.contains("unused")) {
                held.add(trimmed);
            }
        }
        if (!held.isEmpty()) {
            throw new AssertionError("gpio-sim lines still requested after the test: " + held);
        }
    }

    private void write(int offset, String attribute, String value) {
        Path file = simDir.resolve("sim_gpio" + offset).resolve(attribute);
        try {
            Files.writeString(file, value, StandardCharsets.US_ASCII, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write '" + value + "' to " + file, e);
        }
    }

    private String read(int offset, String attribute) {
        Path file = simDir.resolve("sim_gpio" + offset).resolve(attribute);
        try {
            return Files.readString(file, StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    @Override
    public String toString() {
        return chip + " [" + label + "] sim " + simDir;
    }
}
