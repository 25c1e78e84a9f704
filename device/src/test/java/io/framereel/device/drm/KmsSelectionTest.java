package io.framereel.device.drm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framereel.device.drm.Connector.Connection;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

// Scope: choosing connector, mode and CRTC from a card's answers, on a Pi-5-like card (HDMI-A-1 unplugged,
// HDMI-A-2 connected, two CRTCs) and edge cases: names, preferred and asked-for modes, routing, and the messages.
class KmsSelectionTest {
    private static final String CARD = "/dev/dri/card1";

    /** A drm_mode_modeinfo record as the kernel fills it. */
    static Mode mode(int width, int height, int refreshHz, boolean preferred) {
        ByteBuffer b = ByteBuffer.allocate(DrmLayout.MODEINFO_SIZE).order(ByteOrder.nativeOrder());
        b.putShort(DrmLayout.MODEINFO_HDISPLAY, (short) width);
        b.putShort(DrmLayout.MODEINFO_VDISPLAY, (short) height);
        b.putInt(DrmLayout.MODEINFO_VREFRESH, refreshHz);
        b.putInt(DrmLayout.MODEINFO_TYPE, preferred ? DrmLayout.MODE_TYPE_PREFERRED | 0x40 : 0x40);
        byte[] name = (width + "x" + height).getBytes(StandardCharsets.US_ASCII);
        b.position(DrmLayout.MODEINFO_NAME);
        b.put(name);
        return Mode.of(b.array());
    }

    private static final Mode FHD60 = mode(1920, 1080, 60, true);
    private static final Mode FHD50 = mode(1920, 1080, 50, false);
    private static final Mode HD60 = mode(1280, 720, 60, false);
    private static final Mode HD50 = mode(1280, 720, 50, false);
    private static final Mode VGA = mode(640, 480, 60, false);

    private static final Connector HDMI1 = new Connector(40, "HDMI-A-1", Connection.DISCONNECTED, List.of(),
            List.of(31), 0);
    private static final Connector HDMI2 = new Connector(41, "HDMI-A-2", Connection.CONNECTED,
            List.of(FHD50, FHD60, HD50, HD60, VGA), List.of(32), 0);
    private static final List<Connector> CONNECTORS = List.of(HDMI1, HDMI2);
    private static final Map<Integer, Encoder> ENCODERS = Map.of(31, new Encoder(31, 0, 0b01),
            32, new Encoder(32, 0, 0b10));
    private static final List<Integer> CRTCS = List.of(90, 91);

    @Test
    void modesReadTheKernelsRecord() {
        assertEquals(1920, FHD60.width());
        assertEquals(1080, FHD60.height());
        assertEquals(60, FHD60.refreshHz());
        assertTrue(FHD60.preferred());
        assertEquals("1920x1080", FHD60.name());
        assertEquals(FHD60, Mode.of(FHD60.info()), "equal by content");
    }

    @Test
    void withoutANameTheFirstConnectedConnectorInItsPreferredModeOnAnEncodersCrtc() throws DrmException {
        KmsSelection s = KmsSelection.choose(CARD, CONNECTORS, ENCODERS, CRTCS, null, 0, 0);
        assertEquals(HDMI2, s.connector(), "HDMI-A-1 is unplugged");
        assertEquals(FHD60, s.mode(), "marked preferred although listed second");
        assertEquals(91, s.crtcId(), "encoder 32 can be fed by the second CRTC only");
    }

    @Test
    void aConnectorIsFoundByNameInAnyCase() throws DrmException {
        assertEquals(HDMI2, KmsSelection.connector(CARD, CONNECTORS, "hdmi-a-2"));
    }

    @Test
    void anAskedForSizeTakesItsBestRefreshRate() throws DrmException {
        assertEquals(HD60, KmsSelection.mode(CARD, HDMI2, 1280, 720));
        assertEquals(FHD60, KmsSelection.mode(CARD, HDMI2, 1920, 1080), "the preferred one of that size");
        assertEquals(VGA, KmsSelection.mode(CARD, HDMI2, 640, 480));
    }

    @Test
    void withNothingPreferredTheFirstModeIsTaken() throws DrmException {
        Connector plain = new Connector(1, "Virtual-1", Connection.CONNECTED, List.of(HD50, VGA), List.of(32), 0);
        assertEquals(HD50, KmsSelection.mode(CARD, plain, 0, 0));
    }

    @Test
    void theCrtcAlreadyDrivingTheConnectorIsKept() throws DrmException {
        Connector lit = new Connector(41, "HDMI-A-2", Connection.CONNECTED, List.of(FHD60), List.of(32), 32);
        Map<Integer, Encoder> encoders = Map.of(32, new Encoder(32, 90, 0b11));
        assertEquals(90, KmsSelection.crtc(CARD, lit, encoders, CRTCS), "not the first possible one if another is in use");
    }

    @Test
    void anUnpluggedConnectorIsRefusedByName() {
        DrmException e = assertThrows(DrmException.class, () -> KmsSelection.connector(CARD, CONNECTORS, "HDMI-A-1"));
        assertTrue(e.getMessage().startsWith(CARD + ": connector HDMI-A-1"), e.getMessage());
        assertTrue(e.getMessage().contains("disconnected"), e.getMessage());
    }

    @Test
    void anUnknownConnectorListsTheOnesThereAre() {
        DrmException e = assertThrows(DrmException.class, () -> KmsSelection.connector(CARD, CONNECTORS, "DSI-1"));
        assertTrue(e.getMessage().contains("no such connector"), e.getMessage());
        assertTrue(e.getMessage().contains("HDMI-A-1 (disconnected, 0 modes)"), e.getMessage());
        assertTrue(e.getMessage().contains("HDMI-A-2 (connected, 5 modes)"), e.getMessage());
    }

    @Test
    void noConnectedDisplayIsAnError() {
        DrmException e = assertThrows(DrmException.class,
                () -> KmsSelection.connector(CARD, List.of(HDMI1), null));
        assertTrue(e.getMessage().contains("none is connected"), e.getMessage());
        assertEquals(0, e.errno());
    }

    @Test
    void aSizeTheDisplayLacksListsTheSizesItHas() {
        DrmException e = assertThrows(DrmException.class, () -> KmsSelection.mode(CARD, HDMI2, 800, 600));
        assertTrue(e.getMessage().contains("has no 800x600 mode; modes: 1920x1080, 1280x720, 640x480"), e.getMessage());
    }

    @Test
    void aConnectorNoCrtcCanDriveIsAnError() {
        Map<Integer, Encoder> none = Map.of(32, new Encoder(32, 0, 0b100)); // a CRTC the card does not list
        DrmException e = assertThrows(DrmException.class, () -> KmsSelection.crtc(CARD, HDMI2, none, CRTCS));
        assertTrue(e.getMessage().contains("no CRTC can drive it"), e.getMessage());
    }

    @Test
    void errnoFailuresNameTheDeviceTheIoctlAndTheSymbol() {
        DrmException e = new DrmException(CARD, "DRM_IOCTL_MODE_SETCRTC", 13, "CRTC 90, framebuffer 7");
        assertEquals("/dev/dri/card1: DRM_IOCTL_MODE_SETCRTC failed: EACCES (CRTC 90, framebuffer 7); another "
                + "process is DRM master (a desktop or compositor holds the display); stop it or use its console",
                e.getMessage());
        assertEquals("DRM_IOCTL_MODE_SETCRTC", e.operation());
        assertTrue(new DrmException(CARD, "open", 13, null).getMessage().endsWith("open failed: EACCES; add the user "
                + "to the device's group (video)"));
    }
}
