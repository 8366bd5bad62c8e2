package dev.schemaguard.postgres.internal.sql;

import dev.schemaguard.internal.sql.Analysis;
import dev.schemaguard.internal.sql.ForeignKeyClause;
import dev.schemaguard.internal.sql.Names;
import dev.schemaguard.internal.sql.QualifiedName;
import dev.schemaguard.internal.sql.Rule;
import dev.schemaguard.internal.sql.SqlSyntax;
import dev.schemaguard.internal.sql.TokenCursor;

/**
 * ALTER TABLE ... ADD table_constraint. On an existing table it is additive only when it does not
 * scan or build under a lock: CHECK / FOREIGN KEY with NOT VALID, or UNIQUE USING INDEX.
 */
final class PostgresAddConstraint {
    private static final SqlSyntax D = PostgresSql.SYNTAX;

    private PostgresAddConstraint() {}

    static Analysis analyze(TokenCursor a, QualifiedName table) {
        if (a.acceptWords("CONSTRAINT")) {
            Names.simple(a, D);
        }
        boolean canBeNotValid = false;
        boolean usingIndex = false;
        ForeignKeyClause.ForeignKey foreignKey = null;
        String kind;
        if (a.acceptWords("CHECK")) {
            kind = "CHECK";
            canBeNotValid = true;
            a.group();
            a.acceptWords("NO", "INHERIT");
        } else if (a.acceptWords("FOREIGN", "KEY")) {
            kind = "FOREIGN KEY";
            canBeNotValid = true;
            a.group();
            a.expectWords("REFERENCES");
            foreignKey = ForeignKeyClause.parse(a, D);
        } else if (a.peekWords("UNIQUE") || a.peekWords("PRIMARY", "KEY")) {
            kind = a.acceptWords("UNIQUE") ? "UNIQUE" : "PRIMARY KEY";
            a.acceptWords("PRIMARY", "KEY");
            if (a.acceptWords("NULLS")) {
                a.acceptWords("NOT");
                a.expectWords("DISTINCT");
            }
            if (a.acceptWords("USING", "INDEX")) {
                Names.simple(a, D);
                usingIndex = true;
            } else {
                a.group();
                if (a.acceptWords("INCLUDE") || a.acceptWords("WITH")) {
                    a.group();
                }
            }
        } else {
            a.expectWords("EXCLUDE");
            a.rest();
            kind = "EXCLUDE";
        }
        while (a.acceptWords("DEFERRABLE") || a.acceptWords("NOT", "DEFERRABLE")) {
            if (a.acceptWords("INITIALLY") && !a.acceptWords("DEFERRED")) {
                a.expectWords("IMMEDIATE");
            }
        }
        boolean notValid = a.acceptWords("NOT", "VALID");
        a.expectEnd();
        Analysis result = Analysis.accept();
        if (foreignKey != null) {
            ForeignKeyClause.requireNewReferencingTable(result, table, foreignKey);
        }
        boolean cheap = (canBeNotValid && notValid) || (usingIndex && kind.equals("UNIQUE"));
        if (!cheap) {
            result.requireNewTable(table, Rule.ADD_CONSTRAINT, "Adding a " + kind + " constraint to existing table "
                    + table + " scans or indexes it under a lock. " + (canBeNotValid
                    ? "Add it NOT VALID, then VALIDATE CONSTRAINT in a reviewed migration."
                    : "Build a unique index CONCURRENTLY first, then ADD CONSTRAINT ... UNIQUE USING INDEX."));
        }
        return result;
    }
}
