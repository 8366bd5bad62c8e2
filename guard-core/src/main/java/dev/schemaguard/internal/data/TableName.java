package dev.schemaguard.internal.data;

import dev.schemaguard.GuardConfigException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A canary's table name, checked before it goes anywhere near SQL: a plain identifier, optionally
 * schema-qualified ({@code users}, {@code auth.sessions}). Anything else is refused, so no text
 * from a configuration file is ever concatenated into a query.
 */
public record TableName(String schema, String name) {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final int MAX_LENGTH = 63;

    /** Whether {@code text} is a plain, optionally schema-qualified, identifier. */
    public static boolean isValid(String text) {
        if (text == null) {
            return false;
        }
        String[] parts = text.split("\\.", -1);
        if (parts.length > 2) {
            return false;
        }
        for (String part : parts) {
            if (part.length() > MAX_LENGTH || !IDENTIFIER.matcher(part).matches()) {
                return false;
            }
        }
        return true;
    }

    /** The reason a name is refused and how to write it instead, for messages. */
    public static String rule() {
        return "write a plain table name, optionally schema-qualified (letters, digits and _, "
                + "not starting with a digit; for example users or auth.sessions)";
    }

    public static TableName parse(String text) {
        if (!isValid(text)) {
            throw new GuardConfigException("canaries: table '" + text + "' is not a plain table name; " + rule() + ".");
        }
        int dot = text.indexOf('.');
        return dot < 0 ? new TableName(null, text) : new TableName(text.substring(0, dot), text.substring(dot + 1));
    }

    /**
     * The name for a query, each part quoted with the driver's identifier quote (JDBC's
     * {@code getIdentifierQuoteString()}: " for SQLite and PostgreSQL, ` for MariaDB) so that a table
     * named like a keyword ({@code user}, {@code order}) works. Quoting keeps the case as written:
     * PostgreSQL stores unquoted names in lower case, so write them so. Safe because {@link #isValid}
     * admits no quote character.
     */
    public String quoted(String quote) {
        String q = quote == null || quote.isBlank() ? "\"" : quote;
        return schema == null ? q + name + q : q + schema + q + "." + q + name + q;
    }

    /** Whether a name from {@code Dialect.Catalog.objects} (lower-case, {@code name} or {@code schema.name}) is this table. */
    public boolean matches(String existing) {
        String wanted = toString().toLowerCase(Locale.ROOT);
        return existing.equals(wanted) || (schema == null && existing.endsWith("." + wanted));
    }

    @Override
    public String toString() {
        return schema == null ? name : schema + "." + name;
    }
}
