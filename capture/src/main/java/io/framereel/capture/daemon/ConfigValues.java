package io.framereel.capture.daemon;

import java.time.Duration;
import java.util.Locale;

/** Parsers for the value types of the configuration file; each throws IllegalArgumentException saying what it expects. */
final class ConfigValues {
    private ConfigValues() {
    }

    /** {@code 500ms}, {@code 10s}, {@code 5min}, {@code 2h}; a bare {@code 0} is zero. */
    static Duration duration(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        if (t.equals("0")) {
            return Duration.ZERO;
        }
        int i = 0;
        while (i < t.length() && (Character.isDigit(t.charAt(i)) || t.charAt(i) == '.')) {
            i++;
        }
        String unit = t.substring(i).strip();
        double n = number(text, t.substring(0, i), "a duration with a unit, e.g. 500ms, 10s, 5min, 1h");
        double nanos = switch (unit) {
            case "ms" -> n * 1e6;
            case "s" -> n * 1e9;
            case "min" -> n * 60e9;
            case "h" -> n * 3600e9;
            default -> throw new IllegalArgumentException("'" + text + "' is not a duration: expected a unit of ms, "
                    + "s, min or h, e.g. 500ms, 10s, 5min, 1h");
        };
        if (nanos > Long.MAX_VALUE / 2) {
            throw new IllegalArgumentException("'" + text + "' is too long a duration");
        }
        return Duration.ofNanos(Math.round(nanos));
    }

    /** {@code 512K}, {@code 64M}, {@code 2G} (powers of 1024), or a plain byte count. */
    static long bytes(String text) {
        String t = text.toUpperCase(Locale.ROOT).strip();
        long unit = 1;
        if (!t.isEmpty()) {
            switch (t.charAt(t.length() - 1)) {
                case 'K' -> unit = 1L << 10;
                case 'M' -> unit = 1L << 20;
                case 'G' -> unit = 1L << 30;
                case 'T' -> unit = 1L << 40;
                default -> unit = 1;
            }
        }
        String digits = unit == 1 ? t : t.substring(0, t.length() - 1).strip();
        double n = number(text, digits, "a size, e.g. 512K, 64M, 2G");
        if (n * unit > Long.MAX_VALUE / 2) {
            throw new IllegalArgumentException("'" + text + "' is too large a size");
        }
        return Math.round(n * unit);
    }

    static boolean bool(String text) {
        switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1":
                return true;
            case "false", "no", "off", "0":
                return false;
            default:
                throw new IllegalArgumentException("'" + text + "' is not a boolean: expected true or false");
        }
    }

    static long count(String text) {
        try {
            long v = Long.parseLong(text);
            if (v < 0) {
                throw new IllegalArgumentException("'" + text + "' must not be negative");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a whole number");
        }
    }

    static double positive(String text) {
        double v = number(text, text, "a number");
        if (!(v > 0)) {
            throw new IllegalArgumentException("'" + text + "' must be more than 0");
        }
        return v;
    }

    private static double number(String text, String digits, String expected) {
        try {
            double v = Double.parseDouble(digits);
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("'" + text + "' is not " + expected);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not " + expected);
        }
    }
}
