package io.framereel.device.gpio.button;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.pi4j.io.gpio.digital.DigitalInputConfig;
import com.pi4j.io.gpio.digital.DigitalInputProvider;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;

import io.framereel.device.gpio.pi4j.CdevStateChangeEvent;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

// Scope: Button's debounce, long-press and polarity semantics, driven through Pi4J mock inputs and a manual clock.
class ButtonTest {

    private final MockButtons rig = new MockButtons();
    private final ButtonConfig activeLow = ButtonConfig.defaults(); // 10 ms debounce, 800 ms long press

    @AfterEach
    void shutdown() {
        rig.close();
    }

    @Test
    void aCleanPressAndReleaseGivesPressedThenReleasedAndShortPress() throws IOException {
        MockDigitalInput line = rig.button("rec", activeLow);
        rig.advanceMs(100);
        rig.press(line, activeLow);
        rig.advanceMs(120);
        rig.release(line, activeLow);
        rig.advanceMs(50);
        assertEquals(List.of("rec:PRESSED@100+0", "rec:RELEASED@220+120", "rec:SHORT_PRESS@220+120"), rig.eventLog());
    }

    @Test
    void bouncesWithinTheDebouncePeriodGiveOnePress() throws IOException {
        MockDigitalInput line = rig.button("rec", activeLow);
        rig.press(line, activeLow);
        for (int i = 0; i < 3; i++) { // contact bounce for 9 ms, inside the 10 ms debounce
            rig.advanceMs(2);
            rig.release(line, activeLow);
            rig.advanceMs(1);
            rig.press(line, activeLow);
        }
        rig.advanceMs(300);
        assertEquals(List.of("rec:PRESSED@0+0"), rig.eventLog());
    }

    @Test
    void aLevelThatSettlesOppositeDuringTheLockoutIsTakenWhenTheLockoutEnds() throws IOException {
        MockDigitalInput line = rig.button("rec", activeLow);
        rig.press(line, activeLow);
        rig.advanceMs(4);
        rig.release(line, activeLow); // a 4 ms tap, shorter than the 10 ms debounce
        rig.advanceMs(5);
        assertEquals(List.of("rec:PRESSED@0+0"), rig.eventLog(), "still inside the lockout");
        rig.advanceMs(1);
        assertEquals(List.of("rec:PRESSED@0+0", "rec:RELEASED@4+4", "rec:SHORT_PRESS@4+4"), rig.eventLog());
    }

    @Test
    void changesAfterTheDebouncePeriodAreReportedImmediately() throws IOException {
        MockDigitalInput line = rig.button("rec", activeLow);
        rig.press(line, activeLow);
        rig.advanceMs(10);
        rig.release(line, activeLow);
        rig.advanceMs(10);
        rig.press(line, activeLow);
        assertEquals(List.of("rec:PRESSED@0+0", "rec:RELEASED@10+10", "rec:SHORT_PRESS@10+10", "rec:PRESSED@20+0"),
                rig.eventLog());
    }

    @Test
    void aLongPressIsReportedAtTheThresholdWhileStillHeldAndSuppressesTheShortPress() throws IOException {
        MockDigitalInput line = rig.button("rec", activeLow);
        rig.advanceMs(50);
        rig.press(line, activeLow);
        rig.advanceMs(799);
        assertEquals(List.of("rec:PRESSED@50+0"), rig.eventLog());
        rig.advanceMs(1);
        assertEquals(List.of("rec:PRESSED@50+0", "rec:LONG_PRESS@850+800"), rig.eventLog());
        rig.advanceMs(1150);
        rig.release(line, activeLow);
        assertEquals(List.of("rec:PRESSED@50+0", "rec:LONG_PRESS@850+800", "rec:RELEASED@2000+1950"),
                rig.eventLog());
    }

    @Test
    void theLongPressThresholdIsConfigurable() throws IOException {
        ButtonConfig quick = activeLow.withLongPress(Duration.ofMillis(300));
        MockDigitalInput line = rig.button("rec", quick);
        rig.press(line, quick);
        rig.advanceMs(300);
        assertEquals(List.of("rec:PRESSED@0+0", "rec:LONG_PRESS@300+300"), rig.eventLog());
    }

    @Test
    void withLongPressesDisabledEveryReleaseIsAShortPress() throws IOException {
        ButtonConfig noLong = activeLow.withLongPress(Duration.ZERO);
        MockDigitalInput line = rig.button("rec", noLong);
        rig.press(line, noLong);
        rig.advanceMs(5000);
        rig.release(line, noLong);
        assertEquals(List.of("rec:PRESSED@0+0", "rec:RELEASED@5000+5000", "rec:SHORT_PRESS@5000+5000"),
                rig.eventLog());
    }

    @Test
    void activeHighButtonsArePressedWhenTheLineIsHigh() throws IOException {
        ButtonConfig activeHigh = activeLow.withActiveLow(false);
        MockDigitalInput line = rig.button("rec", activeHigh);
        line.mockState(DigitalState.HIGH);
        rig.advanceMs(30);
        line.mockState(DigitalState.LOW);
        assertEquals(List.of("rec:PRESSED@0+0", "rec:RELEASED@30+30", "rec:SHORT_PRESS@30+30"), rig.eventLog());
    }

