package dev.schemaguard.sqlite.internal.sql;

import dev.schemaguard.internal.sql.Lexer;
import dev.schemaguard.internal.sql.Token;

/**
 * SQLite's tokenizer (tokenize.c): block comments do not nest, a line comment ends only at '\n',
 * strings are '...' with '' escapes and no backslash escapes, identifiers may be "...", [...] or
 * `...`. Deviation on purpose: an unterminated block comment is an error here, while SQLite
 * silently swallows the rest of the file as a comment.
 */
final class SqliteLexer extends Lexer {
    SqliteLexer(String s) {
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
            int end = s.indexOf('\n', pos);
            pos = end < 0 ? s.length() : end;
            return null;
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
        if (c == '\'') {
            return quoted(start, '\'', Token.Kind.STRING, "string literal");
        }
        if (c == '"' || c == '`') {
            return quoted(start, c, Token.Kind.QUOTED_IDENT, "quoted identifier");
        }
        if (c == '[') {
            int end = s.indexOf(']', pos);
            if (end < 0) {
                pos = s.length();
                return "unterminated [identifier]";
            }
            pos = end + 1;
            emit(Token.Kind.QUOTED_IDENT, start, s.substring(start + 1, end));
            return null;
        }
        if ((c == 'x' || c == 'X') && at(pos + 1) == '\'') {
            return blob(start);
        }
        if (isDigit(c) || (c == '.' && isDigit(at(pos + 1)))) {
            return number(start);
        }
        if (isIdentStart(c)) {
            while (pos < s.length() && isIdentPart(s.charAt(pos))) {
                pos++;
            }
            emit(Token.Kind.WORD, start);
            return null;
        }
        if (c == '?' || c == ':' || c == '@' || c == '$' || c == '#') {
            pos++;
            while (pos < s.length() && isIdentPart(s.charAt(pos))) {
                pos++;
            }
            emit(Token.Kind.PARAM, start);
            return null;
        }
        return operator(start);
    }

    private String quoted(int start, char quote, Token.Kind kind, String what) {
        String body = scanDoubled(quote);
        if (body == null) {
            return "unterminated " + what;
        }
        emit(kind, start, body);
        return null;
    }

    private String blob(int start) {
        pos += 2;
        while (pos < s.length() && s.charAt(pos) != '\'') {
            pos++;
        }
        if (pos >= s.length()) {
            return "unterminated blob literal";
        }
        pos++;
        String hex = s.substring(start + 2, pos - 1);
        if (hex.length() % 2 != 0 || !hex.chars().allMatch(ch -> Character.digit(ch, 16) >= 0 && ch < 0x80)) {
            return "malformed blob literal";
        }
        emit(Token.Kind.BLOB, start);
        return null;
    }

    private String number(int start) {
        if (s.charAt(pos) == '0' && (at(pos + 1) == 'x' || at(pos + 1) == 'X') && Character.digit(at(pos + 2), 16) >= 0) {
            pos += 2;
            hexDigits(true);
        } else {
            decimal(true, false);
        }
        return endNumber(start, "unrecognized token (a number followed by letters)");
    }

    private String operator(int start) {
        String two = s.substring(pos, Math.min(pos + 2, s.length()));
        if (s.startsWith("->>", pos)) {
            pos += 3;
        } else if (two.equals("||") || two.equals("<=") || two.equals("<>") || two.equals("<<") || two.equals(">=")
                || two.equals(">>") || two.equals("==") || two.equals("!=") || two.equals("->")) {
            pos += 2;
        } else if ("-+*/%=<>,;().&|~".indexOf(s.charAt(pos)) >= 0) {
            pos++;
        } else {
            pos++;
            return String.format("unrecognized character '%s'", s.substring(start, pos));
        }
        emit(Token.Kind.OP, start);
        return null;
    }
}
