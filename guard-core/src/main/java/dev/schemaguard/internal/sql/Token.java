package dev.schemaguard.internal.sql;

/**
 * One lexical token. {@code raw} is the source text; {@code value} is the unquoted identifier for
 * {@link Kind#QUOTED_IDENT}, the raw text otherwise. Keyword tests are ASCII-only on purpose: both
 * servers fold only ASCII letters, so a Cyrillic "О" or a Kelvin sign never matches a keyword
 * (Java's equalsIgnoreCase would match "ı" to "I").
 */
public record Token(Kind kind, String raw, String value, int start, int end, int line) {
    public enum Kind { WORD, QUOTED_IDENT, STRING, NUMBER, BLOB, PARAM, OP }

    public boolean isWord(String keyword) {
        return kind == Kind.WORD && asciiEqualsIgnoreCase(raw, keyword);
    }

    public boolean isOp(String op) {
        return kind == Kind.OP && raw.equals(op);
    }

    public boolean isName() {
        return kind == Kind.WORD || kind == Kind.QUOTED_IDENT;
    }

    /** The identifier as the server would look it up, ASCII-lower-cased. */
    public String folded() {
        return asciiLower(kind == Kind.QUOTED_IDENT ? value : raw);
    }

    public static boolean asciiEqualsIgnoreCase(String a, String b) {
        if (a.length() != b.length()) {
            return false;
        }
        for (int i = 0; i < a.length(); i++) {
            if (asciiLower(a.charAt(i)) != asciiLower(b.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    public static char asciiLower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }

    public static String asciiLower(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            sb.append(asciiLower(s.charAt(i)));
        }
        return sb.toString();
    }
}
