package io.framereel.device.gpio.button;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.PullResistance;

import java.time.Duration;

import org.junit.jupiter.api.Test;

// Scope: ButtonConfig defaults and validation, and how Pi4jButtons turns a config into Pi4J input settings.
class ButtonConfigTest {

    @Test
    void defaultsAreActiveLowWithTenMillisecondDebounceAndLongPresses() {
        ButtonConfig c = ButtonConfig.defaults();
        assertTrue(c.activeLow());
        assertEquals(Duration.ofMillis(10), c.debounce());
        assertEquals(Duration.ofMillis(800), c.longPress());
        assertTrue(c.longPressEnabled());
        assertFalse(c.withLongPress(Duration.ZERO).longPressEnabled());
    }

    @Test
    void invalidPeriodsAreRejectedWithTheValue() {
        ButtonConfig c = ButtonConfig.defaults();
        assertEquals("button debounce cannot be less than 0 ms (was -1 ms)",
                assertThrows(IllegalArgumentException.class, () -> c.withDebounce(Duration.ofMillis(-1))).getMessage());
        assertEquals("button debounce cannot be more than 1000 ms (was 1500 ms)",
                assertThrows(IllegalArgumentException.class, () -> c.withDebounce(Duration.ofMillis(1500)))
                        .getMessage());
        assertEquals("button long-press threshold must be longer than the debounce period 10 ms, or 0 to disable "
                + "long presses (was 10 ms)",
                assertThrows(IllegalArgumentException.class, () -> c.withLongPress(Duration.ofMillis(10)))
                        .getMessage());
        assertEquals("button long-press threshold cannot be less than 0 ms (was -5 ms)",
                assertThrows(IllegalArgumentException.class, () -> c.withLongPress(Duration.ofMillis(-5)))
                        .getMessage());
    }

    @Test
    void pi4jInputsGetThePullFromThePolarityAndTheDebounceInMicroseconds() {
        try (MockButtons rig = new MockButtons()) {
            DigitalInput low = Pi4jButtons.input(rig.pi4j, "a", 1, ButtonConfig.defaults());
            assertEquals(PullResistance.PULL_UP, low.pull());
            assertEquals(10_000L, low.config().debounce());
            DigitalInput high = Pi4jButtons.input(rig.pi4j, "b", 2,
                    ButtonConfig.defaults().withActiveLow(false).withDebounce(Duration.ofMillis(3)));
            assertEquals(PullResistance.PULL_DOWN, high.pull());
            assertEquals(3_000L, high.config().debounce());
        }
    }
}
