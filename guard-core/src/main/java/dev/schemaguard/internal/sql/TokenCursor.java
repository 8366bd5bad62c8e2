package dev.schemaguard.internal.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A cursor over the tokens of one statement. Grammar code reads with accept/expect; anything it
 * does not expect throws {@link NotRecognized}, so a statement is additive only if every token
 * was consumed by a rule that understood it.
 */
final class TokenCursor {
    /** The statement does not match the grammar being tried. Cheap: no stack trace. */
    static final class NotRecognized extends RuntimeException {
        NotRecognized(String message) {
            super(message, null, false, false);
        }
    }

    private final List<Token> tokens;
    private int index;

    TokenCursor(List<Token> tokens) {
        this.tokens = tokens;
    }

    boolean atEnd() {
        return index >= tokens.size();
    }

    Token peek() {
        return peek(0);
    }

    Token peek(int ahead) {
        int i = index + ahead;
        return i < tokens.size() ? tokens.get(i) : null;
    }

    boolean peekWord(String word) {
        return !atEnd() && tokens.get(index).isWord(word);
    }

    /** Whether the next tokens are exactly these keywords, in order. */
    boolean peekWords(String... words) {
        for (int k = 0; k < words.length; k++) {
            Token t = peek(k);
            if (t == null || !t.isWord(words[k])) {
                return false;
            }
        }
        return true;
    }

    boolean acceptWords(String... words) {
        if (!peekWords(words)) {
            return false;
        }
        index += words.length;
        return true;
    }

    void expectWords(String... words) {
        if (!acceptWords(words)) {
            throw unexpected("expected " + String.join(" ", words));
        }
    }

    boolean peekOp(String op) {
        return !atEnd() && tokens.get(index).isOp(op);
    }

    boolean acceptOp(String op) {
        if (!peekOp(op)) {
            return false;
        }
        index++;
        return true;
    }

    void expectOp(String op) {
        if (!acceptOp(op)) {
            throw unexpected("expected '" + op + "'");
        }
    }

    Token next() {
        if (atEnd()) {
            throw new NotRecognized("the statement ends too early");
        }
        return tokens.get(index++);
    }

    /** Consumes "( ... )" with balanced brackets and returns the tokens inside. */
    List<Token> group() {
        expectOp("(");
        List<Token> inner = until(t -> false);
        if (!acceptOp(")")) {
            throw unexpected("unbalanced parentheses");
        }
        return inner;
    }

    /**
     * Consumes tokens up to (not including) the first one at bracket depth 0 that matches
     * {@code stop}, an unmatched closing bracket, or the end.
     */
    List<Token> until(Predicate<Token> stop) {
        List<Token> taken = new ArrayList<>();
        int depth = 0;
        while (!atEnd()) {
            Token t = tokens.get(index);
            if (depth == 0 && (stop.test(t) || t.isOp(")") || t.isOp("]"))) {
                break;
            }
            if (t.isOp("(") || t.isOp("[")) {
                depth++;
            } else if (t.isOp(")") || t.isOp("]")) {
                depth--;
            }
            taken.add(t);
            index++;
        }
        if (depth != 0) {
            throw new NotRecognized("unbalanced parentheses");
        }
        return taken;
    }

    /** Consumes everything that is left, which must have balanced brackets. */
    List<Token> rest() {
        List<Token> taken = until(t -> false);
        if (!atEnd()) {
            throw unexpected("unbalanced parentheses");
        }
        return taken;
    }

    void expectEnd() {
        if (!atEnd()) {
            throw unexpected("unexpected text");
        }
    }

    NotRecognized unexpected(String what) {
        Token t = peek();
        return new NotRecognized(what + (t == null ? " at the end of the statement"
                : " at '" + t.raw() + "' (line " + t.line() + ")"));
    }
}
