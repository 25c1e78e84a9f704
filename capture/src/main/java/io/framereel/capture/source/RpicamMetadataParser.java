package io.framereel.capture.source;

import java.nio.charset.StandardCharsets;

/**
 * Picks {@code SensorTimestamp} out of rpicam-vid's {@code --metadata-format json} output, byte by byte as it
 * arrives, without building strings. rpicam-vid ({@code write_metadata} in output/output.cpp) writes one JSON
 * object per frame, in frame order, inside one array:
 *
 * <pre>
 * [
 * {
 *     "SensorTimestamp": 1234567890123,
 *     "ScalerCrop": "(0, 0)/4608x2592",
 *     "ColourGains": [ 1.9, 1.6 ],
 *     ...
 * },
 * {
 * </pre>
 *
 * Each key line is flushed as the next one starts, but an object's closing brace only goes out with the next
 * frame's metadata, so a timestamp is reported as soon as its number ends rather than at the closing brace.
 * Objects are counted at their opening brace: the n-th object belongs to the n-th frame on the pipe.
 * Values may be numbers, quoted strings (which may hold braces), arrays or nested objects; only top-level keys
 * of a frame's object are looked at. Not thread-safe; allocates nothing.
 */
final class RpicamMetadataParser {
    /** Receives what the parser finds, on the parsing thread. */
    interface Listener {
        /** A frame's metadata object began. */
        void objectStarted();

        /** The current object's SensorTimestamp, in nanoseconds. */
        void sensorTimestamp(long nanos);
    }

    private static final byte[] KEY = "SensorTimestamp".getBytes(StandardCharsets.US_ASCII);

    private enum Mode {
        /** Not at a place where the timestamp key or value can be. */
        OTHER,
        /** In an object, where the next string is a key. */
        KEY_EXPECTED,
        /** After the SensorTimestamp key, before its colon. */
        AFTER_KEY,
        /** After the colon: skipping blanks, then reading digits. */
        TIMESTAMP
    }

    private final Listener listener;
    private final byte[] key = new byte[KEY.length];
    private int braceDepth;
    /** Brackets opened inside the current frame object (arrays among its values). */
    private int bracketDepth;
    private boolean inString;
    private boolean escaped;
    private boolean readingKey;
    private int keyLength;
    private Mode mode = Mode.OTHER;
    private long value;
    private int digits;

    RpicamMetadataParser(Listener listener) {
        this.listener = listener;
    }

    /** Parses {@code bytes[offset, offset + length)}, the next bytes of the stream. */
    void feed(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            accept(bytes[i]);
        }
    }

    private void accept(byte c) {
        if (inString) {
            string(c);
            return;
        }
        if (mode == Mode.TIMESTAMP) {
            if (c >= '0' && c <= '9') {
                if (digits < 19) { // a nanosecond count of up to 19 digits fits a long
                    value = value * 10 + (c - '0');
                }
                digits++;
                return;
            }
            if (digits > 0) {
                endTimestamp();
            } else if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                mode = Mode.OTHER; // not a number (null, a string): no timestamp for this frame
            }
        }
        structure(c);
    }

    private void string(byte c) {
        if (escaped) {
            escaped = false;
        } else if (c == '\\') {
            escaped = true;
        } else if (c == '"') {
            inString = false;
            if (readingKey) {
                readingKey = false;
                mode = keyLength == KEY.length && matchesKey() ? Mode.AFTER_KEY : Mode.OTHER;
            }
            return;
        }
        if (readingKey) {
            if (keyLength < key.length) {
                key[keyLength] = c;
            }
            keyLength++;
        }
    }

    private void structure(byte c) {
        switch (c) {
            case '"':
                inString = true;
                readingKey = mode == Mode.KEY_EXPECTED && braceDepth == 1 && bracketDepth == 0;
                keyLength = 0;
                break;
            case '{':
                braceDepth++;
                if (braceDepth == 1) {
                    bracketDepth = 0;
                    mode = Mode.KEY_EXPECTED;
                    listener.objectStarted();
                }
                break;
            case '}':
                if (braceDepth > 0) {
                    braceDepth--;
                }
                mode = Mode.OTHER; // the end of a frame's object, or of an object among its values
                break;
            case '[':
                if (braceDepth > 0) {
                    bracketDepth++;
                }
                break;
            case ']':
                if (braceDepth > 0 && bracketDepth > 0) {
                    bracketDepth--;
                }
                break;
            case ':':
                if (mode == Mode.AFTER_KEY) {
                    mode = Mode.TIMESTAMP;
                    value = 0;
                    digits = 0;
                }
                break;
            case ',':
                if (braceDepth == 1 && bracketDepth == 0) {
                    mode = Mode.KEY_EXPECTED;
                }
                break;
            default:
                break;
        }
    }

    private void endTimestamp() {
        mode = Mode.OTHER;
        if (digits <= 19 && value > 0) {
            listener.sensorTimestamp(value); // 0 is libcamera's "no timestamp" (value_or(0)), reported as none
        }
    }

    private boolean matchesKey() {
        for (int i = 0; i < KEY.length; i++) {
            if (key[i] != KEY[i]) {
                return false;
            }
        }
        return true;
    }
}
