package io.framereel.device.v4l2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** How the running ABI is chosen from os.arch, the pointer size, the kernel release and the override property. */
class AbiTest {
    @Test
    void x8664AndAarch64AreRecognisedByOsArch() {
        assertEquals(Abi.X86_64, Abi.detect(null, "amd64", 8, "6.1.0-21-amd64"));
        assertEquals(Abi.AARCH64, Abi.detect(null, "aarch64", 8, "6.6.31+rpt-rpi-v8"));
    }

    @Test
    void armhfUsesTime64OnKernels56AndLater() {
        assertEquals(Abi.ARMHF_TIME64, Abi.detect(null, "arm", 4, "6.6.31+rpt-rpi-v7l"));
        assertEquals(Abi.ARMHF_TIME64, Abi.detect(null, "arm", 4, "5.6.0"));
    }

    @Test
    void armhfUsesTime32OnOlderKernels() {
        assertEquals(Abi.ARMHF_TIME32, Abi.detect(null, "arm", 4, "5.4.83-v7l+"));
        assertEquals(Abi.ARMHF_TIME32, Abi.detect(null, "arm", 4, "4.19.66-v7+"));
        assertEquals(Abi.ARMHF_TIME32, Abi.detect(null, "arm", 4, "garbage"));
    }

    @Test
    void overridePropertyWinsWhenThePointerSizeAgrees() {
        assertEquals(Abi.ARMHF_TIME32, Abi.detect("armhf-time32", "arm", 4, "6.6.31"));
        assertEquals(Abi.ARMHF_TIME64, Abi.detect(" armhf-time64 ", "arm", 4, "4.19"));
    }

    @Test
    void overrideThatContradictsThePointerSizeIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Abi.detect("armhf-time32", "amd64", 8, "6.1"));
        assertEquals("framereel.v4l2.abi=armhf-time32 needs 4-byte pointers but this JVM has 8", e.getMessage());
    }

    @Test
    void unknownOverrideNamesTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Abi.detect("i386", "x86", 4, "6.1"));
        assertTrue(e.getMessage().contains("x86_64, aarch64, armhf-time32, armhf-time64 (was i386)"), e.getMessage());
    }

    @Test
    void unsupportedArchitectureIsAClearError() {
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> Abi.detect(null, "x86", 4, "6.1"));
        assertTrue(e.getMessage().contains("this JVM is x86 with 4-byte pointers"), e.getMessage());
    }

    @Test
    void kernelVersionComparisonParsesDistributionSuffixes() {
        assertTrue(Abi.kernelAtLeast("5.15.0-v7l+", 5, 6));
        assertTrue(Abi.kernelAtLeast("6", 5, 6));
        assertFalse(Abi.kernelAtLeast("5.5.19", 5, 6));
        assertFalse(Abi.kernelAtLeast(null, 5, 6));
    }
}
