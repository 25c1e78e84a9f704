package io.framereel.capture.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The line stride of rpicam-vid's YUV420 frames on each Pi ISP, and telling the ISPs apart. */
class RpicamPlatformTest {
    @TempDir
    Path dir;

    @Test
    void vc4PadsLumaLinesToSixtyFourBytes() {
        assertEquals(640, RpicamPlatform.VC4.bytesPerLine(640));
        assertEquals(832, RpicamPlatform.VC4.bytesPerLine(780), "780 wide lines 832 bytes apart (rpicam-apps #188)");
        assertEquals(4096, RpicamPlatform.VC4.bytesPerLine(4056), "rpicam-apps #151");
        assertEquals(1344, RpicamPlatform.VC4.bytesPerLine(1296));
    }

    @Test
    void pispPadsChromaLinesToSixtyFourBytesAndLumaToTwiceThat() {
        assertEquals(640, RpicamPlatform.PISP.bytesPerLine(640));
        assertEquals(896, RpicamPlatform.PISP.bytesPerLine(780));
        assertEquals(384, RpicamPlatform.PISP.bytesPerLine(320), "160 bytes of chroma become 192");
        assertEquals(1280, RpicamPlatform.PISP.bytesPerLine(1280));
        assertEquals(1920, RpicamPlatform.PISP.bytesPerLine(1920));
    }

    @Test
    void yuv420WidthsAreEven() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RpicamPlatform.VC4.bytesPerLine(641));
        assertTrue(e.getMessage().contains("even"), e.getMessage());
    }

    @Test
    void aBcm2712InTheDeviceTreeIsAPi5() throws IOException {
        Path pi5 = dir.resolve("pi5");
        Files.write(pi5, "raspberrypi,5-model-b\0brcm,bcm2712\0".getBytes());
        Path pi4 = dir.resolve("pi4");
        Files.write(pi4, "raspberrypi,4-model-b\0brcm,bcm2711\0".getBytes());
        assertEquals(RpicamPlatform.PISP, RpicamPlatform.detect(pi5));
        assertEquals(RpicamPlatform.VC4, RpicamPlatform.detect(pi4));
        assertEquals(RpicamPlatform.VC4, RpicamPlatform.detect(dir.resolve("no-device-tree")));
    }
}
