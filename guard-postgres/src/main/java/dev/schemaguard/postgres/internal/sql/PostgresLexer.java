package dev.schemaguard.postgres.internal.sql;

import dev.schemaguard.internal.sql.Lexer;
import dev.schemaguard.internal.sql.Token;

/**
 * PostgreSQL's scanner (scan.l): block comments nest, a line comment ends at '\n' or '\r',
 * E'...' strings take backslash escapes, $tag$...$tag$ dollar quotes, operators are runs of
 * operator characters cut before an embedded "--" or "/*". Deviations on purpose, all failing
 * closed: a plain '...' string holding a backslash is refused (its meaning depends on the
 * server's standard_conforming_strings), U&'...' / U&"..." are refused, and a number followed by
 * letters is refused (older servers read "123abc" as "123 AS abc").
 */
final class PostgresLexer extends Lexer {
    private static final String OP_CHARS = "+-*/<>=~!@#%^&|`?";
    private static final String NON_MATH_OP_CHARS = "~!@#%^&|`?";

    PostgresLexer(String s) {
        super(s);
    }

    @Override
    protected boolean startsComment() {
        char c = s.charAt(pos);
        return (c == '-' && at(pos + 1) == '-') || (c == '/' && at(pos + 1) == '*');
    }

    @Override
    protected String skipComment() {
        if (s.charAt(pos) == '-') {
            while (pos < s.length() && s.charAt(pos) != '\n' && s.charAt(pos) != '\r') {
                pos++;
            }
            return null;
        }
        int depth = 0;
        while (pos < s.length()) {
            if (s.startsWith("/*", pos)) {
                depth++;
                pos += 2;
            } else if (s.startsWith("*/", pos)) {
                depth--;
                pos += 2;
                if (depth == 0) {
                    return null;
                }
            } else {
                pos++;
            }
        }
        return "unterminated block comment";
    }

    @Override
    protected String scanToken() {
        int start = pos;
        char c = s.charAt(pos);
        char next = at(pos + 1);
        if (c == '\'') {
            return plainString(start);
        }
        if ((c == 'e' || c == 'E') && next == '\'') {
            pos++;
            return escapeString(start);
        }
        if ((c == 'b' || c == 'B' || c == 'x' || c == 'X' || c == 'n' || c == 'N') && next == '\'') {
            pos++;
            return plainString(start);
        }
        if ((c == 'u' || c == 'U') && next == '&' && (at(pos + 2) == '\'' || at(pos + 2) == '"')) {
            pos += 3;
            return "U& Unicode-escaped literals and identifiers are not supported";
        }
        if (c == '"') {
            String body = scanDoubled('"');
            if (body == null) {
                return "unterminated quoted identifier";
            }
            if (body.isEmpty()) {
                return "zero-length delimited identifier";
            }
            emit(Token.Kind.QUOTED_IDENT, start, body);
            return null;
        }
        if (c == '$') {
            return dollar(start);
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
        return operator(start);
    }

    private String plainString(int start) {
        int quote = pos;
        String body = scanDoubled('\'');
        if (body == null) {
            return "unterminated string literal";
        }
        if (body.indexOf('\\') >= 0 && endWithBackslashEscapes(quote) != pos) {
            return "backslash before a quote in a '...' string literal (where it ends depends on "
                    + "standard_conforming_strings; use E'...' or double the quote)";
        }
        emit(Token.Kind.STRING, start);
        return null;
    }

    /**
     * Where a '...' string starting at {@code quote} would end if the server read backslashes as
     * escapes (standard_conforming_strings off). When that is where it ends with them read as plain
     * characters (on, the default), both servers see the same tokens and only the value differs.
     */
    private int endWithBackslashEscapes(int quote) {
        int i = quote + 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '\'') {
                if (at(i + 1) != '\'') {
                    return i + 1;
                }
                i += 2;
            } else {
                i++;
            }
        }
        return -1;
    }

    private String escapeString(int start) {
        pos++;
        while (pos < s.length()) {
            char c = s.charAt(pos++);
            if (c == '\\') {
                pos++;
            } else if (c == '\'') {
                if (at(pos) == '\'') {
                    pos++;
                    continue;
                }
                emit(Token.Kind.STRING, start);
                return null;
            }
        }
        pos = Math.min(pos, s.length());
        return "unterminated E'' string literal";
    }

    private String dollar(int start) {
        if (isDigit(at(pos + 1))) {
            pos++;
            while (isDigit(at(pos))) {
                pos++;
            }
            emit(Token.Kind.PARAM, start);
            return null;
        }
        int end = pos + 1;
        if (at(end) != '$') {
            if (!isIdentStart(at(end))) {
                pos++;
                return "unexpected '$'";
            }
            while (end < s.length() && isIdentPart(s.charAt(end)) && s.charAt(end) != '$') {
                end++;
            }
            if (at(end) != '$') {
                pos = end;
                return "malformed dollar-quote tag";
            }
        }
        String tag = s.substring(start, end + 1);
        int close = s.indexOf(tag, end + 1);
        if (close < 0) {
            pos = s.length();
            return "unterminated dollar-quoted string " + tag;
        }
        pos = close + tag.length();
        emit(Token.Kind.STRING, start);
        return null;
    }

    private String number(int start) {
        char c1 = at(pos + 1);
        if (s.charAt(pos) == '0' && "xXoObB".indexOf(c1) >= 0 && c1 != '\0') {
            pos += 2;
            hexDigits(true);
        } else {
            decimal(true, true);
        }
        return endNumber(start, "trailing junk after numeric literal");
    }

    private String operator(int start) {
        char c = s.charAt(pos);
        if (s.startsWith("::", pos) || s.startsWith(":=", pos) || s.startsWith("=>", pos) || s.startsWith("..", pos)) {
            pos += 2;
            emit(Token.Kind.OP, start);
            return null;
        }
        if (",()[].;:".indexOf(c) >= 0) {
            pos++;
            emit(Token.Kind.OP, start);
            return null;
        }
        if (OP_CHARS.indexOf(c) < 0) {
            pos++;
            return String.format("unexpected character '%s'", s.substring(start, pos));
        }
        int end = pos + 1;
        while (end < s.length() && OP_CHARS.indexOf(s.charAt(end)) >= 0
                && !s.startsWith("--", end) && !s.startsWith("/*", end)) {
            end++;
        }
        String op = s.substring(pos, end);
        boolean mathOnly = op.chars().noneMatch(ch -> NON_MATH_OP_CHARS.indexOf(ch) >= 0);
        while (op.length() > 1 && mathOnly && (op.endsWith("+") || op.endsWith("-"))) {
            op = op.substring(0, op.length() - 1);
        }
        pos += op.length();
        emit(Token.Kind.OP, start);
        return null;
    }
}
