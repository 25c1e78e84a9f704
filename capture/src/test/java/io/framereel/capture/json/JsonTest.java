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

    @Test
    void parsesTheFlatObjectsTheDaemonReplies() {
        java.util.Map<String, String> m = Json.parseFlatObject(
                " {\"ok\":true, \"n\": -12.5,\"s\":\"a\\\"b\\n\\u00e9\",\"none\":null} ");
        assertEquals(java.util.List.of("ok", "n", "s", "none"), java.util.List.copyOf(m.keySet()));
        assertEquals("true", m.get("ok"));
        assertEquals("-12.5", m.get("n"));
        assertEquals("a\"b\n\u00e9", m.get("s"));
        assertEquals(null, m.get("none"));
        assertEquals(java.util.Map.of(), Json.parseFlatObject("{}"));
    }

    @Test
    void roundTripsWhatItWrites() {
        String s = "tab\t \"quote\" \u2028 back\\slash";
        assertEquals(s, Json.parseFlatObject("{\"k\":" + Json.string(s) + "}").get("k"));
    }

    @Test
    void refusesNestingAndNamesTheOffset() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Json.parseFlatObject("{\"a\":{\"b\":1}}"));
        assertEquals("JSON: expected a plain value at offset 5", e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Json.parseFlatObject("{\"a\":1"));
        assertEquals("JSON: unexpected end at offset 6", e.getMessage());
    }
}
