package dev.schemaguard.internal.sql;

import java.util.List;
import java.util.Set;

/** When ALTER TABLE ... ADD COLUMN is additive, per dialect. */
final class AddColumnRules {
    private static final Set<String> SERIAL_TYPES = Set.of("serial", "serial2", "serial4", "serial8",
            "smallserial", "bigserial");

    private AddColumnRules() {}

    /**
     * SQLite: no key, no generated column, and a default that is a literal (SQLite's own conditions);
     * no CHECK (SQLite tests it on every existing row, with the default), no REFERENCES whose default
     * is not NULL (each existing row would point at a row that may not exist), and no foreign key
     * action that would let a DELETE elsewhere delete or rewrite the table's existing rows.
     */
    static Analysis sqlite(ColumnDefinition column, QualifiedName table) {
        if (column.generated() != ColumnDefinition.Generated.NONE) {
            return CommonStatements.refuse(Rule.ADD_COLUMN_GENERATED,
                    "A generated column on ADD COLUMN is computed for every row; SQLite rejects STORED ones.");
        }
        if (column.primaryKeyOrUnique()) {
            return CommonStatements.refuse(Rule.ADD_COLUMN_CONSTRAINT,
                    "SQLite cannot add a PRIMARY KEY or UNIQUE column; add the column, then a CREATE UNIQUE INDEX.");
        }
        if (column.check()) {
            return CommonStatements.refuse(Rule.ADD_COLUMN_CONSTRAINT, "SQLite tests a CHECK on ADD COLUMN against "
                    + "every existing row with the default, and a row that fails it fails the migration.");
        }
        if (column.references() != null && column.hasDefault() && !isNullLiteral(column.defaultExpression())) {
            return CommonStatements.refuse(Rule.ADD_COLUMN_CONSTRAINT, "A REFERENCES column whose default is not "
                    + "NULL makes every existing row point at a row that may not exist; SQLite refuses it when foreign "
                    + "keys are on. Add it with no default (NULL).");
        }
        if (column.hasDefault() && !isSqliteConstant(column.defaultExpression())) {
            return Analysis.refuse(Rule.ADD_COLUMN_NON_CONSTANT_DEFAULT,
                    "SQLite only accepts a literal default on ADD COLUMN (a number, string, blob, NULL, TRUE or FALSE).");
        }
        if (column.notNull() && (!column.hasDefault() || isNullLiteral(column.defaultExpression()))) {
            return Analysis.refuse(Rule.ADD_COLUMN_NOT_NULL_WITHOUT_DEFAULT,
                    "A NOT NULL column needs a non-NULL constant DEFAULT for existing rows; add one or drop NOT NULL.");
        }
        Analysis a = Analysis.accept();
        if (column.references() != null) {
            ForeignKeyClause.requireNewReferencingTable(a, table, column.references());
        }
        return a;
    }

    /**
     * PostgreSQL: what rewrites or scans the table is additive only on a table created earlier in the
     * same migration, so each such fact becomes a condition on the table being new.
     */
    static Analysis postgres(ColumnDefinition column, QualifiedName table) {
        Analysis a = Analysis.accept();
        String offline = " Apply it in a reviewed migration outside the boot manifest.";
        if (column.generated() == ColumnDefinition.Generated.STORED || column.generated() == ColumnDefinition.Generated.VIRTUAL) {
            a.requireNewTable(table, Rule.ADD_COLUMN_GENERATED, "A generated column is computed for every existing "
                    + "row: STORED rewrites the table under an exclusive lock, VIRTUAL evaluates its expression on "
                    + "every read of old rows." + offline);
        }
        boolean serial = column.type().size() == 1 && SERIAL_TYPES.contains(column.type().get(0).folded());
        if (column.generated() == ColumnDefinition.Generated.IDENTITY || serial) {
            a.requireNewTable(table, Rule.ADD_COLUMN_VOLATILE_DEFAULT,
                    "A serial or identity column fills every existing row: a table rewrite." + offline);
        }
        if (column.hasDefault()) {
            PostgresDefaults.Verdict v = PostgresDefaults.classify(column.defaultExpression());
            if (v.volatileFunction() != null) {
                a.requireNewTable(table, Rule.ADD_COLUMN_VOLATILE_DEFAULT, "The default calls volatile "
                        + v.volatileFunction() + "(), which rewrites the table. Add the column without a default, "
                        + "then SET DEFAULT and backfill in batches.");
            } else if (v.problem() != null) {
                a.requireNewTable(table, Rule.ADD_COLUMN_NON_CONSTANT_DEFAULT, "The default " + v.problem()
                        + ", so it may be volatile or have side effects. Use a literal or a known-stable expression.");
            }
        }
        boolean nullDefault = !column.hasDefault() || PostgresDefaults.mayBeNull(column.defaultExpression());
        if (column.notNull() && nullDefault && column.generated() == ColumnDefinition.Generated.NONE && !serial) {
            a.requireNewTable(table, Rule.ADD_COLUMN_NOT_NULL_WITHOUT_DEFAULT,
                    "A NOT NULL column without a default that is certainly not NULL (a NULL, a cast of NULL, nullif()...) "
                            + "fails on existing rows; add a non-NULL DEFAULT or drop NOT NULL.");
        }
        if (!serial) {
            PostgresTypes.requireKnownType(a, table, column.type());
        }
        if (column.references() != null) {
            ForeignKeyClause.requireNewReferencingTable(a, table, column.references());
        }
        if (column.primaryKeyOrUnique() || column.checkOrReferences()) {
            a.requireNewTable(table, Rule.ADD_CONSTRAINT, "An inline PRIMARY KEY, UNIQUE, CHECK or REFERENCES "
                    + "on an existing table scans or indexes it under a lock. Add the column, then the constraint "
                    + "NOT VALID (or a unique index CONCURRENTLY) in a reviewed migration.");
        }
        return a;
    }

    /** A literal, a signed number, or a bare name (SQLite reads DEFAULT name as the string 'name'). */
    static boolean isSqliteConstant(List<Token> expr) {
        List<Token> e = expr;
        boolean parenthesized = false;
        while (e.size() >= 3 && e.get(0).isOp("(") && e.get(e.size() - 1).isOp(")")) {
            e = e.subList(1, e.size() - 1);
            parenthesized = true;
        }
        if (e.size() == 2 && (e.get(0).isOp("-") || e.get(0).isOp("+"))) {
            return e.get(1).kind() == Token.Kind.NUMBER;
        }
        if (e.size() != 1) {
            return false;
        }
        Token t = e.get(0);
        switch (t.kind()) {
            case NUMBER: case STRING: case BLOB:
                return true;
            case WORD:
                if (t.isWord("NULL") || t.isWord("TRUE") || t.isWord("FALSE")) {
                    return true;
                }
                return !parenthesized && !t.folded().startsWith("current_");
            case QUOTED_IDENT:
                return !parenthesized;
            default:
                return false;
        }
    }

    static boolean isNullLiteral(List<Token> expr) {
        List<Token> e = expr;
        while (e.size() >= 3 && e.get(0).isOp("(") && e.get(e.size() - 1).isOp(")")) {
            e = e.subList(1, e.size() - 1);
        }
        return e.size() == 1 && e.get(0).isWord("NULL");
    }
}
