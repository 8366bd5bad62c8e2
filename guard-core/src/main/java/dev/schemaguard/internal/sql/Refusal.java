package dev.schemaguard.internal.sql;

import java.util.Objects;

/**
 * Why one statement is not additive.
 *
 * @param statement an excerpt of the statement, at most 100 characters, on one line
 * @param detail a sentence saying what is wrong and how to fix it
 */
public record Refusal(Rule rule, int line, String statement, String detail) {
    static final int EXCERPT_LIMIT = 100;

    public Refusal {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(statement, "statement");
        Objects.requireNonNull(detail, "detail");
    }

    /** Collapses whitespace and control characters so the excerpt fits a single log line. */
    static String excerpt(String text) {
        StringBuilder sb = new StringBuilder();
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= ' ' || c == 0x7f || Character.isWhitespace(c) || Character.isISOControl(c)
                    || c == '\u2028' || c == '\u2029') {
                space = sb.length() > 0;
                continue;
            }
            if (space) {
                sb.append(' ');
                space = false;
            }
            sb.append(c);
        }
        if (sb.length() > EXCERPT_LIMIT) {
            sb.setLength(EXCERPT_LIMIT - 3);
            sb.append("...");
        }
        return sb.toString();
    }
}
