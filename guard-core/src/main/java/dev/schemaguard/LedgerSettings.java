package dev.schemaguard;

import java.util.Locale;
import java.util.Objects;

/**
 * Which ledger the database keeps ({@code ledger:} in {@code schema-guard.yaml}) and where what the
 * guard applies is recorded. A foreign ledger (Flyway's, a {@code schema_migrations} table) is read and
 * appended to, never rewritten: the guard records each migration it applies there, as the old tool
 * would, unless {@code recordInLiquibase} sends the guard's rows to {@code DATABASECHANGELOG}.
 *
 * @param kind               the kind, or {@link Kind#AUTO} to detect the one ledger the database has
 * @param table              the ledger table; null for the kind's usual name
 * @param column             {@code schema_migrations} only: the column that holds each entry (a file name, or a
 *                           version when the column is named {@code version}); null to detect {@code filename},
 *                           {@code name} or {@code version}
 * @param recordInLiquibase  the guard records what it applies in {@code DATABASECHANGELOG} (read together with the
 *                           foreign ledger) instead of in the foreign ledger
 */
public record LedgerSettings(Kind kind, String table, String column, boolean recordInLiquibase) {

    /** Detect: exactly one known ledger is used; none means Liquibase's; two are a configuration error. */
    public static final LedgerSettings AUTO = new LedgerSettings(Kind.AUTO, null, null, false);

    public LedgerSettings {
        Objects.requireNonNull(kind, "kind");
        table = blankToNull(table);
        column = blankToNull(column);
        if (column != null && kind != Kind.SCHEMA_MIGRATIONS) {
            throw new GuardConfigException("ledger column is only for kind schema_migrations, not " + kind.configName() + ".");
        }
    }

    /** One ledger kind, named as in the configuration. */
    public static LedgerSettings of(Kind kind) {
        return new LedgerSettings(kind, null, null, false);
    }

    /** The kinds of ledger the guard reads. */
    public enum Kind {
        AUTO, LIQUIBASE, FLYWAY, SCHEMA_MIGRATIONS;

        /** The name in {@code schema-guard.yaml}: {@code liquibase}, {@code flyway}, {@code schema_migrations}. */
        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
