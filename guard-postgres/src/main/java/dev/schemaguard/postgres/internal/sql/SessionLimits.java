package dev.schemaguard.postgres.internal.sql;

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

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the value of SET lock_timeout / statement_timeout as PostgreSQL does: a number of
 * milliseconds, or a string with a unit (us, ms, s, min, h, d). Fractions round to whole
 * milliseconds, so '0.4ms' means 0, that is no limit at all.
 */
final class SessionLimits {
    private static final Pattern WITH_UNIT = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*(us|ms|s|min|h|d)?\\s*");

    private SessionLimits() {}

    /** Whether the value is a limit of at least one millisecond; anything unclear is not. */
    static boolean isPositiveLimit(Token value) {
        String text;
        if (value.kind() == Token.Kind.NUMBER) {
            text = value.raw();
        } else if (value.kind() == Token.Kind.STRING && value.raw().startsWith("'")) {
            text = value.raw().substring(1, value.raw().length() - 1);
        } else {
            return false;
        }
        Matcher m = WITH_UNIT.matcher(text.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return false;
        }
        double amount = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "ms" : m.group(2);
        double millis = switch (unit) {
            case "us" -> amount / 1000;
            case "s" -> amount * 1000;
            case "min" -> amount * 60_000;
            case "h" -> amount * 3_600_000;
            case "d" -> amount * 86_400_000;
            default -> amount;
        };
        return millis >= 1;
    }
}
