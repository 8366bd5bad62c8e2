package dev.schemaguard.mariadb.internal.sql;

import dev.schemaguard.internal.sql.Analysis;
import dev.schemaguard.internal.sql.CommonStatements;
import dev.schemaguard.internal.sql.QualifiedName;
import dev.schemaguard.internal.sql.Rule;
import dev.schemaguard.internal.sql.Token;
import dev.schemaguard.internal.sql.TokenCursor;

import java.util.List;

/**
 * MariaDB ALTER TABLE, after the table's name: each comma-separated specification is judged on its
 * own, and ALGORITHM= / LOCK= apply to all of them. On an existing table, adding a column or an index
 * is additive only when the statement forbids a table copy under a lock: ALGORITHM=INSTANT or NOCOPY,
 * or LOCK=NONE (with INPLACE or the default algorithm). The server then fails the statement instead of
 * copying the table, so the guarantee is the server's, not a guess about its version.
 */
final class MariaDbAlterTable {
    private MariaDbAlterTable() {
    }

    private static final class Options {
        String algorithm;
        String lock;
        boolean online;
        boolean needsOnline;
        boolean allIfNotExists = true;
    }

    static Analysis analyze(TokenCursor c, QualifiedName table, boolean online) {
        Options options = new Options();
        options.online = online;
        Analysis result = Analysis.accept();
        if (c.atEnd()) {
            throw c.unexpected("expected an ALTER TABLE specification");
        }
        do {
            List<Token> spec = c.until(t -> t.isOp(","));
            if (spec.isEmpty()) {
                throw c.unexpected("expected an ALTER TABLE specification");
            }
            Analysis a = specification(new TokenCursor(spec), table, options, result);
            if (a != null && a.refused()) {
                return a;
            }
        } while (c.acceptOp(","));
        c.expectEnd();
        if (options.needsOnline && !noCopy(options)) {
            result.requireNewTable(table, Rule.TABLE_COPY, "On existing table " + table + " this ALTER may copy the whole "
                    + "table under a lock (ALGORITHM=" + (options.algorithm == null ? "DEFAULT" : options.algorithm)
                    + (options.lock == null ? "" : ", LOCK=" + options.lock) + "). Add ALGORITHM=INSTANT (a new column), "
                    + "or ALGORITHM=INPLACE, LOCK=NONE (an index): the server then refuses instead of copying.");
        }
        result.idempotent(options.allIfNotExists);
        return result;
    }

    private static boolean noCopy(Options o) {
        String algorithm = o.algorithm == null ? "default" : o.algorithm;
        boolean lockNone = o.online || "none".equals(o.lock);
        boolean blockingLock = o.lock != null && !"none".equals(o.lock) && !"default".equals(o.lock);
        if (blockingLock || algorithm.equals("copy")) {
            return false;
        }
        return algorithm.equals("instant") || algorithm.equals("nocopy") || lockNone;
    }

    /** Returns a refusal, or null after recording what the specification needs in {@code result}. */
    private static Analysis specification(TokenCursor a, QualifiedName table, Options options, Analysis result) {
        if (a.acceptWords("ALGORITHM")) {
            MariaDbNames.optionalEquals(a);
            options.algorithm = a.next().folded();
            a.expectEnd();
            return null;
        }
        if (a.acceptWords("LOCK")) {
            MariaDbNames.optionalEquals(a);
            options.lock = a.next().folded();
            a.expectEnd();
            return null;
        }
        if (a.peekWords("DROP")) {
            return CommonStatements.refuse(Rule.DROP, "Dropping a column, index, constraint or partition loses data or guarantees.");
        }
        if (a.peekWords("TRUNCATE")) {
            return CommonStatements.refuse(Rule.TRUNCATE, "TRUNCATE PARTITION empties part of the table.");
        }
        if (mentions(a, "PARTITION") || mentions(a, "PARTITIONING")) {
            return CommonStatements.refuse(Rule.PARTITION, "Changing partitions locks the table and moves data.");
        }
        if (a.acceptWords("ADD")) {
            return add(a, table, options, result);
        }
        if (a.peekWords("MODIFY") || a.peekWords("CHANGE") || a.peekWords("ALTER") || a.peekWords("CONVERT")) {
            return CommonStatements.refuse(Rule.ALTER_COLUMN, "Changing a column's type, nullability, default or "
                    + "character set can copy the table and break running code.");
        }
        if (a.peekWords("RENAME")) {
            return CommonStatements.refuse(Rule.RENAME, "Running code still uses the old name.");
        }
        if (a.peekWords("FORCE") || a.peekWords("ORDER", "BY")) {
            return CommonStatements.refuse(Rule.VACUUM, "FORCE and ORDER BY rebuild the whole table.");
        }
        if (MariaDbTableOptions.startsOption(a) || a.peekWords("DISCARD") || a.peekWords("IMPORT")
                || a.peekWords("ENABLE", "KEYS") || a.peekWords("DISABLE", "KEYS")) {
            return CommonStatements.refuse(Rule.STORAGE_PARAMETERS,
                    "Changing the engine, row format or other table options can rebuild or lock the table.");
        }
        return MariaDbGrammar.unknown();
    }

