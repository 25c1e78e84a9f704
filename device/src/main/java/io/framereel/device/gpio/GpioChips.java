package io.framereel.device.gpio;

import io.framereel.device.gpio.cdev.ChipInfo;
import io.framereel.device.gpio.cdev.GpioChipDevice;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Finds GPIO chips by label: lists the {@code gpiochipN} nodes of a device directory and asks each for its
 * label with GPIO_GET_CHIPINFO_IOCTL. Chip numbers follow probe order and change between kernels (the Pi 5 header
 * moved from gpiochip4 to gpiochip0 and again later), so a chip is never selected by number.
 *
 * <p>The directory and the probe are injectable so tests can list fake chips. Immutable and thread-safe.
 */
public final class GpioChips {

    /** Labels of the chip that carries the Raspberry Pi header GPIOs: Pi 5, Pi 4, and Pi 3 / Zero / older. */
    public static final List<String> RASPBERRY_PI_HEADER_LABELS =
            List.of("pinctrl-rp1", "pinctrl-bcm2711", "pinctrl-bcm2835");

    /** Reads the chip info of one device node. */
    @FunctionalInterface
    public interface Probe {
        ChipInfo probe(Path node) throws IOException;
    }

    /** The real probe: open, GPIO_GET_CHIPINFO_IOCTL, close. */
    public static final Probe CDEV = node -> {
        try (GpioChipDevice chip = GpioChipDevice.open(node)) {
            return chip.chipInfo();
        }
    };

    /**
     * One device node and what probing it gave.
     *
     * @param node  the device node, e.g. /dev/gpiochip0
     * @param info  chip info, null if the probe failed
     * @param error the probe failure's message, null if it succeeded
     */
    public record Listing(Path node, ChipInfo info, String error) {
        /** Whether the probe succeeded. */
        public boolean ok() {
            return info != null;
        }

        @Override
        public String toString() {
            return ok() ? node.getFileName() + " [" + info.label() + "] " + info.lines() + " lines"
                    : node.getFileName() + ": " + error;
        }
    }

    private static final Pattern CHIP_NODE = Pattern.compile("gpiochip(\\d+)");

    private final Path devRoot;
    private final Probe probe;

    public GpioChips(Path devRoot, Probe probe) {
        this.devRoot = Objects.requireNonNull(devRoot, "devRoot");
        this.probe = Objects.requireNonNull(probe, "probe");
    }

    /** Chips under {@code /dev}, probed through the GPIO character device. */
    public static GpioChips system() {
        return new GpioChips(Path.of("/dev"), CDEV);
    }

    /** The directory searched for {@code gpiochipN} nodes. */
    public Path devRoot() {
        return devRoot;
    }

    /**
     * Probes every {@code gpiochipN} node in chip-number order. A node that cannot be probed (permissions, not a
     * GPIO device) is listed with its error rather than failing the scan.
     */
    public List<Listing> list() throws IOException {
        List<Path> nodes = new ArrayList<>();
        if (Files.isDirectory(devRoot)) {
            try (DirectoryStream<Path> dir = Files.newDirectoryStream(devRoot, "gpiochip*")) {
                for (Path node : dir) {
                    if (CHIP_NODE.matcher(node.getFileName().toString()).matches()) {
                        nodes.add(node);
                    }
                }
            }
        }
        nodes.sort(Comparator.comparingLong(GpioChips::chipNumber));
        List<Listing> listings = new ArrayList<>(nodes.size());
        for (Path node : nodes) {
            try {
                listings.add(new Listing(node, probe.probe(node), null));
            } catch (IOException e) {
                listings.add(new Listing(node, null, e.getMessage()));
            }
        }
        return listings;
    }

    /**
     * Finds the one chip labelled {@code label}.
     *
     * @throws GpioLookupException if none or several chips carry the label; the message lists every chip seen
     */
    public Listing find(String label) throws IOException {
        return findAny(List.of(label));
    }

    /** Finds the chip carrying the first of {@code labels} that is present, e.g. {@link #RASPBERRY_PI_HEADER_LABELS}. */
    public Listing findAny(List<String> labels) throws IOException {
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("no chip label given");
        }
        List<Listing> all = list();
        for (String label : labels) {
            List<Listing> matches = all.stream().filter(l -> l.ok() && l.info().label().equals(label))
                    .collect(Collectors.toList());
            if (matches.size() == 1) {
                return matches.get(0);
            }
            if (matches.size() > 1) {
                throw new GpioLookupException("GPIO chip label '" + label + "' is ambiguous in " + devRoot + ": "
                        + describe(matches));
            }
        }
        String wanted = labels.size() == 1 ? "labelled '" + labels.get(0) + "'" : "labelled any of " + labels;
        throw new GpioLookupException("no GPIO chip " + wanted + " in " + devRoot + " (found "
                + (all.isEmpty() ? "no gpiochip nodes" : describe(all)) + ")");
    }

    /** Opens the chip labelled {@code label}, checking the label again after opening in case chips were renumbered. */
    public GpioChip open(String label) throws IOException {
        return open(List.of(label));
    }

    /** Opens the chip carrying the first present label of {@code labels}. */
    public GpioChip open(List<String> labels) throws IOException {
        Listing found = findAny(labels);
        GpioChip chip = GpioChip.open(found.node());
        if (!chip.label().equals(found.info().label())) {
            String seen = chip.label();
            chip.close();
            throw new GpioLookupException(found.node() + " changed from label '" + found.info().label() + "' to '"
                    + seen + "' while opening; GPIO chips were re-probed, try again");
        }
        return chip;
    }

    private static String describe(List<Listing> listings) {
        return listings.stream().map(Listing::toString).collect(Collectors.joining(", "));
    }

    private static long chipNumber(Path node) {
        Matcher m = CHIP_NODE.matcher(node.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) : Long.MAX_VALUE;
    }
}
