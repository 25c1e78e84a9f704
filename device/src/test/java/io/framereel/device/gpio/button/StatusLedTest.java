package io.framereel.device.gpio.button;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeListener;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutput;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

// Scope: the status LED's modes (off, on while recording, blinking on error) on a Pi4J mock output and a manual clock.
class StatusLedTest {

    private final MockButtons rig = new MockButtons();

    @AfterEach
    void shutdown() {
        rig.close();
    }

    /** Every level the mock line is driven to, as "HIGH@ms". */
    private List<String> trace(MockDigitalOutput line) {
        List<String> levels = new ArrayList<>();
        DigitalStateChangeListener listener = e -> levels.add(e.state() + "@" + rig.ms(rig.scheduler.nanos()));
        line.addListener(listener);
        return levels;
    }

    @Test
    void theLedIsDarkWhenIdleAndLitWhileRecording() {
        MockDigitalOutput line = rig.led(false);
        StatusLed led = new StatusLed(new Pi4jLedOutput(line, false), rig.scheduler);
        assertEquals(DigitalState.LOW, line.state());
        led.setRecording(true);
        assertEquals(DigitalState.HIGH, line.state());
        rig.advanceMs(10_000);
        assertEquals(DigitalState.HIGH, line.state(), "steady while recording");
        led.setRecording(false);
        assertEquals(DigitalState.LOW, line.state());
    }

    @Test
    void anErrorBlinksAtTheConfiguredRateAndOutranksRecording() {
        MockDigitalOutput line = rig.led(false);
        List<String> levels = trace(line);
        StatusLed led = new StatusLed(new Pi4jLedOutput(line, false), rig.scheduler, Duration.ofMillis(100));
        led.setRecording(true);
        rig.advanceMs(50);
        led.setError(true);
        rig.advanceMs(450);
        assertEquals(List.of("HIGH@0", "LOW@150", "HIGH@250", "LOW@350", "HIGH@450"), levels,
                "on at the error, then toggling every 100 ms");
        led.setError(false);
        rig.advanceMs(1000);
        assertEquals(DigitalState.HIGH, line.state(), "back to steady on: still recording");
        assertEquals(5, levels.size(), "no toggles after the error cleared");
        assertEquals(0, rig.scheduler.pendingTimers());
    }

    @Test
    void anActiveLowLedIsLitByDrivingTheLineLow() {
        MockDigitalOutput line = rig.led(true);
        assertEquals(DigitalState.HIGH, line.state(), "dark from the moment it is created");
        StatusLed led = new StatusLed(new Pi4jLedOutput(line, true), rig.scheduler);
        assertEquals(DigitalState.HIGH, line.state());
        led.setRecording(true);
        assertEquals(DigitalState.LOW, line.state());
    }

    @Test
    void aFailingLedKeepsBlinkingAttemptsAndRecovers() {
        List<Boolean> attempts = new ArrayList<>();
        boolean[] broken = {true};
        LedOutput flaky = new LedOutput() {
            @Override
            public void set(boolean on) throws IOException {
                attempts.add(on);
                if (broken[0]) {
                    throw new IOException("/dev/gpiochip0 line 3 - GPIO_V2_LINE_SET_VALUES_IOCTL failed: EIO");
                }
            }

            @Override
            public void close() {
            }
        };
        StatusLed led = new StatusLed(flaky, rig.scheduler, Duration.ofMillis(100));
        led.setError(true);
        rig.advanceMs(200);
        broken[0] = false;
        rig.advanceMs(100);
        assertEquals(List.of(false, true, false, true, false), attempts);
        assertEquals(StatusLed.Mode.BLINKING, led.mode());
    }

    @Test
    void closingDarkensTheLedAndStopsBlinking() throws IOException {
        MockDigitalOutput line = rig.led(false);
        StatusLed led = new StatusLed(new Pi4jLedOutput(line, false), rig.scheduler, Duration.ofMillis(100));
        led.setError(true);
        led.close();
        assertEquals(DigitalState.LOW, line.state());
        rig.advanceMs(1000);
        assertEquals(DigitalState.LOW, line.state());
        assertEquals(0, rig.scheduler.pendingTimers());
    }

    @Test
    void blinkHalfPeriodsUnder10MsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new StatusLed(LedOutput.NONE, rig.scheduler, Duration.ofMillis(5)));
        assertTrue(e.getMessage().equals("LED blink half-period cannot be less than 10 ms (was 5 ms)"),
                e.getMessage());
    }
}
