package io.framereel.device.gpio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeEvent;
import com.pi4j.io.gpio.digital.PullResistance;

import io.framereel.device.gpio.button.Button;
import io.framereel.device.gpio.button.ButtonConfig;
import io.framereel.device.gpio.button.ButtonEvent;
import io.framereel.device.gpio.button.ExecutorButtonScheduler;
import io.framereel.device.gpio.button.Pi4jButtonInput;
import io.framereel.device.gpio.button.Pi4jButtons;
import io.framereel.device.gpio.button.Pi4jLedOutput;
import io.framereel.device.gpio.button.RecordControl;
import io.framereel.device.gpio.button.Recorder;
import io.framereel.device.gpio.button.StatusLed;
import io.framereel.device.gpio.button.TriggerMode;
import io.framereel.device.gpio.pi4j.CdevDigitalInputProvider;
import io.framereel.device.gpio.pi4j.CdevDigitalOutputProvider;
import io.framereel.device.gpio.pi4j.CdevGpioPlugin;
import io.framereel.device.gpio.pi4j.CdevStateChangeEvent;

import io.framereel.device.hil.HilTest;
import io.framereel.device.hil.SimulatedGpio;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

// Scope: framereel's Pi4J provider on gpio-sim (hil rig): listeners fed by kernel edges, Pi4J debounce as kernel
// debounce, outputs, release on shutdown, press-to-listener latency, and the button logic end to end.
@HilTest
class CdevPi4jHilTest {

    private static final long EVENT_TIMEOUT_MS = 3000;

    private GpioSim sim;
    private Context pi4j;

    @BeforeEach
    void context() throws IOException {
        sim = GpioSim.locate();
        pi4j = Pi4J.newContextBuilder()
                .add(CdevDigitalInputProvider.newInstance(), CdevDigitalOutputProvider.newInstance())
                .property(CdevGpioPlugin.CHIP_PROPERTY, GpioSim.LABEL)
                .property(CdevGpioPlugin.DEV_PROPERTY, GpioSim.DEV.toString())
                .build();
    }

    @AfterEach
    void shutdown() {
        if (pi4j != null) {
            pi4j.shutdown();
        }
    }

    private int line(String name) throws IOException {
        CdevDigitalInputProvider provider = pi4j.provider(CdevDigitalInputProvider.ID);
        return provider.lineOffset(name);
    }

    private DigitalInput input(String id, int line, long debounceUs) {
        return pi4j.create(DigitalInput.newConfigBuilder(pi4j).id(id).address(line)
                .pull(PullResistance.PULL_DOWN).debounce(debounceUs).build());
    }

