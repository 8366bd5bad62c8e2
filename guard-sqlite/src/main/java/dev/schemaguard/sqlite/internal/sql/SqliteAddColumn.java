package dev.schemaguard.sqlite.internal.sql;

import dev.schemaguard.internal.sql.Analysis;
import dev.schemaguard.internal.sql.ColumnDefinition;
import dev.schemaguard.internal.sql.CommonStatements;
import dev.schemaguard.internal.sql.ForeignKeyClause;
import dev.schemaguard.internal.sql.QualifiedName;
import dev.schemaguard.internal.sql.Rule;
import dev.schemaguard.internal.sql.Token;
import java.util.List;

/** When SQLite's ALTER TABLE ... ADD COLUMN is additive. */
final class SqliteAddColumn {
    private SqliteAddColumn() {}

    /**
     * SQLite: no key, no generated column, and a default that is a literal (SQLite's own conditions);
     * no CHECK (SQLite tests it on every existing row, with the default), no REFERENCES whose default
     * is not NULL (each existing row would point at a row that may not exist), and no foreign key
     * action that would let a DELETE elsewhere delete or rewrite the table's existing rows.
     */
    static Analysis analyze(ColumnDefinition column, QualifiedName table) {
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
        if (column.references() != null && column.hasDefault() && !ColumnDefinition.isNullLiteral(column.defaultExpression())) {
            return CommonStatements.refuse(Rule.ADD_COLUMN_CONSTRAINT, "A REFERENCES column whose default is not "
                    + "NULL makes every existing row point at a row that may not exist; SQLite refuses it when foreign "
                    + "keys are on. Add it with no default (NULL).");
        }
        if (column.hasDefault() && !isSqliteConstant(column.defaultExpression())) {
            return Analysis.refuse(Rule.ADD_COLUMN_NON_CONSTANT_DEFAULT,
                    "SQLite only accepts a literal default on ADD COLUMN (a number, string, blob, NULL, TRUE or FALSE).");
        }
        if (column.notNull() && (!column.hasDefault() || ColumnDefinition.isNullLiteral(column.defaultExpression()))) {
            return Analysis.refuse(Rule.ADD_COLUMN_NOT_NULL_WITHOUT_DEFAULT,
                    "A NOT NULL column needs a non-NULL constant DEFAULT for existing rows; add one or drop NOT NULL.");
        }
        Analysis a = Analysis.accept().addsColumn(table, column.name());
        if (column.references() != null) {
            ForeignKeyClause.requireNewReferencingTable(a, table, column.references());
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
}
