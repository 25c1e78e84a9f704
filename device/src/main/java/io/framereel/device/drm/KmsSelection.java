package io.framereel.device.drm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which connector, mode and CRTC a screen uses, chosen from what the card reports: the named connector or the
 * first connected one; the asked-for size or the display's preferred mode; the CRTC already driving the connector,
 * else the first one an encoder of the connector can be fed by. Pure logic over the card's answers, so every rule
 * is tested without a card. Immutable.
 */
public record KmsSelection(Connector connector, Mode mode, int crtcId) {

    /**
     * Chooses for {@code device}.
     *
     * @param connectorName a connector name such as "HDMI-A-1" (case-insensitive), or null for the first connected
     * @param width         the mode's width, or 0 for the preferred mode (then {@code height} is ignored)
     * @throws DrmException naming what is missing and what there is instead
     */
    static KmsSelection choose(String device, List<Connector> connectors, Map<Integer, Encoder> encoders,
            List<Integer> crtcIds, String connectorName, int width, int height) throws DrmException {
        Connector connector = connector(device, connectors, connectorName);
        return new KmsSelection(connector, mode(device, connector, width, height),
                crtc(device, connector, encoders, crtcIds));
    }

    static Connector connector(String device, List<Connector> connectors, String name) throws DrmException {
        for (Connector c : connectors) {
            if (name == null ? c.connected() : c.name().equalsIgnoreCase(name)) {
                if (!c.connected()) {
                    throw new DrmException(device, "connector " + c.name(), 0, "is " + c.connection().name()
                            .toLowerCase(java.util.Locale.ROOT) + ": nothing to show on; connectors: " + connectors);
                }
                if (c.modes().isEmpty()) {
                    throw new DrmException(device, "connector " + c.name(), 0, "is connected but offers no mode");
                }
                return c;
            }
        }
        throw new DrmException(device, name == null ? "connectors" : "connector " + name, 0,
                (name == null ? "none is connected" : "no such connector") + "; connectors: "
                        + (connectors.isEmpty() ? "none" : connectors));
    }

    static Mode mode(String device, Connector connector, int width, int height) throws DrmException {
        List<Mode> modes = connector.modes();
        if (width <= 0) {
            for (Mode m : modes) {
                if (m.preferred()) {
                    return m;
                }
            }
            return modes.get(0); // the kernel lists the best first when nothing is marked preferred
        }
        Mode found = null;
        for (Mode m : modes) {
            if (m.width() == width && m.height() == height && (found == null || better(m, found))) {
                found = m;
            }
        }
        if (found == null) {
            List<String> sizes = new ArrayList<>();
            for (Mode m : modes) {
                if (!sizes.contains(m.width() + "x" + m.height())) {
                    sizes.add(m.width() + "x" + m.height());
                }
            }
            throw new DrmException(device, "connector " + connector.name(), 0, "has no " + width + "x" + height
                    + " mode; modes: " + String.join(", ", sizes));
        }
        return found;
    }

    /** Of two modes of one size: the preferred one, else the higher refresh rate. */
    private static boolean better(Mode a, Mode b) {
        return a.preferred() != b.preferred() ? a.preferred() : a.refreshHz() > b.refreshHz();
    }

    static int crtc(String device, Connector connector, Map<Integer, Encoder> encoders, List<Integer> crtcIds)
            throws DrmException {
        Encoder current = encoders.get(connector.currentEncoderId());
        if (current != null && current.crtcId() != 0) {
            return current.crtcId(); // keep what drives it now: no change of routing, the least a mode set can do
        }
        for (int encoderId : connector.encoderIds()) {
            Encoder e = encoders.get(encoderId);
            if (e == null) {
                continue;
            }
            for (int i = 0; i < crtcIds.size() && i < 32; i++) {
                if ((e.possibleCrtcs() & 1 << i) != 0) {
                    return crtcIds.get(i);
                }
            }
        }
        throw new DrmException(device, "connector " + connector.name(), 0, "no CRTC can drive it (encoders "
                + connector.encoderIds() + ", CRTCs " + crtcIds + ")");
    }

    @Override
    public String toString() {
        return connector.name() + " " + mode + " on CRTC " + crtcId;
    }
}