    @Test
    void listenersReceiveKernelEdgesAsStateChangesWithTimestamps() throws Exception {
        DigitalInput button = input("shutter", line("start"), 0);
        BlockingQueue<DigitalStateChangeEvent<?>> events = new LinkedBlockingQueue<>();
        button.addListener(events::add);
        assertEquals(DigitalState.LOW, button.state());

        long before = System.nanoTime();
        sim.pull(GpioSim.START, true);
        DigitalStateChangeEvent<?> high = events.poll(EVENT_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        sim.pull(GpioSim.START, false);
        DigitalStateChangeEvent<?> low = events.poll(EVENT_TIMEOUT_MS, TimeUnit.MILLISECONDS);

        assertNotNull(high);
        assertNotNull(low);
        assertEquals(DigitalState.HIGH, high.state());
        assertEquals(DigitalState.LOW, low.state());
        CdevStateChangeEvent kernel = assertInstanceOf(CdevStateChangeEvent.class, high);
        assertTrue(kernel.timestampNanos() >= before);
        assertEquals(button, high.source());
        assertNull(events.poll(100, TimeUnit.MILLISECONDS));
    }

    @Test
    void pi4jDebounceBecomesTheKernelDebounceAndCollapsesABurst() throws Exception {
        DigitalInput button = input("shutter", GpioSim.START, 100_000);
        try (GpioChip chip = sim.open()) {
            assertEquals(100_000, chip.lineInfo(GpioSim.START).debouncePeriodUs());
        }
        BlockingQueue<DigitalStateChangeEvent<?>> events = new LinkedBlockingQueue<>();
        button.addListener(events::add);
        for (int i = 0; i < 5; i++) {
            sim.pull(GpioSim.START, i % 2 == 0);
        }
        DigitalStateChangeEvent<?> first = events.poll(EVENT_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        assertNotNull(first);
        assertEquals(DigitalState.HIGH, first.state());
        assertNull(events.poll(500, TimeUnit.MILLISECONDS), "one event for the whole burst");
    }

    @Test
    void anOutputDrivesTheLineAndShutdownReleasesEverything() throws IOException {
        DigitalOutput led = pi4j.create(DigitalOutput.newConfigBuilder(pi4j).id("led")
                .address(line("status-led")).initial(DigitalState.HIGH).shutdown(DigitalState.LOW).build());
        assertTrue(sim.value(GpioSim.STATUS_LED), "requested at the initial state");
        led.low();
        assertFalse(sim.value(GpioSim.STATUS_LED));
        led.high();
        assertTrue(sim.value(GpioSim.STATUS_LED));
        input("shutter", GpioSim.START, 0);

        pi4j.shutdown();
        pi4j = null;
        try (GpioChip chip = sim.open()) {
            assertFalse(chip.lineInfo(GpioSim.STATUS_LED).isUsed(), "output released");
            assertFalse(chip.lineInfo(GpioSim.START).isUsed(), "input released");
        }
        assertFalse(sim.value(GpioSim.STATUS_LED), "shutdown state applied before release");
    }

    @Test
    void pressToListenerLatency() throws Exception {
        DigitalInput button = input("shutter", GpioSim.START, 0);
        BlockingQueue<long[]> received = new LinkedBlockingQueue<>();
        button.addListener(e -> received.add(new long[] {System.nanoTime(), e.state() == DigitalState.HIGH ? 1 : 0}));
        int presses = Integer.getInteger("framereel.hil.presses", 40);
        LatencyStats delivered = new LatencyStats();
        for (int i = 0; i < presses; i++) {
            long pressedAt = System.nanoTime();
            sim.pull(GpioSim.START, true);
            long[] rise = received.poll(EVENT_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            assertNotNull(rise, "press " + i);
            assertEquals(1, rise[1]);
            delivered.add(rise[0] - pressedAt);
            sim.pull(GpioSim.START, false);
            assertNotNull(received.poll(EVENT_TIMEOUT_MS, TimeUnit.MILLISECONDS), "release " + i);
        }
        String report = "HIL-GPIO-LATENCY pi4j " + System.getProperty("os.arch") + " java "
                + System.getProperty("java.version") + "\n  press->Pi4J listener: " + delivered.summary();
        System.out.println(report);
        GpioCdevHilTest.writeReport("hil-gpio-latency-pi4j.txt", report);
        assertTrue(delivered.quantile(0.5) < TimeUnit.MILLISECONDS.toNanos(250));
    }

    @Test
    void aToggleButtonStartsAndStopsARecordingAndTheLedFollows() throws Exception {
        ButtonConfig config = ButtonConfig.defaults().withLongPress(Duration.ZERO); // active-low, 10 ms
        sim.pull(GpioSim.START, true); // idle: pulled up, the button shorts to ground
        BlockingQueue<String> commands = new LinkedBlockingQueue<>();
        try (ExecutorButtonScheduler scheduler = new ExecutorButtonScheduler("hil-buttons")) {
            StatusLed led = new StatusLed(new Pi4jLedOutput(
                    Pi4jButtons.led(pi4j, "led", GpioSim.STATUS_LED, false), false), scheduler);
            Recorder recorder = new Recorder() {
                private boolean recording;

                @Override
                public boolean isRecording() {
                    return recording;
                }

                @Override
                public void startRecording(long atNanos) {
                    recording = true;
                    led.setRecording(true);
                    commands.add("start");
                }

                @Override
                public void stopRecording(long atNanos) {
                    recording = false;
                    led.setRecording(false);
                    commands.add("stop");
                }

                @Override
                public void snapshot(long atNanos) {
                    commands.add("snapshot");
                }
            };
            RecordControl control = new RecordControl(TriggerMode.TOGGLE, false, recorder);
            DigitalInput line = Pi4jButtons.input(pi4j, "shutter", GpioSim.START, config);
            BlockingQueue<ButtonEvent.Kind> gestures = new LinkedBlockingQueue<>();
            Button button = new Button("shutter", config, new Pi4jButtonInput(line, scheduler::nanos), scheduler,
                    e -> {
                        gestures.add(e.kind());
                        control.primaryButton().onButton(e);
                    });
            button.start();

            sim.pull(GpioSim.START, false); // press
            assertEquals("start", commands.poll(EVENT_TIMEOUT_MS, TimeUnit.MILLISECONDS));
            assertTrue(awaitSimValue(GpioSim.STATUS_LED, true), "LED on while recording");
            sim.pull(GpioSim.START, true);
            // a release shorter than the 10 ms kernel debounce would be filtered out, as it should be
            assertEquals(ButtonEvent.Kind.PRESSED, gestures.poll(EVENT_TIMEOUT_MS, TimeUnit.MILLISECONDS));
            assertEquals(ButtonEvent.Kind.RELEASED, gestures.poll(EVENT_TIMEOUT_MS, TimeUnit.MILLISECONDS));
            sim.pull(GpioSim.START, false); // press again
            assertEquals("stop", commands.poll(EVENT_TIMEOUT_MS, TimeUnit.MILLISECONDS));
            assertTrue(awaitSimValue(GpioSim.STATUS_LED, false), "LED off when stopped");
            button.close();
        }
    }

    /** Polls the sim side until {@code line} reads {@code expected}; the LED is set on the button thread. */
    private boolean awaitSimValue(int line, boolean expected) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(EVENT_TIMEOUT_MS);
        while (System.nanoTime() < deadline) {
            if (sim.value(line) == expected) {
                return true;
            }
            Thread.sleep(5);
        }
        return false;
    }
}
