package dev.schemaguard.sqlite.internal.sql;

import dev.schemaguard.internal.sql.Analysis;
import dev.schemaguard.internal.sql.ColumnDefinition;
import dev.schemaguard.internal.sql.CommonStatements;
import dev.schemaguard.internal.sql.CreateTableBody;
import dev.schemaguard.internal.sql.Names;
import dev.schemaguard.internal.sql.QualifiedName;
import dev.schemaguard.internal.sql.Rule;
import dev.schemaguard.internal.sql.SqlSyntax;
import dev.schemaguard.internal.sql.Token;
import dev.schemaguard.internal.sql.TokenCursor;
import dev.schemaguard.internal.sql.ViewBody;
import java.util.List;

/**
 * SQLite's additive statements: CREATE [TEMP] TABLE / [UNIQUE] INDEX / [TEMP] VIEW, optionally IF NOT
 * EXISTS, and ALTER TABLE ... ADD [COLUMN] under the conditions SQLite itself imposes.
 */
final class SqliteGrammar {
    private static final SqlSyntax D = SqliteSql.SYNTAX;

    Analysis analyze(List<Token> tokens) {
        Analysis common = CommonStatements.refusalFor(tokens, D);
        if (common != null) {
            return common;
        }
        TokenCursor c = new TokenCursor(tokens);
        if (c.acceptWords("CREATE")) {
            boolean temp = c.acceptWords("TEMP") || c.acceptWords("TEMPORARY");
            if (c.peekWords("TRIGGER")) {
                return CommonStatements.refuse(Rule.CREATE_TRIGGER, "A trigger runs opaque code on every write.");
            }
            if (c.peekWords("VIRTUAL")) {
                return CommonStatements.refuse(Rule.CREATE_VIRTUAL_TABLE, "A virtual table runs module code.");
            }
            if (c.acceptWords("TABLE")) {
                return createTable(c, temp);
            }
            if (!temp && (c.acceptWords("INDEX") || c.acceptWords("UNIQUE", "INDEX"))) {
                return createIndex(c);
            }
            if (c.acceptWords("VIEW")) {
                return createView(c, temp);
            }
        } else if (c.acceptWords("ALTER", "TABLE")) {
            return alterTable(c);
        }
        return Analysis.refuse(Rule.UNKNOWN_STATEMENT,
                "The classifier does not know this statement, so it is not additive. Apply it in a reviewed migration.");
    }

    private Analysis createTable(TokenCursor c, boolean temp) {
        boolean ifNotExists = c.acceptWords("IF", "NOT", "EXISTS");
        QualifiedName name = Names.qualified(c, D);
        Analysis wrongSchema = checkSchema(name);
        if (wrongSchema != null) {
            return wrongSchema;
        }
        if (c.peekWords("AS")) {
            return CommonStatements.refuse(Rule.CREATE_TABLE_AS_SELECT,
                    "CREATE TABLE ... AS runs a query. Create the table with columns instead.");
        }
        CreateTableBody.parse(c.group(), D);
        if (!c.atEnd()) {
            do {
                if (!c.acceptWords("WITHOUT", "ROWID") && !c.acceptWords("STRICT")) {
                    throw c.unexpected("unexpected table option");
                }
            } while (c.acceptOp(","));
        }
        c.expectEnd();
        return Analysis.creating(temp ? new QualifiedName("temp", name.name()) : name, ifNotExists);
    }

    private Analysis createIndex(TokenCursor c) {
        boolean ifNotExists = c.acceptWords("IF", "NOT", "EXISTS");
        QualifiedName name = Names.qualified(c, D);
        Analysis wrongSchema = checkSchema(name);
        if (wrongSchema != null) {
            return wrongSchema;
        }
        c.expectWords("ON");
        Names.simple(c, D);
        if (c.group().isEmpty()) {
            throw new TokenCursor.NotRecognized("an index needs at least one column");
        }
        if (c.acceptWords("WHERE") && c.rest().isEmpty()) {
            throw new TokenCursor.NotRecognized("WHERE without a condition");
        }
        c.expectEnd();
        return Analysis.creating(name, ifNotExists);
    }

    private Analysis createView(TokenCursor c, boolean temp) {
        boolean ifNotExists = c.acceptWords("IF", "NOT", "EXISTS");
        QualifiedName name = Names.qualified(c, D);
        Analysis wrongSchema = checkSchema(name);
        if (wrongSchema != null) {
            return wrongSchema;
        }
        if (c.peekOp("(")) {
            c.group();
        }
        c.expectWords("AS");
        ViewBody.expectQuery(c);
        return Analysis.creating(temp ? new QualifiedName("temp", name.name()) : name, ifNotExists);
    }

    private Analysis alterTable(TokenCursor c) {
        QualifiedName table = Names.qualified(c, D);
        Analysis wrongSchema = checkSchema(table);
        if (wrongSchema != null) {
            return wrongSchema;
        }
        if (c.peekWords("RENAME")) {
            return CommonStatements.refuse(Rule.RENAME, "Running code still uses the old name.");
        }
        if (c.peekWords("DROP")) {
            return CommonStatements.refuse(Rule.DROP, "Dropping a column loses its data.");
        }
        c.expectWords("ADD");
        c.acceptWords("COLUMN");
        ColumnDefinition column = ColumnDefinition.parse(c, D);
        c.expectEnd();
        return SqliteAddColumn.analyze(column, table);
    }

    /** Only main and temp are this database; any other schema is an ATTACHed file. */
    private static Analysis checkSchema(QualifiedName name) {
        if (name.schema() == null || name.schema().equals("temp")) {
            return null;
        }
        return CommonStatements.refuse(Rule.ATTACH, "Schema '" + name.schema()
                + "' is not main or temp, so it names an ATTACHed database.");
    }
}
