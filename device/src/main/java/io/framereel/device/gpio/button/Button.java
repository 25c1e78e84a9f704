package io.framereel.device.gpio.button;

import io.framereel.device.gpio.button.ButtonEvent.Kind;
import io.framereel.device.gpio.button.ButtonScheduler.Cancellable;

import java.io.IOException;
import java.util.Objects;

/**
 * Turns the level changes of one button line into debounced gestures: PRESSED, LONG_PRESS (held past the
 * threshold, reported while still held), RELEASED and SHORT_PRESS (released before the threshold).
 *
 * <pre>
 * Debounce is leading-edge with a lockout: the first change is reported at once, then the line is ignored for
 * the debounce period, and when the period ends the line's last level is taken if it differs.
 *
 *   raw       ‾‾‾\_/‾\__________________/‾\_/‾‾‾‾‾‾
 *   accepted  ‾‾‾\__________________________/‾‾‾‾‾‾
 *                |&lt;-debounce-&gt;|           |&lt;-debounce-&gt;|
 *                PRESSED                  RELEASED, SHORT_PRESS
 * </pre>
 *
 * A clean press costs no latency (a stable-for debounce would add the whole period), at the price of reacting to
 * a single spike; the kernel debounce of the GPIO provider, which is stable-for, filters spikes before they get
 * here. A button already held when {@link #start()} runs is ignored until it has been released once, so a stuck
 * or held button cannot start a recording at boot.
 *
 * <p>Confinement: all state belongs to the {@link ButtonScheduler}'s logic thread; input callbacks are handed over
 * with {@code execute}. {@link #start()} and {@link #close()} may be called from any thread.
 */
public final class Button implements AutoCloseable {

    private final String name;
    private final ButtonConfig config;
    private final ButtonInput input;
    private final ButtonScheduler scheduler;
    private final ButtonListener listener;
    private final long debounceNanos;
    private final long longPressNanos;

    // logic-thread state
    private boolean started;
    private boolean pressed;
    private boolean rawPressed;
    private long rawChangedAtNanos;
    private boolean lockout;
    private boolean ignoreUntilReleased;
    private long pressedAtNanos;
    private boolean longPressReported;
    private Cancellable settleTimer = ButtonScheduler.NOT_SCHEDULED;
    private Cancellable longPressTimer = ButtonScheduler.NOT_SCHEDULED;

    /** Written by close (any thread), read on the logic thread. */
    private volatile boolean closed;

    public Button(String name, ButtonConfig config, ButtonInput input, ButtonScheduler scheduler,
            ButtonListener listener) {
        this.name = Objects.requireNonNull(name, "name");
        this.config = Objects.requireNonNull(config, "config");
        this.input = Objects.requireNonNull(input, "input");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.debounceNanos = config.debounce().toNanos();
        this.longPressNanos = config.longPress().toNanos();
    }

    /** The button's name, as carried by its events. */
    public String name() {
        return name;
    }

    /** The configuration. */
    public ButtonConfig config() {
        return config;
    }

    /**
     * Starts listening. The listener is registered before the initial level is read, and changes that arrive
     * before that reading is applied are already contained in it, so nothing between the two is lost.
     */
    public void start() throws IOException {
        input.listen((high, timestampNanos) -> scheduler.execute(() -> onLevel(high, timestampNanos)));
        boolean high = input.isHigh();
        scheduler.execute(() -> seed(high));
    }

    /** Stops reporting, cancels pending timers and closes the input. */
    @Override
    public void close() throws IOException {
        closed = true;
        scheduler.execute(() -> {
            settleTimer.cancel();
            longPressTimer.cancel();
        });
        input.close();
    }

    private void seed(boolean high) {
        if (closed) {
            return;
        }
        started = true;
        pressed = isPressed(high);
        rawPressed = pressed;
        rawChangedAtNanos = scheduler.nanos();
        ignoreUntilReleased = pressed;
    }

    private void onLevel(boolean high, long timestampNanos) {
        if (!started || closed) {
            return; // before seed(): the initial reading, taken after this change, already includes it
        }
        rawPressed = isPressed(high);
        rawChangedAtNanos = timestampNanos;
        if (lockout || rawPressed == pressed) {
            return;
        }
        accept(rawPressed, timestampNanos);
    }

    private void accept(boolean down, long timestampNanos) {
        pressed = down;
        if (debounceNanos > 0) {
            lockout = true;
            settleTimer = scheduler.schedule(this::settle, timestampNanos + debounceNanos - scheduler.nanos());
        }
        if (down) {
            pressedAtNanos = timestampNanos;
            longPressReported = false;
            emit(Kind.PRESSED, timestampNanos, 0);
            if (longPressNanos > 0) {
                longPressTimer = scheduler.schedule(this::longPressElapsed,
                        timestampNanos + longPressNanos - scheduler.nanos());
            }
            return;
        }
        longPressTimer.cancel();
        if (ignoreUntilReleased) {
            ignoreUntilReleased = false;
            return;
        }
        long held = timestampNanos - pressedAtNanos;
        emit(Kind.RELEASED, timestampNanos, held);
        if (!longPressReported) {
            emit(Kind.SHORT_PRESS, timestampNanos, held);
        }
    }

    private void settle() {
        lockout = false;
        if (!closed && rawPressed != pressed) {
            accept(rawPressed, rawChangedAtNanos);
        }
    }

    private void longPressElapsed() {
        if (closed || !pressed || ignoreUntilReleased || longPressReported) {
            return;
        }
        longPressReported = true;
        emit(Kind.LONG_PRESS, pressedAtNanos + longPressNanos, longPressNanos);
    }

    private boolean isPressed(boolean high) {
        return high != config.activeLow();
    }

    private void emit(Kind kind, long timestampNanos, long heldNanos) {
        if (!closed) {
            listener.onButton(new ButtonEvent(name, kind, timestampNanos, heldNanos));
        }
    }

    @Override
    public String toString() {
        return "Button[" + name + ", " + input + ", " + config + "]";
    }
}
