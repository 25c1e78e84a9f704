package io.framereel.device.gpio.button;

import java.io.IOException;

/**
 * A physical button line as the button logic sees it: its current level, and level changes with a timestamp.
 * framereel's own interface, so the logic does not depend on Pi4J ({@link Pi4jButtonInput} adapts a Pi4J input).
 *
 * <p>Implementations are thread-safe; the listener may be called on any thread.
 */
public interface ButtonInput extends AutoCloseable {

    /** Receives level changes. */
    @FunctionalInterface
    interface LevelListener {
        /**
         * Called once per change of the physical level.
         *
         * @param high           the new physical level
         * @param timestampNanos when it changed, on the {@link ButtonScheduler#nanos()} clock
         */
        void onLevel(boolean high, long timestampNanos);
    }

    /** Registers the listener; an input has at most one. */
    void listen(LevelListener listener);

    /** Reads the current physical level. */
    boolean isHigh() throws IOException;

    /** Stops delivering changes and releases the line if this input owns it. */
    @Override
    void close() throws IOException;

    /** No button: always low, never changes. */
    ButtonInput NONE = new ButtonInput() {
        @Override
        public void listen(LevelListener listener) {
        }

        @Override
        public boolean isHigh() {
            return false;
        }

        @Override
        public void close() {
        }

        @Override
        public String toString() {
            return "ButtonInput.NONE";
        }
    };
}