    private static Analysis add(TokenCursor a, QualifiedName table, Options options, Analysis result) {
        if (a.peekWords("CONSTRAINT") || a.peekWords("PRIMARY") || a.peekWords("UNIQUE") || a.peekWords("FOREIGN")
                || a.peekWords("CHECK")) {
            List<Token> constraint = a.rest();
            result.requireNewTable(table, Rule.ADD_CONSTRAINT, "Adding a key or constraint to existing table " + table
                    + " checks every row under a lock. Apply it in a reviewed migration.");
            options.allIfNotExists &= saysIfNotExists(constraint);
            return null;
        }
        if (a.peekWords("FULLTEXT") || a.peekWords("SPATIAL")) {
            a.rest();
            result.requireNewTable(table, Rule.TABLE_COPY, "A FULLTEXT or SPATIAL index on existing table " + table
                    + " cannot be built with LOCK=NONE. Apply it in a reviewed migration.");
            options.allIfNotExists = false;
            return null;
        }
        if (a.acceptWords("INDEX") || a.acceptWords("KEY")) {
            options.allIfNotExists &= a.acceptWords("IF", "NOT", "EXISTS");
            if (!a.peekOp("(") && !a.peekWords("USING")) {
                MariaDbNames.simple(a);
            }
            MariaDbIndexParts.rest(a);
            a.expectEnd();
            options.needsOnline = true;
            return null;
        }
        if (a.peekWords("PERIOD") || a.peekWords("SYSTEM")) {
            return MariaDbGrammar.unknown();
        }
        a.acceptWords("COLUMN");
        options.allIfNotExists &= a.acceptWords("IF", "NOT", "EXISTS");
        if (a.peekOp("(")) {
            TokenCursor columns = new TokenCursor(a.group());
            do {
                addColumn(MariaDbColumn.parse(columns), table, result);
            } while (columns.acceptOp(","));
            columns.expectEnd();
        } else {
            addColumn(MariaDbColumn.parse(a), table, result);
        }
        a.expectEnd();
        options.needsOnline = true;
        return null;
    }

    /** What makes an added column unsafe on an existing table becomes a condition on the table being new. */
    private static void addColumn(MariaDbColumn column, QualifiedName table, Analysis result) {
        String offline = " Apply it in a reviewed migration outside the boot manifest.";
        if (column.generated()) {
            result.requireNewTable(table, Rule.ADD_COLUMN_GENERATED,
                    "A generated column is computed for every existing row." + offline);
        }
        boolean serial = column.type().stream().anyMatch(t -> t.isWord("SERIAL"));
        if (column.autoIncrement() || serial) {
            result.requireNewTable(table, Rule.ADD_COLUMN_VOLATILE_DEFAULT,
                    "An AUTO_INCREMENT column numbers every existing row: a table copy." + offline);
        }
        if (column.hasDefault() && !MariaDbColumn.isConstant(column.defaultExpression())) {
            result.requireNewTable(table, Rule.ADD_COLUMN_NON_CONSTANT_DEFAULT, "The default is not a literal; an "
                    + "expression may be evaluated per row or have side effects. Use a literal default.");
        }
        if (column.onUpdate()) {
            result.requireNewTable(table, Rule.ADD_COLUMN_NON_CONSTANT_DEFAULT,
                    "ON UPDATE changes what every later write to existing rows stores." + offline);
        }
        boolean nullDefault = !column.hasDefault() || MariaDbColumn.isNull(column.defaultExpression());
        if (column.notNull() && nullDefault && !column.generated() && !column.autoIncrement() && !serial) {
            result.requireNewTable(table, Rule.ADD_COLUMN_NOT_NULL_WITHOUT_DEFAULT, "A NOT NULL column without a "
                    + "default gives existing rows an implicit value (0, '') or fails; add a DEFAULT or drop NOT NULL.");
        }
        if (column.keyOrCheck() || serial) {
            result.requireNewTable(table, Rule.ADD_CONSTRAINT, "An inline PRIMARY KEY, UNIQUE, KEY, CHECK or REFERENCES "
                    + "on an existing table checks or indexes every row. Add the column, then the index in its own migration.");
        }
    }

    /** ADD CONSTRAINT IF NOT EXISTS ..., ADD FOREIGN KEY IF NOT EXISTS ... (MariaDB 10.0.2+). */
    private static boolean saysIfNotExists(List<Token> tokens) {
        for (int i = 0; i + 2 < tokens.size(); i++) {
            if (tokens.get(i).isWord("IF") && tokens.get(i + 1).isWord("NOT") && tokens.get(i + 2).isWord("EXISTS")) {
                return true;
            }
        }
        return false;
    }

    private static boolean mentions(TokenCursor a, String word) {
        for (int i = 0; a.peek(i) != null; i++) {
            if (a.peek(i).isWord(word)) {
                return true;
            }
        }
        return false;
    }
}
