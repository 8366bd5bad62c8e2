package dev.schemaguard.internal.sql;

/** Reads object names the way each server resolves them. */
final class Names {
    private Names() {}

    /** Reads {@code name} or {@code schema.name}; the default schema (main, public) becomes null. */
    static QualifiedName qualified(TokenCursor c, SqlDialect dialect) {
        String first = simple(c, dialect);
        if (!c.acceptOp(".")) {
            return new QualifiedName(null, first);
        }
        String second = simple(c, dialect);
        return new QualifiedName(defaultSchemaToNull(first, dialect), second);
    }

    /** One identifier; SQLite also accepts a 'string' where a name is expected. */
    static String simple(TokenCursor c, SqlDialect dialect) {
        Token t = c.peek();
        if (t == null || !(t.isName() || (dialect == SqlDialect.SQLITE && t.kind() == Token.Kind.STRING))) {
            throw c.unexpected("expected a name");
        }
        c.next();
        if (t.kind() == Token.Kind.STRING) {
            return Token.asciiLower(t.raw().substring(1, t.raw().length() - 1).replace("''", "'"));
        }
        return t.folded();
    }

    static String defaultSchemaToNull(String schema, SqlDialect dialect) {
        String defaultSchema = dialect == SqlDialect.SQLITE ? "main" : "public";
        return schema.equals(defaultSchema) ? null : schema;
    }
}
