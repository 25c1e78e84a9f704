package io.framereel.capture.daemon;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import io.framereel.device.gpio.button.Button;
import io.framereel.device.gpio.button.ExecutorButtonScheduler;
import io.framereel.device.gpio.button.Pi4jButtonInput;
import io.framereel.device.gpio.button.Pi4jButtons;
import io.framereel.device.gpio.button.Pi4jLedOutput;
import io.framereel.device.gpio.button.RecordControl;
import io.framereel.device.gpio.button.StatusLed;
import io.framereel.device.gpio.button.TriggerMode;
import io.framereel.device.gpio.pi4j.CdevDigitalInputProvider;
import io.framereel.device.gpio.pi4j.CdevDigitalOutputProvider;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The buttons and the status LED of the daemon, through Pi4J on framereel's GPIO character-device provider: the
 * chip by label, lines by number or name, gestures mapped to {@link Triggers} by {@link RecordControl}. The LED
 * follows the daemon's state. Closing releases every line.
 */
final class GpioControls implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(GpioControls.class.getName());

    private final Context pi4j;
    private final ExecutorButtonScheduler scheduler = new ExecutorButtonScheduler("framereel-buttons");
    private final List<Button> buttons = new ArrayList<>();
    private StatusLed led;

    private GpioControls(Context pi4j) {
        this.pi4j = pi4j;
    }

    static GpioControls open(DaemonConfig config, Triggers triggers) throws IOException {
        String chip = config.gpioChip.orElseThrow();
        CdevDigitalInputProvider inputs = CdevDigitalInputProvider.newInstance();
        Context pi4j = Pi4J.newContextBuilder()
                .add(inputs, CdevDigitalOutputProvider.newInstance())
                .property("framereel.gpio.chip", chip)
                .build();
        GpioControls g = new GpioControls(pi4j);
        try {
            RecordControl control = new RecordControl(config.gpioMode, config.button.longPressEnabled(), triggers);
            g.button("start", inputs.lineOffset(config.startLine), config, control.primaryButton());
            if (config.gpioMode == TriggerMode.START_STOP) {
                g.button("stop", inputs.lineOffset(config.stopLine.orElseThrow()), config, control.stopButton());
            }
            if (config.ledLine.isPresent()) {
                int line = inputs.lineOffset(config.ledLine.get());
                g.led = new StatusLed(new Pi4jLedOutput(Pi4jButtons.led(pi4j, "led", line, config.ledActiveLow),
                        config.ledActiveLow), g.scheduler);
            }
            LOG.log(System.Logger.Level.INFO, "GPIO chip " + chip + ": " + config.gpioMode.name().toLowerCase()
                    + " on line " + config.startLine + config.stopLine.map(s -> ", stop on line " + s).orElse("")
                    + config.ledLine.map(s -> ", LED on line " + s).orElse(""));
            return g;
        } catch (IOException | RuntimeException e) {
            g.close();
            throw e;
        }
    }

    private void button(String id, int line, DaemonConfig config, io.framereel.device.gpio.button.ButtonListener l)
            throws IOException {
        Button b = new Button(id, config.button,
                new Pi4jButtonInput(Pi4jButtons.input(pi4j, id, line, config.button), scheduler::nanos), scheduler, l);
        buttons.add(b);
        b.start();
    }

    /** Shows the daemon's state on the LED (if any): on while recording, blinking on error. */
    void show(DaemonState state) {
        if (led == null) {
            return;
        }
        led.setRecording(state == DaemonState.RECORDING || state == DaemonState.FINISHING);
        led.setError(state == DaemonState.CAMERA_LOST || state == DaemonState.DISK_FULL);
    }

    @Override
    public void close() {
        for (Button b : buttons) {
            try {
                b.close();
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "closing button " + b + ": " + e.getMessage());
            }
        }
        if (led != null) {
            try {
                led.close();
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "closing the status LED: " + e.getMessage());
            }
        }
        scheduler.close();
        pi4j.shutdown();
    }
}
