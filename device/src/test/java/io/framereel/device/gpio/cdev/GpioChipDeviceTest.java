package io.framereel.device.gpio.cdev;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framereel.device.libc.Errno;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

// Scope: GpioChipDevice's errno handling against real files that are not GPIO chips (this host has none).
class GpioChipDeviceTest {

    @Test
    void openingAMissingChipReportsEnoentWithThePath(@TempDir Path dir) {
        Path missing = dir.resolve("gpiochip9");
        GpioErrnoException e = assertThrows(GpioErrnoException.class, () -> GpioChipDevice.open(missing));
        assertTrue(e.isNotFound());
        assertEquals(missing.toString(), e.device());
        assertTrue(e.getMessage().startsWith(missing + " - open failed: ENOENT ("), e.getMessage());
    }

    @Test
    void chipInfoOnADeviceThatIsNotAGpioChipReportsEnotty() throws IOException {
        try (GpioChipDevice notAChip = GpioChipDevice.open(Path.of("/dev/null"))) {
            GpioErrnoException e = assertThrows(GpioErrnoException.class, notAChip::chipInfo);
            assertEquals(Errno.ENOTTY, e.errno());
            assertEquals("GPIO_GET_CHIPINFO_IOCTL", e.operation());
            e = assertThrows(GpioErrnoException.class, () -> notAChip.lineInfo(3));
            assertEquals("GPIO_V2_GET_LINEINFO_IOCTL line 3", e.operation());
            e = assertThrows(GpioErrnoException.class,
                    () -> notAChip.requestLines(new int[] {3}, "t", LineConfig.of(GpioH.GPIO_V2_LINE_FLAG_INPUT), 0));
            assertTrue(e.operation().startsWith("GPIO_V2_GET_LINE_IOCTL line 3 LineConfig[flags=0x4"), e.operation());
        }
    }

    @Test
    void callsOnAClosedChipNameTheChip() throws IOException {
        GpioChipDevice chip = GpioChipDevice.open(Path.of("/dev/null"));
        chip.close();
        chip.close();
        IOException e = assertThrows(IOException.class, chip::chipInfo);
        assertEquals("/dev/null - GPIO_GET_CHIPINFO_IOCTL on a closed chip", e.getMessage());
    }

    @Test
    void requestsOutsideTheUapiLimitsAreRejectedBeforeAnyIoctl() throws IOException {
        try (GpioChipDevice chip = GpioChipDevice.open(Path.of("/dev/null"))) {
            LineConfig input = LineConfig.of(GpioH.GPIO_V2_LINE_FLAG_INPUT);
            assertThrows(IllegalArgumentException.class, () -> chip.requestLines(new int[0], "t", input, 0));
            assertThrows(IllegalArgumentException.class, () -> chip.requestLines(new int[65], "t", input, 0));
            assertThrows(IllegalArgumentException.class, () -> chip.requestLines(new int[] {1}, "t", input, -1));
        }
    }
}
