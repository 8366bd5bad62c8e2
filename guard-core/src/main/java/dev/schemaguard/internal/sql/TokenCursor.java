package dev.schemaguard.internal.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A cursor over the tokens of one statement. Grammar code reads with accept/expect; anything it
 * does not expect throws {@link NotRecognized}, so a statement is additive only if every token
 * was consumed by a rule that understood it.
 */
public final class TokenCursor {
    /** The statement does not match the grammar being tried. Cheap: no stack trace. */
    public static final class NotRecognized extends RuntimeException {
        public NotRecognized(String message) {
            super(message, null, false, false);
        }
    }

    private final List<Token> tokens;
    private int index;

    public TokenCursor(List<Token> tokens) {
        this.tokens = tokens;
    }

    public boolean atEnd() {
        return index >= tokens.size();
    }

    public Token peek() {
        return peek(0);
    }

    public Token peek(int ahead) {
        int i = index + ahead;
        return i < tokens.size() ? tokens.get(i) : null;
    }

    public boolean peekWord(String word) {
        return !atEnd() && tokens.get(index).isWord(word);
    }

    /** Whether the next tokens are exactly these keywords, in order. */
    public boolean peekWords(String... words) {
        for (int k = 0; k < words.length; k++) {
            Token t = peek(k);
            if (t == null || !t.isWord(words[k])) {
                return false;
            }
        }
        return true;
    }

    public boolean acceptWords(String... words) {
        if (!peekWords(words)) {
            return false;
        }
        index += words.length;
        return true;
    }

    public void expectWords(String... words) {
        if (!acceptWords(words)) {
            throw unexpected("expected " + String.join(" ", words));
        }
    }

    public boolean peekOp(String op) {
        return !atEnd() && tokens.get(index).isOp(op);
    }

    public boolean acceptOp(String op) {
        if (!peekOp(op)) {
            return false;
        }
        index++;
        return true;
    }

    public void expectOp(String op) {
        if (!acceptOp(op)) {
            throw unexpected("expected '" + op + "'");
        }
    }

    public Token next() {
        if (atEnd()) {
            throw new NotRecognized("the statement ends too early");
        }
        return tokens.get(index++);
    }

    /** Consumes "( ... )" with balanced brackets and returns the tokens inside. */
    public List<Token> group() {
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
    public List<Token> until(Predicate<Token> stop) {
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
    public List<Token> rest() {
        List<Token> taken = until(t -> false);
        if (!atEnd()) {
            throw unexpected("unbalanced parentheses");
        }
        return taken;
    }

    public void expectEnd() {
        if (!atEnd()) {
            throw unexpected("unexpected text");
        }
    }

    public NotRecognized unexpected(String what) {
        Token t = peek();
        return new NotRecognized(what + (t == null ? " at the end of the statement"
                : " at '" + t.raw() + "' (line " + t.line() + ")"));
    }
}
