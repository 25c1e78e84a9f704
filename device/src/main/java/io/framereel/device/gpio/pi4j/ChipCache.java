package io.framereel.device.gpio.pi4j;

import com.pi4j.context.Context;

import io.framereel.device.gpio.GpioChip;
import io.framereel.device.gpio.GpioChips;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The GPIO chips one provider has opened, keyed by device directory and label, each opened once on first use
 * and closed when the provider shuts down. Thread-safe.
 */
final class ChipCache {

    private final Map<String, GpioChip> chips = new LinkedHashMap<>(); // guarded by this

    /** The chip for an I/O with {@code ioProperties}, opened on first use. */
    synchronized GpioChip chip(Context context, Map<String, String> ioProperties) throws IOException {
        Path devRoot = Path.of(setting(context, ioProperties, CdevGpioPlugin.DEV_PROPERTY, null, "/dev"));
        String label = setting(context, ioProperties, CdevGpioPlugin.CHIP_PROPERTY,
                CdevGpioPlugin.IO_CHIP_PROPERTY, null);
        List<String> labels = label == null ? GpioChips.RASPBERRY_PI_HEADER_LABELS : List.of(label);
        String key = devRoot + "|" + labels;
        GpioChip chip = chips.get(key);
        if (chip == null) {
            chip = new GpioChips(devRoot, GpioChips.CDEV).open(labels);
            chips.put(key, chip);
        }
        return chip;
    }

    /** Closes every cached chip; lines requested from them stay valid. Returns the first failure, if any. */
    synchronized IOException closeAll() {
        IOException first = null;
        for (GpioChip chip : new ArrayList<>(chips.values())) {
            try {
                chip.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        chips.clear();
        return first;
    }

    /** Per-I/O property, then context property, then JVM system property, then the default. */
    private static String setting(Context context, Map<String, String> ioProperties, String contextKey,
            String ioKey, String fallback) {
        if (ioKey != null) {
            String io = ioProperties.get(ioKey);
            if (io != null && !io.isBlank()) {
                return io.trim();
            }
        }
        String shared = context == null ? null : context.properties().get(contextKey);
        if (shared != null && !shared.isBlank()) {
            return shared.trim();
        }
        String system = System.getProperty(contextKey);
        if (system != null && !system.isBlank()) {
            return system.trim();
        }
        return fallback;
    }
}
