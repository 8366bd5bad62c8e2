package dev.schemaguard.internal.ledger;

import dev.schemaguard.GuardConfigException;
import dev.schemaguard.internal.changelog.Changelog;
import dev.schemaguard.internal.changelog.Migration;
import dev.schemaguard.internal.changelog.SqlFileMigration;
import dev.schemaguard.internal.sql.SqlStatement;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Flyway's {@code flyway_schema_history}. A versioned migration ({@code V1_1__name.sql}) is matched by
 * version as Flyway compares versions; a repeatable one ({@code R__name.sql}) by description, applied
 * while its latest row has the file's checksum. A version at or below a {@code BASELINE} row counts as
 * applied, and, as in Flyway's validate, only versions above the baseline are checksum-checked. The
 * latest row of a version decides: a failed one ({@code success = false}) blocks it; an undo or a
 * {@code DELETE} marker means it is not applied. Rows the guard writes are the rows Flyway's
 * {@code migrate} writes (type {@code SQL}, Flyway's checksum and description, the next installed rank),
 * so Flyway's {@code info} and {@code validate} accept them.
 */
public final class FlywayLedger implements LedgerKind {
    public static final String NAME = "flyway";
    public static final String DEFAULT_TABLE = "flyway_schema_history";
    private final String table;

    public FlywayLedger(String table) {
        this.table = table == null ? DEFAULT_TABLE : table.toLowerCase(Locale.ROOT);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String table() {
        return table;
    }

    @Override
    public List<Migration> migrations(Changelog changelog) {
        List<Migration> versioned = new ArrayList<>();
        List<Migration> repeatable = new ArrayList<>();
        Map<List<BigInteger>, Migration> versions = new HashMap<>();
        for (Migration m : changelog.migrations()) {
            FlywayName name = nameOf(m);
            if (name.repeatable()) {
                repeatable.add(m);
            } else {
                Migration same = versions.put(name.parts(), m);
                if (same != null) {
                    throw new GuardConfigException(changelog.source() + ": " + same.name() + " and " + m.name()
                            + " have the same Flyway version " + name.version() + ". Give one of them another version.");
                }
                versioned.add(m);
            }
        }
        // Flyway applies versioned migrations in version order (V10 after V9), then repeatable ones by description.
        versioned.sort(Comparator.comparing(m -> nameOf(m).parts(), FlywayName::compare));
        repeatable.sort(Comparator.comparing(m -> nameOf(m).description()));
        List<Migration> all = new ArrayList<>(versioned);
        all.addAll(repeatable);
        return all;
    }

    @Override
    public boolean recordsAs(Migration migration, String key) {
        FlywayName name = FlywayName.parse(migration.name()).orElse(null);
        String bare = key.startsWith("V") || key.startsWith("v") ? key.substring(1) : key;
        return name != null && !name.repeatable() && FlywayName.version(bare)
                .map(parts -> FlywayName.compare(parts, name.parts()) == 0).orElse(false);
    }

    @Override
    public Ledger read(Connection connection, Migrations changelog) throws SQLException {
        History history = History.read(connection, table);
        List<Migration> migrations = changelog.get();
        Map<String, LedgerRow> rows = new HashMap<>();
        Map<String, String> blocked = new HashMap<>();
        Map<String, String> drifted = new HashMap<>();
        Set<HistoryRow> matched = new HashSet<>();
        for (Migration m : migrations) {
            FlywayName name = nameOf(m);
            int checksum = FlywayChecksum.of(((SqlFileMigration) m).script());
            if (name.repeatable()) {
                HistoryRow row = history.repeatables.get(name.storedDescription());
                matched.add(row);
                if (row != null && row.success() && Objects.equals(row.checksum(), checksum)) {
                    rows.put(m.name(), row.asLedgerRow(m));
                }
                continue;
            }
            HistoryRow row = history.versions.get(name.parts());
            matched.add(row);
            if (row == null) {
                if (history.baseline != null && FlywayName.compare(name.parts(), history.baseline) <= 0) {
                    rows.put(m.name(), new LedgerRow(m.name(), null, "below Flyway's baseline", "EXECUTED", null));
                }
            } else if (!row.success()) {
                blocked.put(m.name(), table + " records version " + name.version() + " as failed (installed_rank "
                        + row.rank() + "); remove what it left half-done, then run flyway repair");
            } else if (row.inEffect()) {
                rows.put(m.name(), row.asLedgerRow(m));
                if (history.baseline == null || FlywayName.compare(name.parts(), history.baseline) > 0) {
                    drift(name, row, checksum).ifPresent(why -> drifted.put(m.name(), why));
                }
            }
        }
        return new Ledger(true, rows, blocked, drifted, history.unmatched(matched));
    }

    /** Flyway's validate: a checksum or description that differs from the row fails it (a null checksum is not compared). */
    private java.util.Optional<String> drift(FlywayName name, HistoryRow row, int checksum) {
        if (row.checksum() != null && row.checksum() != checksum) {
            return java.util.Optional.of("checksum mismatch for version " + name.version() + ": " + table + " records "
                    + row.checksum() + ", the file has " + checksum);
        }
        String recorded = FlywayName.NO_DESCRIPTION.equals(row.description()) ? "" : row.description();
        if (!name.storedDescription().equals(recorded)) {
            return java.util.Optional.of("description mismatch for version " + name.version() + ": " + table + " records '"
                    + recorded + "', the file name says '" + name.description() + "'");
        }
        return java.util.Optional.empty();
    }

    @Override
    public Entry entry(Migration migration, List<SqlStatement> statements, String deploymentId) {
        FlywayName name = nameOf(migration);
        String script = migration.name().length() <= 1000 ? migration.name() : "..." + migration.name().substring(3, 1000);
        return new Row(migration, name.version(), name.storedDescription(), script, FlywayChecksum.of(((SqlFileMigration) migration).script()));
    }

    /**
     * Flyway's columns in portable SQL. Flyway itself creates the table on its first run; the guard does
     * only where the configuration names this ledger and the database has none yet (a new volume).
     */
    @Override
    public void create(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE " + table + " (installed_rank INT NOT NULL, version VARCHAR(50),"
                    + " description VARCHAR(200) NOT NULL, type VARCHAR(20) NOT NULL, script VARCHAR(1000) NOT NULL,"
                    + " checksum INT, installed_by VARCHAR(100) NOT NULL, installed_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,"
                    + " execution_time INT NOT NULL, success BOOLEAN NOT NULL, CONSTRAINT " + table + "_pk PRIMARY KEY (installed_rank))");
            statement.execute("CREATE INDEX " + table + "_s_idx ON " + table + " (success)");
        }
    }

    /** As Flyway's {@code JdbcTableSchemaHistory} inserts: installed_on is left to the table's default. */
    @Override
    public void record(Connection connection, Entry entry, long executionMillis) throws SQLException {
        Row row = (Row) entry;
        int rank;
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT COALESCE(MAX(installed_rank), 0) + 1 FROM " + table)) {
            rs.next();
            rank = rs.getInt(1);
        }
        String installedBy = Objects.requireNonNullElse(connection.getMetaData().getUserName(), "");
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO " + table + " (installed_rank, version,"
                + " description, type, script, checksum, installed_by, execution_time, success) VALUES (?, ?, ?, 'SQL', ?, ?, ?, ?, ?)")) {
            ps.setInt(1, rank);
            if (row.version() == null) {
                ps.setNull(2, Types.VARCHAR);
            } else {
                ps.setString(2, row.version());
            }
            ps.setString(3, row.description());
            ps.setString(4, row.script());
            ps.setInt(5, row.checksum());
            ps.setString(6, installedBy.length() <= 100 ? installedBy : installedBy.substring(0, 100));
            ps.setInt(7, (int) Math.min(Integer.MAX_VALUE, executionMillis));
            ps.setBoolean(8, true);
            ps.executeUpdate();
        }
    }

    private FlywayName nameOf(Migration m) {
        if (!(m instanceof SqlFileMigration)) {
            throw new GuardConfigException("ledger: flyway reads a folder of Flyway SQL migrations, and " + m.name()
                    + " is a Liquibase changeset. Point changelog: at the folder Flyway migrates from.");
        }
        return FlywayName.parse(m.name()).orElseThrow(() -> new GuardConfigException(m.file() + ": with ledger: "
                + "flyway, a migration is named as Flyway names it, V<version>__<description>.sql (V2__add_email.sql) or "
                + "R__<description>.sql; rename " + m.name() + " or choose another ledger."));
    }

    private record Row(Migration migration, String version, String description, String script, int checksum) implements Entry {
    }

    private record HistoryRow(int rank, String version, String description, String type, String script, Integer checksum,
                              boolean success, java.time.LocalDateTime installedOn) {
        /** An undo, or Flyway's DELETE marker (repair of a removed migration), takes the version out of effect. */
        boolean inEffect() {
            String t = type.toUpperCase(Locale.ROOT);
            return !t.startsWith("UNDO") && !t.equals("DELETE");
        }

        LedgerRow asLedgerRow(Migration m) {
            return asLedgerRow(m.name());
        }

        LedgerRow asLedgerRow(String id) {
            return new LedgerRow(id, checksum == null ? null : checksum.toString(), description, success ? "EXECUTED" : "FAILED",
                    installedOn);
        }
    }

    /** The table's rows: the latest row per version, per repeatable description, and the highest baseline. */
    private static final class History {
        final Map<List<BigInteger>, HistoryRow> versions = new HashMap<>();
        final Map<String, HistoryRow> repeatables = new HashMap<>();
        List<BigInteger> baseline;

        static History read(Connection connection, String table) throws SQLException {
            History history = new History();
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT installed_rank, version, description, type, script, checksum,"
                         + " success, installed_on FROM " + table + " ORDER BY installed_rank")) {
                while (rs.next()) {
                    int checksum = rs.getInt(6);
                    Integer recorded = rs.wasNull() ? null : checksum;
                    HistoryRow row = new HistoryRow(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), recorded, rs.getBoolean(7), LedgerDates.parse(rs.getString(8)));
                    history.add(row);
                }
            }
            return history;
        }

        /** Applied rows in effect that no migration matched, under their script name, as {@code flyway info} lists them. */
        List<LedgerRow> unmatched(Set<HistoryRow> matched) {
            List<LedgerRow> out = new ArrayList<>();
            java.util.stream.Stream.concat(versions.values().stream(), repeatables.values().stream())
                    .filter(row -> row.success() && row.inEffect() && !matched.contains(row))
                    .filter(row -> !row.type().toUpperCase(Locale.ROOT).contains("BASELINE"))
                    .sorted(Comparator.comparingInt(HistoryRow::rank))
                    .forEach(row -> out.add(row.asLedgerRow(row.script())));
            return out;
        }

        private void add(HistoryRow row) {
            String type = row.type().toUpperCase(Locale.ROOT);
            if (type.equals("SCHEMA")) {
                return; // Flyway's record that it created the schemas: no migration
            }
            if (row.version() == null) {
                repeatables.put(row.description(), row);
                return;
            }
            List<BigInteger> parts = FlywayName.version(row.version()).orElse(null);
            if (parts == null) {
                return;
            }
            if (type.contains("BASELINE") && row.success()) {
                baseline = baseline == null || FlywayName.compare(parts, baseline) > 0 ? parts : baseline;
            }
            versions.put(parts, row);
        }
    }
}
