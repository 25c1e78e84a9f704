package io.framereel.device.drm;

import java.util.Locale;

/**
 * Where a DRM screen goes, as a user writes it: {@code drm[:CARD][,connector=NAME][,mode=WxH][,format=F]}.
 * CARD is a driver name (vc4, bochs-drm), a node name (card1) or a path, and by default the first card with a
 * connected display; NAME a connector such as HDMI-A-1, by default the first connected one; WxH a mode the
 * display offers, by default its preferred one; F XRGB8888 (the default, what every KMS driver scans out) or
 * RGB565 (half the memory traffic, where the driver takes it). Immutable.
 *
 * @param card      the card selector, or null for the first card with a connected display
 * @param connector the connector name, or null for the first connected one
 * @param width     the mode's width, or 0 for the preferred mode
 * @param height    the mode's height, or 0 for the preferred mode
 * @param rgb565    whether to scan out 16-bit RGB565 rather than 32-bit XRGB8888
 */
public record DrmTarget(String card, String connector, int width, int height, boolean rgb565) {

    /** What {@link #parse} accepts, for messages and help texts. */
    public static final String SYNTAX = "drm[:CARD][,connector=NAME][,mode=WxH][,format=XRGB8888|RGB565]";

    /** The first connected display of the first card that has one, in its preferred mode, 32 bits a pixel. */
    public static final DrmTarget DEFAULT = new DrmTarget(null, null, 0, 0, false);

    /** Whether {@code target} is meant for this parser ({@code drm}, {@code drm:...} or {@code drm,...}). */
    public static boolean matches(String target) {
        return target.equals("drm") || target.startsWith("drm:") || target.startsWith("drm,");
    }

    /**
     * Parses a target string.
     *
     * @throws IllegalArgumentException naming the part that is wrong and the syntax
     */
    public static DrmTarget parse(String target) {
        if (!matches(target)) {
            throw new IllegalArgumentException("'" + target + "' is not a DRM target: " + SYNTAX);
        }
        String[] parts = target.substring(3).split(",", -1);
        String card = null;
        if (parts[0].startsWith(":")) {
            card = parts[0].substring(1);
            if (card.isEmpty()) {
                throw new IllegalArgumentException("'" + target + "': empty card after 'drm:'; " + SYNTAX);
            }
        }
        String connector = null;
        int width = 0;
        int height = 0;
        boolean rgb565 = false;
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i];
            int eq = part.indexOf('=');
            String key = eq < 0 ? part : part.substring(0, eq);
            String value = eq < 0 ? "" : part.substring(eq + 1);
            if (value.isEmpty()) {
                throw new IllegalArgumentException("'" + target + "': '" + part + "' needs a value (" + key
                        + "=...); " + SYNTAX);
            }
            switch (key) {
                case "connector":
                    connector = value;
                    break;
                case "mode":
                    if (!value.matches("[1-9][0-9]{0,4}x[1-9][0-9]{0,4}")) {
                        throw new IllegalArgumentException("'" + target + "': mode '" + value
                                + "' is not WIDTHxHEIGHT (e.g. 1280x720)");
                    }
                    width = Integer.parseInt(value.substring(0, value.indexOf('x')));
                    height = Integer.parseInt(value.substring(value.indexOf('x') + 1));
                    break;
                case "format":
                    switch (value.toUpperCase(Locale.ROOT)) {
                        case "XRGB8888":
                            rgb565 = false;
                            break;
                        case "RGB565":
                            rgb565 = true;
                            break;
                        default:
                            throw new IllegalArgumentException("'" + target + "': format '" + value
                                    + "' is not XRGB8888 or RGB565");
                    }
                    break;
                default:
                    throw new IllegalArgumentException("'" + target + "': unknown option '" + key + "'; " + SYNTAX);
            }
        }
        return new DrmTarget(card, connector, width, height, rgb565);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("drm");
        if (card != null) {
            s.append(':').append(card);
        }
        if (connector != null) {
            s.append(",connector=").append(connector);
        }
        if (width > 0) {
            s.append(",mode=").append(width).append('x').append(height);
        }
        if (rgb565) {
            s.append(",format=RGB565");
        }
        return s.toString();
    }
}
