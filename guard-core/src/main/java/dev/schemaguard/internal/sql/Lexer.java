package dev.schemaguard.internal.sql;

import dev.schemaguard.internal.Interruptions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Tokenizes SQL exactly as the target server does, so that statement boundaries, comments and
 * literals are seen the way the server will see them. Stops at the first error: an unterminated
 * literal or comment, a character the server rejects, or a control character anywhere (a migration
 * file has no business holding NUL or other control characters, even in comments).
 */
public abstract class Lexer {
    public record LexError(int start, int line, String message) {}

    public record Result(List<Token> tokens, LexError error) {}

    protected final String s;
    protected int pos;
    private final int[] newlines;
    private final int firstControl;
    private final List<Token> tokens = new ArrayList<>();
    private Consumer<Token> sink = tokens::add;
    private int emitted;

    protected Lexer(String s) {
        this.s = s;
        int count = 0;
        int control = -1;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n') {
                count++;
            } else if (control < 0 && isControl(c)) {
                control = i;
            }
        }
        // Two passes into a plain array: a 47 MB script has a million lines, boxed they would cost the heap dearly.
        int[] nl = new int[count];
        for (int i = 0, n = 0; n < count; i++) {
            if (s.charAt(i) == '\n') {
                nl[n++] = i;
            }
        }
        this.newlines = nl;
        this.firstControl = control;
    }

    /** Tab, line feed, form feed and carriage return are the only control characters allowed. */
    private static boolean isControl(char c) {
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\f' && c != '\r') || c == 0x7f;
    }

    /** Both servers treat only these ASCII characters as whitespace; U+00A0 etc. are identifier characters. */
    protected static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
    }

    protected static boolean isIdentStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
    }

    protected static boolean isIdentPart(char c) {
        return isIdentStart(c) || (c >= '0' && c <= '9') || c == '$';
    }

    protected static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    protected char at(int i) {
        return i < s.length() ? s.charAt(i) : '\0';
    }

    protected int lineAt(int offset) {
        int lo = 0;
        int hi = newlines.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (newlines[mid] < offset) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo + 1;
    }

    /**
     * Tokenizes the whole text, handing each token to {@code consumer} as it is read instead of keeping
     * them all (a 47 MB script has millions); call once. Returns the first lexical error, or null.
     */
    public LexError run(Consumer<Token> consumer) {
        this.sink = consumer;
        return run().error();
    }

    /** Tokenizes the whole text; call once. */
    public Result run() {
        while (pos < s.length()) {
            int start = pos;
            if (isSpace(s.charAt(pos))) {
                pos++;
                continue;
            }
            String error;
            if (startsComment()) {
                error = skipComment();
            } else {
                error = scanToken();
            }
            if (firstControl >= start && firstControl < Math.max(pos, start + 1)) {
                error = String.format("control character U+%04X at line %d",
                        (int) s.charAt(firstControl), lineAt(firstControl));
            } else if (error != null) {
                error = error + " starting at line " + lineAt(start);
            }
            if (error != null) {
                return new Result(tokens, new LexError(start, lineAt(start), error));
            }
        }
        return new Result(tokens, null);
    }

    protected void emit(Token.Kind kind, int start, String value) {
        String raw = s.substring(start, pos);
        emitToken(kind, start, raw, value.equals(raw) ? raw : value);
    }

    protected void emit(Token.Kind kind, int start) {
        String raw = s.substring(start, pos);
        emitToken(kind, start, raw, raw);
    }

    private void emitToken(Token.Kind kind, int start, String raw, String value) {
        if ((emitted++ & 0x3ff) == 0) {
            Interruptions.check(); // a 47 MB script has millions of tokens: stop at the deadline, not at the end
        }
        sink.accept(new Token(kind, raw, value, start, pos, lineAt(start)));
    }

    /** Scans a quoted run closed by {@code quote}, where a doubled quote stands for itself; returns the unescaped body or null if unterminated. */
    protected String scanDoubled(char quote) {
        StringBuilder body = new StringBuilder();
        pos++;
        while (pos < s.length()) {
            char c = s.charAt(pos++);
            if (c == quote) {
                if (at(pos) == quote) {
                    body.append(quote);
                    pos++;
                    continue;
                }
                return body.toString();
            }
            body.append(c);
        }
        return null;
    }

    /**
     * The rest of a decimal number from {@code pos}: digits, a fraction, an exponent. {@code underscores}:
     * a '_' between two digits is part of the number (SQLite 3.46, PostgreSQL 16). {@code rangeEndsFraction}:
     * "1..2" is a number, a range and a number, not "1." and ".2" (PostgreSQL).
     */
    protected final void decimal(boolean underscores, boolean rangeEndsFraction) {
        digits(underscores);
        if (at(pos) == '.' && !(rangeEndsFraction && at(pos + 1) == '.')) {
            pos++;
            digits(underscores);
        }
        if ((at(pos) == 'e' || at(pos) == 'E')
                && (isDigit(at(pos + 1)) || ((at(pos + 1) == '+' || at(pos + 1) == '-') && isDigit(at(pos + 2))))) {
            pos += 2;
            digits(underscores);
        }
    }

    /** Hexadecimal digits from {@code pos} (ASCII only: a full-width digit is no digit to the server); '_' too if {@code underscores}. */
    protected final void hexDigits(boolean underscores) {
        while (Character.digit(at(pos), 16) >= 0 && at(pos) < 0x80 || underscores && at(pos) == '_') {
            pos++;
        }
    }

    private void digits(boolean underscores) {
        while (isDigit(at(pos)) || (underscores && at(pos) == '_' && isDigit(at(pos + 1)))) {
            pos++;
        }
    }

    /**
     * Ends a number scanned from {@code start}: a letter right after it is the error {@code junk} (every
     * server refuses or misreads "123abc"); otherwise the number is emitted.
     */
    protected final String endNumber(int start, String junk) {
        if (isIdentPart(at(pos))) {
            pos++;
            return junk;
        }
        emit(Token.Kind.NUMBER, start);
        return null;
    }

    protected abstract boolean startsComment();

    /** Skips one comment; returns an error message or null. */
    protected abstract String skipComment();

    /** Scans one token and emits it; returns an error message or null. */
    protected abstract String scanToken();
}
