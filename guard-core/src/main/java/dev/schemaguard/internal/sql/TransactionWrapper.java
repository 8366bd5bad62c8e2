package dev.schemaguard.internal.sql;

import java.util.List;

/**
 * A migration wrapped whole in one BEGIN ... COMMIT, as frameworks write SQL files. The guard runs
 * each migration in its own transaction already, so the wrapper is dropped rather than executed;
 * only its plainest forms count (no isolation level, no AND CHAIN, no transaction names), and any
 * transaction control anywhere else is still refused. A form one server does not know is never sent
 * to it, so the forms of all dialects are accepted.
 */
final class TransactionWrapper {
    private TransactionWrapper() {}

    /** BEGIN [DEFERRED|IMMEDIATE|EXCLUSIVE] [TRANSACTION|WORK], or START TRANSACTION. */
    static boolean opens(List<Token> tokens) {
        TokenCursor c = new TokenCursor(tokens);
        if (c.acceptWords("START", "TRANSACTION")) {
            return c.atEnd();
        }
        if (!c.acceptWords("BEGIN")) {
            return false;
        }
        if (!c.acceptWords("DEFERRED") && !c.acceptWords("IMMEDIATE")) {
            c.acceptWords("EXCLUSIVE");
        }
        if (!c.acceptWords("TRANSACTION")) {
            c.acceptWords("WORK");
        }
        return c.atEnd();
    }

    /** COMMIT or END, optionally followed by TRANSACTION or WORK. */
    static boolean closes(List<Token> tokens) {
        TokenCursor c = new TokenCursor(tokens);
        if (!c.acceptWords("COMMIT") && !c.acceptWords("END")) {
            return false;
        }
        if (!c.acceptWords("TRANSACTION")) {
            c.acceptWords("WORK");
        }
        return c.atEnd();
    }
}
