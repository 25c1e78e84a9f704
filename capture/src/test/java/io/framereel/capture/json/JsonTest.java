package io.framereel.capture.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

// Scope: JSON string escaping used by `info --json`.
class JsonTest {

    @Test
    void quotesPlainText() {
        assertEquals("\"RGB565 frame é\"", Json.string("RGB565 frame é"));
    }

    @Test
    void escapesQuotesBackslashesAndShortFormControls() {
        assertEquals("\"a\\\"b\\\\c\\nd\\re\\tf\\bg\\fh\"", Json.string("a\"b\\c\nd\re\tf\bg\fh"));
    }

    @Test
    void escapesOtherControlCharactersAndLineSeparatorsAsUnicode() {
        assertEquals("\"\\u0000\\u001f\\u2028\\u2029\"", Json.string("\u0000\u001f\u2028\u2029"));
    }

    @Test
    void writesNullForNull() {
        assertEquals("null", Json.string(null));
    }
}
