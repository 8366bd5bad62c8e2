package dev.schemaguard.internal.sql;

import dev.schemaguard.internal.Interruptions;
import java.util.ArrayList;
import java.util.List;

/**
 * Groups tokens into statements at top-level ';'. A ';' inside a body does not end the statement:
 * SQLite's CREATE TRIGGER ... BEGIN ...; END (as sqlite3_complete: only "END ;" closes it) and
 * PostgreSQL's CREATE FUNCTION/PROCEDURE ... BEGIN ATOMIC ...; END (as psql counts BEGIN/CASE/END).
 * Shared by the splitter and the classifier, so both agree on where a statement ends.
 */
final class StatementBoundaries {
    private StatementBoundaries() {}

    static List<List<Token>> group(List<Token> tokens, SqlDialect dialect) {
        List<List<Token>> statements = new ArrayList<>();
        List<Token> current = new ArrayList<>();
        for (Token token : tokens) {
            if (token.isOp(";") && !insideBody(current, dialect)) {
                Interruptions.check();
                if (!current.isEmpty()) {
                    statements.add(current);
                    current = new ArrayList<>();
                }
                continue;
            }
            current.add(token);
        }
        if (!current.isEmpty()) {
            statements.add(current);
        }
        return statements;
    }

    private static boolean insideBody(List<Token> current, SqlDialect dialect) {
        if (current.isEmpty() || !current.get(0).isWord("CREATE")) {
            return false;
        }
        return dialect == SqlDialect.SQLITE ? insideSqliteTrigger(current) : insidePostgresAtomicBody(current);
    }

    private static boolean insideSqliteTrigger(List<Token> current) {
        int i = 1;
        if (i < current.size() && (current.get(i).isWord("TEMP") || current.get(i).isWord("TEMPORARY"))) {
            i++;
        }
        if (i >= current.size() || !current.get(i).isWord("TRIGGER")) {
            return false;
        }
        return !current.get(current.size() - 1).isWord("END");
    }

    private static boolean insidePostgresAtomicBody(List<Token> current) {
        int i = 1;
        if (current.size() > 2 && current.get(1).isWord("OR") && current.get(2).isWord("REPLACE")) {
            i = 3;
        }
        if (i >= current.size() || !(current.get(i).isWord("FUNCTION") || current.get(i).isWord("PROCEDURE"))) {
            return false;
        }
        int depth = 0;
        for (Token t : current) {
            if (t.isWord("BEGIN")) {
                depth++;
            } else if (t.isWord("CASE") && depth > 0) {
                depth++;
            } else if (t.isWord("END") && depth > 0) {
                depth--;
            }
        }
        return depth > 0;
    }
}
