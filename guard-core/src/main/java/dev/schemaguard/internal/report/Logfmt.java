package dev.schemaguard.internal.report;

import java.util.Map;

/** Writes {@code key=value} pairs the way logfmt readers expect: quoted when a value has spaces, quotes or '='. */
public final class Logfmt {
    private Logfmt() {
    }

    public static String value(String value) {
        if (value == null || value.isEmpty()) {
            return "\"\"";
        }
        boolean plain = value.chars().allMatch(c -> c > ' ' && c != '"' && c != '=' && c != '\\' && c < 127);
        if (plain) {
            return value;
        }
        StringBuilder quoted = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n', '\r', '\t' -> quoted.append(' ');
                default -> quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }

    public static void append(StringBuilder line, Map<String, String> pairs) {
        pairs.forEach((k, v) -> line.append(' ').append(k).append('=').append(value(v)));
    }
}
