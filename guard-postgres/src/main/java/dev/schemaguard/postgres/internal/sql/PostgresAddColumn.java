package dev.schemaguard.postgres.internal.sql;

import dev.schemaguard.internal.sql.Analysis;
import dev.schemaguard.internal.sql.ColumnDefinition;
import dev.schemaguard.internal.sql.CommonStatements;
import dev.schemaguard.internal.sql.ForeignKeyClause;
import dev.schemaguard.internal.sql.QualifiedName;
import dev.schemaguard.internal.sql.Rule;
import dev.schemaguard.internal.sql.Token;
import java.util.List;
import java.util.Set;

/** When PostgreSQL's ALTER TABLE ... ADD COLUMN is additive. */
final class PostgresAddColumn {
    private static final Set<String> SERIAL_TYPES = Set.of("serial", "serial2", "serial4", "serial8",
            "smallserial", "bigserial");

    private PostgresAddColumn() {}

    /**
     * PostgreSQL: what rewrites or scans the table is additive only on a table created earlier in the
     * same migration, so each such fact becomes a condition on the table being new.
     */
    static Analysis analyze(ColumnDefinition column, QualifiedName table) {
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
        return a.addsColumn(table, column.name());
    }
}
