package io.framereel.capture.daemon;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** When the daemon gives the C heap back: ten seconds after start, then every ten seconds. */
class HeapTrimmerTest {
    @Test
    void trimsWhenDueAndNotInBetween() {
        long start = 1_000_000_000L;
        HeapTrimmer trimmer = new HeapTrimmer(start);
        assertFalse(trimmer.tick(start + HeapTrimmer.FIRST_NANOS - 1), "not before the first is due");
        assertTrue(trimmer.tick(start + HeapTrimmer.FIRST_NANOS));
        long first = start + HeapTrimmer.FIRST_NANOS;
        assertFalse(trimmer.tick(first + 1_000_000_000L));
        assertFalse(trimmer.tick(first + HeapTrimmer.EVERY_NANOS - 1));
        assertTrue(trimmer.tick(first + HeapTrimmer.EVERY_NANOS));
    }
}
