package dev.schemaguard.internal.sql;

/** The part of a foreign key after REFERENCES: target, columns, actions, deferral. */
public final class ForeignKeyClause {
    private ForeignKeyClause() {}

    /** Reads the clause and returns the referenced table. */
    public static QualifiedName parse(TokenCursor c, SqlSyntax syntax) {
        QualifiedName target = Names.qualified(c, syntax);
        if (c.peekOp("(")) {
            c.group();
        }
        while (true) {
            if (c.acceptWords("ON", "DELETE") || c.acceptWords("ON", "UPDATE")) {
                action(c);
            } else if (c.acceptWords("MATCH")) {
                c.next();
            } else if (c.acceptWords("DEFERRABLE") || c.acceptWords("NOT", "DEFERRABLE")) {
                if (c.acceptWords("INITIALLY") && !c.acceptWords("DEFERRED")) {
                    c.expectWords("IMMEDIATE");
                }
            } else {
                return target;
            }
        }
    }

    private static void action(TokenCursor c) {
        if (c.acceptWords("SET", "NULL") || c.acceptWords("SET", "DEFAULT")) {
            if (c.peekOp("(")) {
                c.group();
            }
        } else if (!(c.acceptWords("CASCADE") || c.acceptWords("RESTRICT") || c.acceptWords("NO", "ACTION"))) {
            throw c.unexpected("expected a foreign key action");
        }
    }
}
