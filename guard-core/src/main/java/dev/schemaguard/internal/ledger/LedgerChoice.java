package dev.schemaguard.internal.ledger;

import dev.schemaguard.GuardConfigException;
import dev.schemaguard.LedgerSettings;
import dev.schemaguard.LedgerSettings.Kind;
import dev.schemaguard.internal.liquibase.LiquibaseSql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Decides which ledger a database keeps: the configured kind, or, when {@code ledger:} is not set,
 * the one known ledger the database holds ({@code DATABASECHANGELOG}, {@code flyway_schema_history},
 * or a {@code schema_migrations} table with a {@code filename}, {@code name} or {@code version}
 * column). No known ledger means Liquibase's (a new database); two are a configuration error, because
 * guessing which one the service trusts could apply a migration twice.
 */
public final class LedgerChoice {
    /** The columns that make a {@code schema_migrations} table a ledger, in the order they are preferred. */
    static final List<String> ENTRY_COLUMNS = List.of("filename", "name", "version");

    private LedgerChoice() {
    }

    /**
     * @param objects     the database's objects (empty for a database that does not exist yet)
     * @param connection  to read a table's columns; null when the database does not exist yet
     */
    public static ActiveLedger resolve(LedgerSettings settings, Set<String> objects, Connection connection,
                                       Supplier<LiquibaseSql> liquibase) throws SQLException {
        LiquibaseLedger liquibaseLedger = new LiquibaseLedger(liquibase);
        if (settings.kind() == Kind.AUTO) {
            List<LedgerKind> found = detect(objects, connection, liquibaseLedger);
            if (found.size() > 1) {
                throw new GuardConfigException("the database holds " + found.size() + " known ledgers, "
                        + String.join(" and ", found.stream().map(k -> k.table() + " (" + k.name() + ")").toList())
                        + ", and ledger: is not set, so the guard cannot tell which one records what was applied. Set "
                        + "ledger: to the kind the service keeps (docs/adopt.md); to record the guard's migrations in "
                        + "DATABASECHANGELOG next to a foreign ledger, set ledger: {kind: <kind>, record_in: databasechangelog}.");
            }
            return found.isEmpty() ? ActiveLedger.liquibase(liquibase)
                    : new ActiveLedger(found.get(0), found.get(0), "detected");
        }
        LedgerKind kept = switch (settings.kind()) {
            case FLYWAY -> new FlywayLedger(settings.table());
            case SCHEMA_MIGRATIONS -> schemaMigrations(settings, objects, connection);
            default -> liquibaseLedger;
        };
        return new ActiveLedger(kept, settings.recordInLiquibase() ? liquibaseLedger : kept, "configured");
    }

    /**
     * The tables {@link #resolve} may ask the objects about for these settings: the known ledgers' default
     * tables and the configured one, lower-case.
     */
    public static Set<String> tablesAsked(LedgerSettings settings) {
        Set<String> tables = new LinkedHashSet<>(List.of(LedgerTable.NAME, FlywayLedger.DEFAULT_TABLE,
                SchemaMigrationsLedger.DEFAULT_TABLE));
        if (settings.table() != null) {
            tables.add(settings.table().toLowerCase(Locale.ROOT));
        }
        return tables;
    }

    /**
     * The kinds a contract may be written against, known without a database (verify): the configured
     * kind, or, when detection would decide, every kind.
     */
    public static List<LedgerKind> offline(LedgerSettings settings) {
        String column = settings.column();
        return switch (settings.kind()) {
            case LIQUIBASE -> List.of(new LiquibaseLedger(() -> null));
            case FLYWAY -> List.of(new FlywayLedger(settings.table()));
            case SCHEMA_MIGRATIONS -> column != null ? List.of(SchemaMigrationsLedger.of(settings.table(), column, false))
                    : List.of(SchemaMigrationsLedger.of(settings.table(), "filename", false),
                    SchemaMigrationsLedger.of(settings.table(), "version", false));
            case AUTO -> List.of(new FlywayLedger(null), SchemaMigrationsLedger.of(null, "filename", false),
                    SchemaMigrationsLedger.of(null, "version", false));
        };
    }

    private static List<LedgerKind> detect(Set<String> objects, Connection connection, LiquibaseLedger liquibase) throws SQLException {
        List<LedgerKind> found = new ArrayList<>();
        if (liquibase.existsIn(objects)) {
            found.add(liquibase);
        }
        if (objects.contains(FlywayLedger.DEFAULT_TABLE)) {
            found.add(new FlywayLedger(null));
        }
        if (objects.contains(SchemaMigrationsLedger.DEFAULT_TABLE)) {
            Set<String> columns = columns(connection, SchemaMigrationsLedger.DEFAULT_TABLE);
            ENTRY_COLUMNS.stream().filter(columns::contains).findFirst().ifPresent(column ->
                    found.add(SchemaMigrationsLedger.of(null, column, columns.contains("dirty"))));
        }
        return found;
    }

    private static LedgerKind schemaMigrations(LedgerSettings settings, Set<String> objects, Connection connection) throws SQLException {
        String table = settings.table() == null ? SchemaMigrationsLedger.DEFAULT_TABLE : settings.table().toLowerCase(Locale.ROOT);
        Set<String> columns = objects.contains(table) && connection != null ? columns(connection, table) : Set.of();
        String column = settings.column();
        if (column == null) {
            column = ENTRY_COLUMNS.stream().filter(columns::contains).findFirst().orElse(null);
        }
        if (column == null && !columns.isEmpty()) {
            throw new GuardConfigException(table + " has none of the columns " + ENTRY_COLUMNS + " (it has " + columns
                    + "). Name the one that holds each applied migration: ledger: {kind: schema_migrations, column: <name>}.");
        }
        if (column != null && !columns.isEmpty() && !columns.contains(column.toLowerCase(Locale.ROOT))) {
            throw new GuardConfigException("ledger column " + column + " is not a column of " + table + " (it has " + columns + ").");
        }
        return SchemaMigrationsLedger.of(table, column == null ? "filename" : column, columns.contains("dirty"));
    }

    /** A table's column names, lower-case, read through JDBC's result metadata (the same on every database). */
    static Set<String> columns(Connection connection, String table) throws SQLException {
        Set<String> names = new LinkedHashSet<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
            ResultSetMetaData md = rs.getMetaData();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                names.add(md.getColumnName(i).toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }
}
