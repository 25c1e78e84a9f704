package io.framereel.device.gpio.button;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A Pi4J context on the mock plugin plus a manual scheduler, with helpers to press and release mock buttons at
 * exact times. Test helper; not thread-safe.
 */
final class MockButtons implements AutoCloseable {

    final Context pi4j = Pi4J.newContextBuilder()
            .add(new MockPlatform())
            .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance())
            .build();
    final ManualScheduler scheduler = new ManualScheduler();
    final List<ButtonEvent> events = new ArrayList<>();
    private int nextLine;

    /** A started button on a fresh mock line, released (idle level) at start; events go to {@link #events}. */
    MockDigitalInput button(String name, ButtonConfig config) throws java.io.IOException {
        return button(name, config, events::add);
    }

    /** A started button on a fresh mock line, released at start, reporting to {@code listener}. */
    MockDigitalInput button(String name, ButtonConfig config, ButtonListener listener) throws java.io.IOException {
        DigitalInput input = Pi4jButtons.input(pi4j, name, nextLine++, config);
        MockDigitalInput mock = (MockDigitalInput) input;
        mock.mockState(idle(config));
        new Button(name, config, new Pi4jButtonInput(input, scheduler::nanos), scheduler, listener).start();
        return mock;
    }

    /** A mock LED line. */
    MockDigitalOutput led(boolean activeLow) {
        DigitalOutput output = Pi4jButtons.led(pi4j, "led" + nextLine, nextLine++, activeLow);
        return (MockDigitalOutput) output;
    }

    static DigitalState idle(ButtonConfig config) {
        return config.activeLow() ? DigitalState.HIGH : DigitalState.LOW;
    }

    static DigitalState active(ButtonConfig config) {
        return config.activeLow() ? DigitalState.LOW : DigitalState.HIGH;
    }

    void press(MockDigitalInput line, ButtonConfig config) {
        line.mockState(active(config));
    }

    void release(MockDigitalInput line, ButtonConfig config) {
        line.mockState(idle(config));
    }

    void advanceMs(long ms) {
        scheduler.advance(Duration.ofMillis(ms));
    }

    /** Milliseconds since the scheduler's origin for a timestamp, for readable assertions. */
    long ms(long timestampNanos) {
        return (timestampNanos - 1_000_000_000L) / 1_000_000;
    }

    /** Events as "KIND@ms+heldMs" strings, e.g. "RELEASED@120+120". */
    List<String> eventLog() {
        List<String> log = new ArrayList<>();
        for (ButtonEvent e : events) {
            log.add(e.button() + ":" + e.kind() + "@" + ms(e.timestampNanos()) + "+" + e.heldNanos() / 1_000_000);
        }
        return log;
    }

    @Override
    public void close() {
        pi4j.shutdown();
    }
}
