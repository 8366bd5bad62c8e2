package dev.schemaguard.postgres.internal.sql;

import dev.schemaguard.internal.sql.Analysis;
import dev.schemaguard.internal.sql.ColumnDefinition;
import dev.schemaguard.internal.sql.CommonStatements;
import dev.schemaguard.internal.sql.Names;
import dev.schemaguard.internal.sql.QualifiedName;
import dev.schemaguard.internal.sql.Rule;
import dev.schemaguard.internal.sql.SqlSyntax;
import dev.schemaguard.internal.sql.Token;
import dev.schemaguard.internal.sql.TokenCursor;
import java.util.List;

/** PostgreSQL ALTER TABLE, after those two keywords: each comma-separated action is judged on its own. */
final class PostgresAlterTable {
    private static final SqlSyntax D = PostgresSql.SYNTAX;

    private PostgresAlterTable() {}

    static Analysis analyze(TokenCursor c) {
        c.acceptWords("IF", "EXISTS");
        if (c.peekWords("ALL", "IN", "TABLESPACE")) {
            return storage();
        }
        c.acceptWords("ONLY");
        QualifiedName table = Names.qualified(c, D);
        c.acceptOp("*");
        if (c.peekWords("RENAME")) {
            return CommonStatements.refuse(Rule.RENAME, "Running code still uses the old name. "
                    + "Add the new column or table and migrate readers first.");
        }
        if (c.peekWords("SET", "SCHEMA")) {
            return CommonStatements.refuse(Rule.SET_SCHEMA, "Moving a table breaks code that names its schema.");
        }
        if (c.peekWords("ATTACH", "PARTITION") || c.peekWords("DETACH", "PARTITION")) {
            return CommonStatements.refuse(Rule.PARTITION, "Attaching or detaching a partition locks and moves data.");
        }
        Analysis result = Analysis.accept();
        do {
            List<Token> action = c.until(t -> t.isOp(","));
            if (action.isEmpty()) {
                throw c.unexpected("expected an ALTER TABLE action");
            }
            Analysis a = action(new TokenCursor(action), table);
            if (a.refused()) {
                return a;
            }
            result.requireAlso(a);
        } while (c.acceptOp(","));
        c.expectEnd();
        return result;
    }

    private static Analysis action(TokenCursor a, QualifiedName table) {
        if (a.acceptWords("ADD")) {
            if (a.peekWords("CONSTRAINT") || a.peekWords("PRIMARY") || a.peekWords("UNIQUE") || a.peekWords("CHECK")
                    || a.peekWords("FOREIGN") || a.peekWords("EXCLUDE")) {
                return PostgresAddConstraint.analyze(a, table);
            }
            a.acceptWords("COLUMN");
            a.acceptWords("IF", "NOT", "EXISTS");
            ColumnDefinition column = ColumnDefinition.parse(a, D);
            a.expectEnd();
            return PostgresAddColumn.analyze(column, table);
        }
        if (a.peekWords("ALTER")) {
            return alterColumn(a, table);
        }
        if (a.peekWords("VALIDATE")) {
            return CommonStatements.refuse(Rule.VALIDATE_CONSTRAINT,
                    "VALIDATE CONSTRAINT scans the whole table; run it in a reviewed migration at a quiet time.");
        }
        if (a.peekWords("DROP")) {
            return CommonStatements.refuse(Rule.DROP, "Dropping a column or constraint loses data or guarantees.");
        }

        if (a.peekWords("RENAME")) {
            return CommonStatements.refuse(Rule.RENAME, "Running code still uses the old name.");
        }
        if (a.peekWords("OWNER")) {
            return PostgresGrammar.ownerTo();
        }
        if (a.peekWords("SET", "SCHEMA")) {
            return CommonStatements.refuse(Rule.SET_SCHEMA, "Moving a table breaks code that names its schema.");
        }
        if (a.peekWords("INHERIT") || a.peekWords("NO", "INHERIT")) {
            return CommonStatements.refuse(Rule.INHERITANCE, "Inheritance changes which rows queries on the parent see.");
        }
        if (a.peekWords("REPLICA", "IDENTITY")) {
            return CommonStatements.refuse(Rule.REPLICA_IDENTITY, "Replica identity changes what replication sends.");
        }
        List<Token> rest = a.rest();
        if (mentions(rest, "ROW") && mentions(rest, "SECURITY")) {
            return CommonStatements.refuse(Rule.ROW_LEVEL_SECURITY, "Row-level security changes which rows queries see.");
        }
        if (mentions(rest, "TRIGGER") || mentions(rest, "RULE")) {
            return CommonStatements.refuse(Rule.ENABLE_DISABLE_TRIGGER, "Enabling or disabling triggers or rules "
                    + "changes what writes do.");
        }
        if (rest.get(0).isWord("SET") || rest.get(0).isWord("RESET") || rest.get(0).isWord("CLUSTER")) {
            return storage();
        }
        return PostgresGrammar.unknown();
    }

    /**
     * ALTER [COLUMN] c SET DEFAULT / DROP DEFAULT only touches the catalog; on a column added earlier in
     * the same migration (Django adds a column with a default, then drops the default) no running code
     * relies on its default yet. Everything else, or any other column, is alter-column.
     */
    private static Analysis alterColumn(TokenCursor a, QualifiedName table) {
        a.expectWords("ALTER");
        a.acceptWords("COLUMN");
        String column = Names.simple(a, D);
        String why = "Changing a column's type, nullability or default can rewrite or scan the table and break "
                + "running code.";
        if (a.acceptWords("DROP", "DEFAULT")) {
            a.expectEnd();
        } else if (a.acceptWords("SET", "DEFAULT")) {
            PostgresDefaults.Verdict v = PostgresDefaults.classify(a.rest());
            if (v.problem() != null) {
                return CommonStatements.refuse(Rule.ALTER_COLUMN, "The new default " + v.problem() + ". " + why);
            }
        } else {
            return CommonStatements.refuse(Rule.ALTER_COLUMN, why);
        }
        return Analysis.accept().requireNewTableOrColumn(table, column, Rule.ALTER_COLUMN, "Changing the default of "
                + "existing column " + table + "." + column + " changes what running code inserts. " + why);
    }

    private static boolean mentions(List<Token> tokens, String word) {
        return tokens.stream().anyMatch(t -> t.isWord(word));
    }

    private static Analysis storage() {
        return CommonStatements.refuse(Rule.STORAGE_PARAMETERS,
                "Storage, tablespace, logging or clustering changes can rewrite or lock the table.");
    }
}