    @Test
    void theDebouncePeriodIsConfigurableAndZeroReportsEveryChange() throws IOException {
        ButtonConfig raw = activeLow.withDebounce(Duration.ZERO).withLongPress(Duration.ZERO);
        MockDigitalInput line = rig.button("rec", raw);
        rig.press(line, raw);
        rig.advanceMs(1);
        rig.release(line, raw);
        rig.advanceMs(1);
        rig.press(line, raw);
        assertEquals(List.of("rec:PRESSED@0+0", "rec:RELEASED@1+1", "rec:SHORT_PRESS@1+1", "rec:PRESSED@2+0"),
                rig.eventLog());

        rig.events.clear();
        ButtonConfig fast = activeLow.withLongPress(Duration.ZERO);
        ButtonConfig slow = fast.withDebounce(Duration.ofMillis(50));
        MockDigitalInput tenMs = rig.button("fast", fast);
        MockDigitalInput fiftyMs = rig.button("slow", slow);
        for (MockDigitalInput line2 : List.of(tenMs, fiftyMs)) {
            line2.mockState(DigitalState.LOW);
        }
        rig.advanceMs(30);
        for (MockDigitalInput line2 : List.of(tenMs, fiftyMs)) {
            line2.mockState(DigitalState.HIGH);
        }
        rig.advanceMs(10);
        for (MockDigitalInput line2 : List.of(tenMs, fiftyMs)) {
            line2.mockState(DigitalState.LOW);
        }
        rig.advanceMs(100);
        assertEquals(List.of("fast:PRESSED@2+0", "slow:PRESSED@2+0", "fast:RELEASED@32+30", "fast:SHORT_PRESS@32+30",
                "fast:PRESSED@42+0"), rig.eventLog(), "a 10 ms gap 30 ms after the press is bounce for 50 ms only");
    }

    @Test
    void aButtonHeldAtStartIsIgnoredUntilItHasBeenReleased() throws IOException {
        MockDigitalInput line = (MockDigitalInput) Pi4jButtons.input(rig.pi4j, "stuck", 9, activeLow);
        line.mockState(MockButtons.active(activeLow));
        new Button("stuck", activeLow, new Pi4jButtonInput(line, rig.scheduler::nanos), rig.scheduler,
                rig.events::add).start();
        rig.advanceMs(2000);
        rig.release(line, activeLow);
        rig.advanceMs(100);
        assertEquals(List.of(), rig.eventLog(), "no long press, release or short press for a press never seen");
        rig.press(line, activeLow);
        assertEquals(List.of("stuck:PRESSED@2100+0"), rig.eventLog());
    }

    @Test
    void closingStopsReportingAndCancelsAPendingLongPress() throws IOException {
        MockDigitalInput line = (MockDigitalInput) Pi4jButtons.input(rig.pi4j, "rec", 3, activeLow);
        line.mockState(MockButtons.idle(activeLow));
        Button button = new Button("rec", activeLow, new Pi4jButtonInput(line, rig.scheduler::nanos), rig.scheduler,
                rig.events::add);
        button.start();
        rig.press(line, activeLow);
        button.close();
        rig.advanceMs(1000);
        rig.release(line, activeLow);
        assertEquals(List.of("rec:PRESSED@0+0"), rig.eventLog());
        assertEquals(0, rig.scheduler.pendingTimers());
    }

    @Test
    void kernelEdgeTimestampsFromTheCdevProviderAreUsedInsteadOfTheArrivalTime() throws IOException {
        DigitalInputConfig config = com.pi4j.io.gpio.digital.DigitalInput.newConfigBuilder(rig.pi4j)
                .id("kernel").address(7).build();
        TimestampedInput line = new TimestampedInput(
                rig.pi4j.provider(com.pi4j.io.IOType.DIGITAL_INPUT), config);
        line.mockState(DigitalState.HIGH);
        List<ButtonEvent> seen = new ArrayList<>();
        new Button("kernel", activeLow, new Pi4jButtonInput(line, rig.scheduler::nanos), rig.scheduler, seen::add)
                .start();
        rig.advanceMs(100);
        long edgeAt = rig.scheduler.nanos() - 3_000_000; // the kernel saw the edge 3 ms before delivery
        line.edge(DigitalState.LOW, edgeAt);
        assertEquals(1, seen.size());
        assertEquals(edgeAt, seen.get(0).timestampNanos());
    }

    /** A mock input that dispatches cdev events with kernel timestamps. */
    private static final class TimestampedInput extends MockDigitalInput {
        TimestampedInput(DigitalInputProvider provider, DigitalInputConfig config) {
            super(provider, config);
        }

        void edge(DigitalState state, long timestampNanos) {
            dispatch(new CdevStateChangeEvent(this, state, timestampNanos, 1));
        }
    }
}
