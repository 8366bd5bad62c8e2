package dev.schemaguard.mariadb.internal.sql;

import dev.schemaguard.internal.sql.Lexer;
import dev.schemaguard.internal.sql.Token;

/**
 * MariaDB's scanner (sql_lex.cc), which MySQL shares: block comments do not nest, {@code #} and
 * {@code -- } (two dashes then a space or control character) start line comments, identifiers may be
 * quoted with backticks. Deviations on purpose, all failing closed:
 * <ul>
 * <li>{@code /*!...*&#47;} and {@code /*M!...*&#47;} are refused: the server executes what is inside them.</li>
 * <li>A backslash inside a '...' or "..." literal is refused: whether it escapes the next character
 *     depends on sql_mode (NO_BACKSLASH_ESCAPES), and so do the literal's end and the statement's.</li>
 * <li>"..." is read as a quoted identifier (sql_mode ANSI_QUOTES); without that mode the server reads it
 *     as a string. Either way it is never a known constant, so a default written with it is refused.</li>
 * <li>A number glued to letters is refused: MariaDB reads {@code 1abc} as an identifier, {@code 1e5} as a
 *     number, and {@code 0x1g} as an identifier.</li>
 * </ul>
 */
final class MariaDbLexer extends Lexer {
    MariaDbLexer(String s) {
        super(s);
    }

    @Override
    protected boolean startsComment() {
        char c = s.charAt(pos);
        return c == '#' || (c == '/' && at(pos + 1) == '*') || (c == '-' && at(pos + 1) == '-' && dashCommentFollows());
    }

    /** "--" starts a comment only before whitespace, a control character or the end. */
    private boolean dashCommentFollows() {
        char c = at(pos + 2);
        return c == '\0' || c <= ' ';
    }

    @Override
    protected String skipComment() {
        if (s.charAt(pos) != '/') {
            while (pos < s.length() && s.charAt(pos) != '\n') {
                pos++;
            }
            return null;
        }
        if (at(pos + 2) == '!' || (at(pos + 2) == 'M' && at(pos + 3) == '!')) {
            pos += 3;
            return "executable comment /*! ... */ (the server runs what is inside it; write the statement out)";
        }
        int end = s.indexOf("*/", pos + 2);
        if (end < 0) {
            pos = s.length();
            return "unterminated block comment";
        }
        pos = end + 2;
        return null;
    }

    @Override
    protected String scanToken() {
        int start = pos;
        char c = s.charAt(pos);
        char next = at(pos + 1);
        if (c == '\'') {
            return quoted(start, '\'', Token.Kind.STRING, "string literal");
        }
        if (c == '"') {
            return quoted(start, '"', Token.Kind.QUOTED_IDENT, "double-quoted text");
        }
        if (c == '`') {
            String body = scanDoubled('`');
            if (body == null) {
                return "unterminated `identifier`";
            }
            if (body.isEmpty()) {
                return "empty `identifier`";
            }
            emit(Token.Kind.QUOTED_IDENT, start, body);
            return null;
        }
        if ((c == 'x' || c == 'X' || c == 'b' || c == 'B') && next == '\'') {
            return bitOrHexString(start);
        }
        if ((c == 'n' || c == 'N') && next == '\'') {
            pos++;
            return quoted(start, '\'', Token.Kind.STRING, "string literal");
        }
        if (isDigit(c) || (c == '.' && isDigit(next))) {
            return number(start);
        }
        if (isIdentStart(c)) {
            while (pos < s.length() && isIdentPart(s.charAt(pos))) {
                pos++;
            }
            emit(Token.Kind.WORD, start);
            return null;
        }
        if (c == '@' || c == '?') {
            return variable(start);
        }
        return operator(start);
    }

    private String quoted(int start, char quote, Token.Kind kind, String what) {
        int close = pos + 1;
        while (close < s.length()) {
            char c = s.charAt(close);
            if (c == '\\') {
                pos = close + 1;
                return "backslash in a " + quote + "..." + quote + " literal (whether it escapes depends on sql_mode "
                        + "NO_BACKSLASH_ESCAPES; write the character itself, or use X'...')";
            }
            if (c == quote) {
                if (at(close + 1) == quote) {
                    close += 2;
                    continue;
                }
                break;
            }
            close++;
        }
        String body = scanDoubled(quote);
        if (body == null) {
            return "unterminated " + what;
        }
        emit(kind, start, body);
        return null;
    }

    private String bitOrHexString(int start) {
        boolean hex = s.charAt(pos) == 'x' || s.charAt(pos) == 'X';
        pos += 2;
        while (pos < s.length() && s.charAt(pos) != '\'') {
            char c = s.charAt(pos);
            boolean ok = hex ? Character.digit(c, 16) >= 0 && c < 0x80 : c == '0' || c == '1';
            if (!ok) {
                return "malformed " + (hex ? "hex" : "bit") + " literal";
            }
            pos++;
        }
        if (pos >= s.length()) {
            return "unterminated " + (hex ? "hex" : "bit") + " literal";
        }
        pos++;
        if (hex && (pos - start - 3) % 2 != 0) {
            return "malformed hex literal (an odd number of digits)";
        }
        emit(Token.Kind.BLOB, start);
        return null;
    }

    private String number(int start) {
        char c1 = at(pos + 1);
        if (s.charAt(pos) == '0' && (c1 == 'x' || c1 == 'b')) {
            pos += 2;
            hexDigits(false);
        } else {
            decimal(false, false);
        }
        return endNumber(start, "a number followed by letters (MariaDB may read it as an identifier)");
    }

    /** @name, @@name, @@session.name, @'quoted', and the ? placeholder. */
    private String variable(int start) {
        pos++;
        if (s.charAt(start) == '@') {
            if (at(pos) == '@') {
                pos++;
            }
            if (at(pos) == '\'' || at(pos) == '"' || at(pos) == '`') {
                String body = scanDoubled(at(pos));
                if (body == null) {
                    return "unterminated quoted variable name";
                }
            } else {
                while (pos < s.length() && (isIdentPart(s.charAt(pos)) || s.charAt(pos) == '.')) {
                    pos++;
                }
            }
        }
        emit(Token.Kind.PARAM, start);
        return null;
    }

    private String operator(int start) {
        for (String op : new String[] {"<=>", "->>", ":=", "||", "&&", "<<", ">>", "<=", ">=", "<>", "!=", "->"}) {
            if (s.startsWith(op, pos)) {
                pos += op.length();
                emit(Token.Kind.OP, start);
                return null;
            }
        }
        if ("+-*/%^|&~!=<>(),.;:{}".indexOf(s.charAt(pos)) >= 0) {
            pos++;
            emit(Token.Kind.OP, start);
            return null;
        }
        pos++;
        return String.format("unexpected character '%s'", s.substring(start, pos));
    }
}
