package dev.schemaguard.mariadb.internal.sql;

import dev.schemaguard.internal.sql.Analysis;
import dev.schemaguard.internal.sql.CommonStatements;
import dev.schemaguard.internal.sql.Rule;
import dev.schemaguard.internal.sql.Token;
import dev.schemaguard.internal.sql.TokenCursor;

import java.util.Set;

/**
 * SET: only the time limits that make a migration safer are neutral (lock_wait_timeout,
 * innodb_lock_wait_timeout, max_statement_time, as SESSION or plain variables, to a number); every
 * other setting (sql_mode, foreign_key_checks, GLOBAL anything, user variables, SET STATEMENT ... FOR)
 * is refused. A time limit that lifts the guard's own (max_statement_time = 0 is no limit; DEFAULT
 * goes back to the server's, a year for lock_wait_timeout) is {@code guard-limits}. A lock wait of 0
 * fails at once (NOWAIT), which is stricter, not looser.
 */
final class MariaDbSet {
    private static final Set<String> TIME_LIMITS = Set.of("lock_wait_timeout", "innodb_lock_wait_timeout",
            "max_statement_time");

    private MariaDbSet() {
    }

    static Analysis analyze(TokenCursor c) {
        c.expectWords("SET");
        do {
            String lifted = liftedLimit(c);
            if (lifted != null) {
                return Analysis.refuse(Rule.GUARD_LIMITS, lifted + " lifts the limit the guard set for this migration (0 means "
                        + "none for max_statement_time, DEFAULT goes back to the server's), so a statement stuck behind a "
                        + "lock could hang the boot. Set a positive limit, or leave it to the guard.");
            }
            if (!timeLimit(c)) {
                return CommonStatements.refuse(Rule.SET, "Only SET lock_wait_timeout, innodb_lock_wait_timeout and "
                        + "max_statement_time are allowed at boot.");
            }
        } while (c.acceptOp(","));
        if (!c.atEnd()) {
            return CommonStatements.refuse(Rule.SET, "Only SET lock_wait_timeout, innodb_lock_wait_timeout and "
                    + "max_statement_time are allowed at boot.");
        }
        return Analysis.neutral();
    }

    /** The text of a time limit set to no limit or to the server's default (looked at ahead, the cursor stays); else null. */
    private static String liftedLimit(TokenCursor c) {
        int at = c.peekWord("SESSION") || c.peekWord("LOCAL") ? 1 : 0;
        Token name = c.peek(at);
        String variable = name == null ? null : name.kind() == Token.Kind.WORD ? name.folded()
                : name.kind() == Token.Kind.PARAM ? sessionVariable(name.raw()) : null;
        Token op = c.peek(at + 1);
        Token value = c.peek(at + 2);
        if (variable == null || !TIME_LIMITS.contains(variable) || op == null || !(op.isOp("=") || op.isOp(":=")) || value == null) {
            return null;
        }
        boolean lifted = value.isWord("DEFAULT")
                || variable.equals("max_statement_time") && value.kind() == Token.Kind.NUMBER && isZero(value.raw());
        return lifted ? name.raw() + " = " + value.raw() : null;
    }

    private static boolean isZero(String number) {
        try {
            return new java.math.BigDecimal(number).signum() == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean timeLimit(TokenCursor c) {
        if (!c.acceptWords("SESSION")) {
            c.acceptWords("LOCAL");
        }
        Token name = c.peek();
        if (name == null) {
            return false;
        }
        String variable = name.kind() == Token.Kind.WORD ? name.folded()
                : name.kind() == Token.Kind.PARAM ? sessionVariable(name.raw()) : null;
        if (variable == null || !TIME_LIMITS.contains(variable)) {
            return false;
        }
        c.next();
        if (!c.acceptOp("=") && !c.acceptOp(":=")) {
            return false;
        }
        Token value = c.atEnd() ? null : c.next();
        return value != null && (value.kind() == Token.Kind.NUMBER || value.isWord("DEFAULT"));
    }

    /** @@name and @@session.name are this session's settings; @@global.name and @name are not. */
    private static String sessionVariable(String raw) {
        String lower = Token.asciiLower(raw);
        if (lower.startsWith("@@session.")) {
            return lower.substring("@@session.".length());
        }
        if (lower.startsWith("@@local.")) {
            return lower.substring("@@local.".length());
        }
        if (lower.startsWith("@@") && !lower.contains(".")) {
            return lower.substring(2);
        }
        return null;
    }
}
