package dev.schemaguard.internal.sql;

import java.util.List;

/**
 * A migration wrapped whole in one BEGIN ... COMMIT, as frameworks write SQL files. The guard runs
 * each migration in its own transaction already, so the wrapper is dropped rather than executed;
 * only its plainest forms count (no isolation level, no AND CHAIN, no savepoint names), and any
 * transaction control anywhere else is still refused.
 */
final class TransactionWrapper {
    private TransactionWrapper() {}

    /** BEGIN [TRANSACTION|WORK], START TRANSACTION; SQLite also BEGIN DEFERRED|IMMEDIATE|EXCLUSIVE. */
    static boolean opens(List<Token> tokens, SqlDialect dialect) {
        TokenCursor c = new TokenCursor(tokens);
        if (c.acceptWords("START", "TRANSACTION")) {
            return dialect == SqlDialect.POSTGRES && c.atEnd();
        }
        if (!c.acceptWords("BEGIN")) {
            return false;
        }
        if (dialect == SqlDialect.SQLITE && !c.acceptWords("DEFERRED") && !c.acceptWords("IMMEDIATE")) {
            c.acceptWords("EXCLUSIVE");
        }
        if (!c.acceptWords("TRANSACTION") && dialect == SqlDialect.POSTGRES) {
            c.acceptWords("WORK");
        }
        return c.atEnd();
    }

    /** COMMIT or END, optionally followed by TRANSACTION (or WORK on PostgreSQL). */
    static boolean closes(List<Token> tokens, SqlDialect dialect) {
        TokenCursor c = new TokenCursor(tokens);
        if (!c.acceptWords("COMMIT") && !c.acceptWords("END")) {
            return false;
        }
        if (!c.acceptWords("TRANSACTION") && dialect == SqlDialect.POSTGRES) {
            c.acceptWords("WORK");
        }
        return c.atEnd();
    }
}
