package io.framereel.device.gpio.button;

/** Receives button gestures, on the {@link ButtonScheduler}'s logic thread. */
@FunctionalInterface
public interface ButtonListener {

    /** Called for each gesture; must not block, it holds up every other button and the status LED. */
    void onButton(ButtonEvent event);

    /** Ignores every gesture. */
    ButtonListener NONE = event -> {
    };
}
