package dev.schemaguard.internal.sql;

/** The part of a foreign key after REFERENCES: target, columns, actions, deferral. */
public final class ForeignKeyClause {
    /**
     * @param target      the referenced table
     * @param writesRows  an ON DELETE / ON UPDATE action that deletes, nulls or rewrites the referencing
     *                    rows (CASCADE, SET NULL, SET DEFAULT), rather than refusing the change
     */
    public record ForeignKey(QualifiedName target, boolean writesRows) {
    }

    private ForeignKeyClause() {}

    public static ForeignKey parse(TokenCursor c, SqlSyntax syntax) {
        QualifiedName target = Names.qualified(c, syntax);
        if (c.peekOp("(")) {
            c.group();
        }
        boolean writesRows = false;
        while (true) {
            if (c.acceptWords("ON", "DELETE") || c.acceptWords("ON", "UPDATE")) {
                writesRows |= writesRows(c);
            } else if (c.acceptWords("MATCH")) {
                c.next();
            } else if (c.acceptWords("DEFERRABLE") || c.acceptWords("NOT", "DEFERRABLE")) {
                if (c.acceptWords("INITIALLY") && !c.acceptWords("DEFERRED")) {
                    c.expectWords("IMMEDIATE");
                }
            } else if (c.acceptWords("INITIALLY")) {
                if (!c.acceptWords("DEFERRED")) {
                    c.expectWords("IMMEDIATE");
                }
            } else {
                return new ForeignKey(target, writesRows);
            }
        }
    }

    private static boolean writesRows(TokenCursor c) {
        if (c.acceptWords("SET", "NULL") || c.acceptWords("SET", "DEFAULT")) {
            if (c.peekOp("(")) {
                c.group();
            }
            return true;
        }
        if (c.acceptWords("CASCADE")) {
            return true;
        }
        if (!(c.acceptWords("RESTRICT") || c.acceptWords("NO", "ACTION"))) {
            throw c.unexpected("expected a foreign key action");
        }
        return false;
    }

    /** The condition that makes a row-writing action additive: the referencing table is new. */
    public static void requireNewReferencingTable(Analysis a, QualifiedName table, ForeignKey key) {
        if (key.writesRows()) {
            a.requireNewTable(table, Rule.FK_ACTION, "A foreign key from existing table " + table + " to "
                    + key.target() + " with ON DELETE/UPDATE CASCADE, SET NULL or SET DEFAULT makes a routine DELETE "
                    + "or UPDATE of " + key.target() + " delete or rewrite rows of " + table + ". Use NO ACTION or "
                    + "RESTRICT, or apply it in a reviewed migration.");
        }
    }
}
