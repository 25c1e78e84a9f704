package io.framereel.capture.json;

/**
 * The little JSON the command line prints, written by hand so the jar needs no JSON library: string
 * escaping per RFC 8259. Stateless and thread-safe.
 */
public final class Json {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Json() {
    }

    /** Returns {@code s} as a JSON string literal, quotes included; null becomes {@code null}. */
    public static String string(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"':
                    sb.append("\\\"");
                    break;
                case '\\':
                    sb.append("\\\\");
                    break;
                case '\n':
                    sb.append("\\n");
                    break;
                case '\r':
                    sb.append("\\r");
                    break;
                case '\t':
                    sb.append("\\t");
                    break;
                case '\b':
                    sb.append("\\b");
                    break;
                case '\f':
                    sb.append("\\f");
                    break;
                default:
                    // Control characters must be escaped; U+2028/9 too, so the output is also valid JavaScript.
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        sb.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF])
                                .append(HEX[c >> 4 & 0xF]).append(HEX[c & 0xF]);
                    } else {
                        sb.append(c);
                    }
            }
        }
        return sb.append('"').toString();
    }

    /**
     * Parses one flat JSON object (string, number, boolean and null values; no nesting), as the daemon's control
     * socket replies, into its members in order; numbers and booleans stay as their text, null becomes null.
     *
     * @throws IllegalArgumentException naming the offset where the text stops being such an object
     */
    public static java.util.Map<String, String> parseFlatObject(String text) {
        java.util.Map<String, String> members = new java.util.LinkedHashMap<>();
        int[] pos = {skipSpace(text, 0)};
        expect(text, pos, '{');
        if (peek(text, pos) == '}') {
            pos[0]++;
            return members;
        }
        while (true) {
            String key = parseString(text, pos);
            expect(text, pos, ':');
            String value;
            if (peek(text, pos) == '"') {
                value = parseString(text, pos);
            } else {
                int start = pos[0];
                while (pos[0] < text.length() && ",} \t\r\n".indexOf(text.charAt(pos[0])) < 0) {
                    pos[0]++;
                }
                value = text.substring(start, pos[0]);
                if (value.isEmpty() || value.startsWith("{") || value.startsWith("[")) {
                    throw new IllegalArgumentException("JSON: expected a plain value at offset " + start);
                }
                value = value.equals("null") ? null : value;
            }
            members.put(key, value);
            char c = peek(text, pos);
            pos[0]++;
            if (c == '}') {
                return members;
            }
            if (c != ',') {
                throw new IllegalArgumentException("JSON: expected ',' or '}' at offset " + (pos[0] - 1));
            }
        }
    }

    private static String parseString(String text, int[] pos) {
        expect(text, pos, '"');
        StringBuilder sb = new StringBuilder();
        while (pos[0] < text.length()) {
            char c = text.charAt(pos[0]++);
            if (c == '"') {
                return sb.toString();
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (pos[0] >= text.length()) {
                break;
            }
            char e = text.charAt(pos[0]++);
            switch (e) {
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'u' -> {
                    if (pos[0] + 4 > text.length()) {
                        throw new IllegalArgumentException("JSON: short \\u escape at offset " + (pos[0] - 2));
                    }
                    sb.append((char) Integer.parseInt(text.substring(pos[0], pos[0] + 4), 16));
                    pos[0] += 4;
                }
                default -> sb.append(e);
            }
        }
        throw new IllegalArgumentException("JSON: unterminated string");
    }

    private static char peek(String text, int[] pos) {
        pos[0] = skipSpace(text, pos[0]);
        if (pos[0] >= text.length()) {
            throw new IllegalArgumentException("JSON: unexpected end at offset " + pos[0]);
        }
        return text.charAt(pos[0]);
    }

    private static void expect(String text, int[] pos, char c) {
        if (peek(text, pos) != c) {
            throw new IllegalArgumentException("JSON: expected '" + c + "' at offset " + pos[0]);
        }
        pos[0]++;
    }

    private static int skipSpace(String text, int i) {
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }
}
