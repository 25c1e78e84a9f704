package io.framereel.device.gpio.button;

import java.io.IOException;

/**
 * An indicator LED: on or off, polarity already applied. framereel's own interface; {@link Pi4jLedOutput} adapts a
 * Pi4J output. Implementations are thread-safe.
 */
public interface LedOutput extends AutoCloseable {

    /** Lights ({@code true}) or darkens the LED. */
    void set(boolean on) throws IOException;

    /** Releases the line if this output owns it. */
    @Override
    void close() throws IOException;

    /** No LED. */
    LedOutput NONE = new LedOutput() {
        @Override
        public void set(boolean on) {
        }

        @Override
        public void close() {
        }

        @Override
        public String toString() {
            return "LedOutput.NONE";
        }
    };
}
