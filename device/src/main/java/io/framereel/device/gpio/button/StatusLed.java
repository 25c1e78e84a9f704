package io.framereel.device.gpio.button;

import io.framereel.device.gpio.button.ButtonScheduler.Cancellable;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;

/**
 * The status LED: off when idle, on while recording, blinking while an error is raised (an error outranks
 * recording). Blinking runs on the scheduler's timers.
 *
 * <p>Thread-safe: the setters may be called from any thread; they hand the change to the logic thread, where all
 * state lives. A failed LED write is logged once per failure streak and retried on the next change or blink.
 */
public final class StatusLed implements AutoCloseable {

    /** What the LED shows. */
    public enum Mode {
        /** Idle. */
        OFF,
        /** Recording. */
        ON,
        /** Error: alternating on and off. */
        BLINKING
    }

    /** Default blink: 250 ms on, 250 ms off. */
    public static final Duration DEFAULT_BLINK_HALF_PERIOD = Duration.ofMillis(250);

    private static final System.Logger LOG = System.getLogger(StatusLed.class.getName());

    private final LedOutput led;
    private final ButtonScheduler scheduler;
    private final long halfPeriodNanos;

    // logic-thread state
    private boolean recording;
    private boolean error;
    private Mode mode;
    private boolean lit;
    private Cancellable blinkTimer = ButtonScheduler.NOT_SCHEDULED;
    private boolean writeFailing;

    /**
     * @param halfPeriod how long each blink phase lasts
     */
    public StatusLed(LedOutput led, ButtonScheduler scheduler, Duration halfPeriod) {
        this.led = Objects.requireNonNull(led, "led");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        if (halfPeriod.toMillis() < 10) {
            throw new IllegalArgumentException("LED blink half-period cannot be less than 10 ms (was "
                    + halfPeriod.toMillis() + " ms)");
        }
        this.halfPeriodNanos = halfPeriod.toNanos();
        scheduler.execute(this::apply);
    }

    /** An LED with the default blink rate. */
    public StatusLed(LedOutput led, ButtonScheduler scheduler) {
        this(led, scheduler, DEFAULT_BLINK_HALF_PERIOD);
    }

    /** Shows that a recording is (or is no longer) running. */
    public void setRecording(boolean value) {
        scheduler.execute(() -> {
            recording = value;
            apply();
        });
    }

    /** Raises or clears the error indication. */
    public void setError(boolean value) {
        scheduler.execute(() -> {
            error = value;
            apply();
        });
    }

    /** Turns the LED off, stops blinking and closes the output. */
    @Override
    public void close() throws IOException {
        scheduler.execute(() -> {
            blinkTimer.cancel();
            mode = Mode.OFF;
            write(false);
        });
        led.close();
    }

    /** The mode being shown; read it on the logic thread (tests). */
    Mode mode() {
        return mode;
    }

    private void apply() {
        Mode next = error ? Mode.BLINKING : recording ? Mode.ON : Mode.OFF;
        if (next == mode) {
            return;
        }
        mode = next;
        blinkTimer.cancel();
        blinkTimer = ButtonScheduler.NOT_SCHEDULED;
        switch (next) {
            case OFF:
                write(false);
                break;
            case ON:
                write(true);
                break;
            case BLINKING:
                write(true);
                blinkTimer = scheduler.schedule(this::blink, halfPeriodNanos);
                break;
            default:
                throw new IllegalStateException("unhandled LED mode " + next);
        }
    }

    private void blink() {
        if (mode != Mode.BLINKING) {
            return;
        }
        write(!lit);
        blinkTimer = scheduler.schedule(this::blink, halfPeriodNanos);
    }

    private void write(boolean on) {
        lit = on;
        try {
            led.set(on);
            writeFailing = false;
        } catch (IOException | RuntimeException e) {
            if (!writeFailing) {
                writeFailing = true;
                LOG.log(Level.ERROR, "status LED " + led + ": cannot switch " + (on ? "on" : "off") + ": "
                        + e.getMessage(), e);
            }
        }
    }
}
