package dev.schemaguard.internal.text;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The small logfmt dialect Schema Guard prints: {@code key=value} pairs separated by spaces,
 * values with spaces or quotes in double quotes with {@code \"} and {@code \\} escapes, and control
 * characters (a newline included) written as {@code \xHH} inside quotes, so that a line stays one
 * line of printable text whatever its input held.
 *
 * <p>Parsing is lenient on purpose: a watchdog reads whatever a log pipeline hands it, so a
 * token without {@code =}, an empty key or an unterminated quote is skipped or taken as is,
 * never an exception.
 */
public final class Logfmt {

    private Logfmt() {
    }

    /** Parses {@code text} into its key/value pairs in order; later duplicates win. */
    public static Map<String, String> parse(String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            int keyStart = i;
            while (i < n && text.charAt(i) != '=' && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            String key = text.substring(keyStart, i);
            if (i >= n || text.charAt(i) != '=') {
                continue; // a bare word: not a field, skip it
            }
            i++; // '='
            StringBuilder value = new StringBuilder();
            if (i < n && text.charAt(i) == '"') {
                i = readQuoted(text, i + 1, value);
            } else {
                while (i < n && !Character.isWhitespace(text.charAt(i))) {
                    value.append(text.charAt(i++));
                }
            }
            if (!key.isEmpty()) {
                fields.put(key, value.toString());
            }
        }
        return Collections.unmodifiableMap(fields);
    }

    /** Reads a quoted value starting after the opening quote; returns the index after it. */
    private static int readQuoted(String text, int i, StringBuilder value) {
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i++);
            if (c == '"') {
                return i;
            }
            if (c == '\\' && i + 2 < n && text.charAt(i) == 'x' && isHex(text.charAt(i + 1)) && isHex(text.charAt(i + 2))) {
                value.append((char) Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 3;
            } else if (c == '\\' && i < n) {
                value.append(text.charAt(i++));
            } else {
                value.append(c);
            }
        }
        return i; // unterminated: the rest of the line is the value
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    /** Formats one {@code key=value} pair, quoting the value when logfmt requires it. */
    public static String pair(String key, String value) {
        return key + "=" + quoteIfNeeded(value);
    }

    public static String quoteIfNeeded(String value) {
        boolean plain = !value.isEmpty();
        for (int i = 0; i < value.length() && plain; i++) {
            char c = value.charAt(i);
            plain = !Character.isWhitespace(c) && c != '"' && c != '=' && c != '\\' && !ControlChars.isControl(c);
        }
        if (plain) {
            return value;
        }
        StringBuilder quoted = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (ControlChars.isControl(c)) {
                ControlChars.appendEscaped(quoted, c);
                continue;
            }
            if (c == '"' || c == '\\') {
                quoted.append('\\');
            }
            quoted.append(c);
        }
        return quoted.append('"').toString();
    }
}
