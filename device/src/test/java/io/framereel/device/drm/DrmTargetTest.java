package io.framereel.device.drm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

// Scope: the drm[:CARD][,connector=NAME][,mode=WxH][,format=F] target syntax: what each part sets, the defaults,
// and a message naming the bad part for each kind of mistake.
class DrmTargetTest {

    @Test
    void plainDrmMeansTheFirstConnectedDisplayInItsPreferredMode() {
        assertEquals(DrmTarget.DEFAULT, DrmTarget.parse("drm"));
        assertEquals("drm", DrmTarget.DEFAULT.toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "drm:vc4                                      | vc4              |          | 0    | 0    | false",
        "drm:/dev/dri/card1                           | /dev/dri/card1   |          | 0    | 0    | false",
        "drm:bochs-drm,connector=Virtual-1,mode=640x480 | bochs-drm      | Virtual-1 | 640  | 480  | false",
        "drm,mode=1280x720                            |                  |          | 1280 | 720  | false",
        "drm:card0,format=RGB565                      | card0            |          | 0    | 0    | true",
        "drm,connector=HDMI-A-1,format=xrgb8888       |                  | HDMI-A-1 | 0    | 0    | false"})
    void partsSetTheirFields(String text, String card, String connector, int width, int height, boolean rgb565) {
        DrmTarget t = DrmTarget.parse(text);
        assertEquals(new DrmTarget(card, connector, width, height, rgb565), t);
        assertEquals(t, DrmTarget.parse(t.toString()), "toString parses back to the same target");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "drm:                        | empty card",
        "drm,mode=640                | mode '640' is not WIDTHxHEIGHT",
        "drm,mode=0x480              | mode '0x480'",
        "drm,format=YUYV             | format 'YUYV' is not XRGB8888 or RGB565",
        "drm,depth=16                | unknown option 'depth'",
        "drm,connector=              | 'connector=' needs a value",
        "drm:vc4,,mode=640x480       | '' needs a value"})
    void mistakesAreNamed(String text, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DrmTarget.parse(text));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().contains(text), "names the whole target: " + e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"drm", "drm:vc4", "drm,mode=640x480"})
    void recognisesItsTargets(String text) {
        assertTrue(DrmTarget.matches(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"fb", "fb:drm", "drmfb", "shm:drm", "DRM"})
    void leavesOtherTargetsAlone(String text) {
        assertFalse(DrmTarget.matches(text));
    }
}
