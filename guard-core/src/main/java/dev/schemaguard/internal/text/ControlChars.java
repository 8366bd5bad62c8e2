package dev.schemaguard.internal.text;

/**
 * Control characters (C0, DEL, C1) from input (a file name, a manifest line, a driver's message)
 * never reach a line raw: one NUL makes {@code grep} treat the whole log as binary, an ESC drives
 * the reader's terminal. Each is written as {@code \xHH}.
 */
public final class ControlChars {
    private ControlChars() {
    }

    public static boolean isControl(char c) {
        return c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f);
    }

    /** The first control character's index, or -1. */
    public static int indexOfControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (isControl(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /** {@code text} with every control character written as {@code \xHH}; null stays null. */
    public static String escape(String text) {
        if (text == null || indexOfControl(text) < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isControl(c)) {
                appendEscaped(out, c);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    static void appendEscaped(StringBuilder out, char c) {
        out.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
    }
}
