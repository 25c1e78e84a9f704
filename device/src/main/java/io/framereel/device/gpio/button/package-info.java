/**
 * Button and status-LED semantics for the capture daemon, in pure Java: debounced gestures with long presses
 * ({@link io.framereel.device.gpio.button.Button}), trigger modes toggle / start-stop / hold-to-record
 * ({@link io.framereel.device.gpio.button.RecordControl}), and the status LED (on while recording, blinking on
 * error). Everything runs on one injected {@link io.framereel.device.gpio.button.ButtonScheduler}, so tests drive
 * time by hand. Pi4J appears only in the small adapters ({@code Pi4jButtonInput}, {@code Pi4jLedOutput},
 * {@code Pi4jButtons}).
 */
package io.framereel.device.gpio.button;
