package io.framereel.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Sync policies: parsing, validation and when a sync is due. */
class SyncPolicyTest {
    @Test
    void parsesEveryForm() {
        assertEquals(SyncPolicy.NEVER, SyncPolicy.parse("never"));
        assertEquals(SyncPolicy.ALWAYS, SyncPolicy.parse("ALWAYS"));
        assertEquals(SyncPolicy.everyFrames(30), SyncPolicy.parse("frames:30"));
        assertEquals(SyncPolicy.everyFrames(30), SyncPolicy.parse("30frames"));
        assertEquals(SyncPolicy.everyMillis(500), SyncPolicy.parse("ms:500"));
        assertEquals(SyncPolicy.everyMillis(500), SyncPolicy.parse("500ms"));
        assertEquals("frames:30", SyncPolicy.parse("frames:30").toString());
        assertEquals(SyncPolicy.ALWAYS, SyncPolicy.everyFrames(1));
    }

    @Test
    void rejectsNonsenseWithTheValue() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SyncPolicy.parse("frames:0")).getMessage().contains("was 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SyncPolicy.parse("sometimes")).getMessage().contains("sometimes"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SyncPolicy.parse("ms:x")).getMessage().contains("ms:x"));
    }

    @Test
    void isDueByFramesOrByTime() {
        assertFalse(SyncPolicy.NEVER.isDue(1_000_000, Long.MAX_VALUE));
        assertTrue(SyncPolicy.ALWAYS.isDue(1, 0));
        assertFalse(SyncPolicy.everyFrames(3).isDue(2, Long.MAX_VALUE));
        assertTrue(SyncPolicy.everyFrames(3).isDue(3, 0));
        assertFalse(SyncPolicy.everyMillis(100).isDue(5, 99_999_999));
        assertTrue(SyncPolicy.everyMillis(100).isDue(5, 100_000_000));
        assertFalse(SyncPolicy.everyMillis(100).isDue(0, 500_000_000), "nothing written, nothing to sync");
    }
}
