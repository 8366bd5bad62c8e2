package dev.schemaguard.internal.sql;

/** Reads object names the way each server resolves them. */
public final class Names {
    private Names() {}

    /** Reads {@code name} or {@code schema.name}; the default schema (main, public) becomes null. */
    public static QualifiedName qualified(TokenCursor c, SqlSyntax syntax) {
        String first = simple(c, syntax);
        if (!c.acceptOp(".")) {
            return new QualifiedName(null, first);
        }
        String second = simple(c, syntax);
        return new QualifiedName(defaultSchemaToNull(first, syntax), second);
    }

    /** One identifier; or a 'string' where the syntax accepts strings as names (SQLite). */
    public static String simple(TokenCursor c, SqlSyntax syntax) {
        Token t = c.peek();
        if (t == null || !(t.isName() || (syntax.stringsAsNames() && t.kind() == Token.Kind.STRING))) {
            throw c.unexpected("expected a name");
        }
        c.next();
        if (t.kind() == Token.Kind.STRING) {
            return Token.asciiLower(t.raw().substring(1, t.raw().length() - 1).replace("''", "'"));
        }
        return t.folded();
    }

    public static String defaultSchemaToNull(String schema, SqlSyntax syntax) {
        return schema.equals(syntax.defaultSchema()) ? null : schema;
    }
}
