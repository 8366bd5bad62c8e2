package dev.schemaguard.mariadb.internal.sql;

import dev.schemaguard.internal.sql.Analysis;
import dev.schemaguard.internal.sql.CommonStatements;
import dev.schemaguard.internal.sql.Rule;
import dev.schemaguard.internal.sql.Token;
import dev.schemaguard.internal.sql.TokenCursor;

import java.util.Set;

/**
 * SET: only the time limits that make a migration safer are neutral (lock_wait_timeout,
 * innodb_lock_wait_timeout, max_statement_time, as SESSION or plain variables); every other setting
 * (sql_mode, foreign_key_checks, GLOBAL anything, user variables, SET STATEMENT ... FOR) is refused.
 */
final class MariaDbSet {
    private static final Set<String> TIME_LIMITS = Set.of("lock_wait_timeout", "innodb_lock_wait_timeout",
            "max_statement_time");

    private MariaDbSet() {
    }

    static Analysis analyze(TokenCursor c) {
        c.expectWords("SET");
        do {
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
