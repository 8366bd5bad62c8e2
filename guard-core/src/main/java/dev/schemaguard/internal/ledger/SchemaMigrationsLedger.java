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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code schema_migrations}-style table: one row per applied migration, holding its file name
 * ({@code 001_users.sql}, as incident 2's service kept it) or its version, the digits that start the
 * file name ({@code 20240101120000} for Rails and dbmate, {@code 1} for golang-migrate's
 * {@code 000001_users.up.sql}; versions compare as numbers). A table with a {@code dirty} column is
 * golang-migrate's: one row, a high-water mark, so every version up to it is applied, a dirty mark is a
 * migration that failed midway, and recording a migration moves the mark as {@code migrate up} does
 * (the one case where the row is replaced, never lowered).
 *
 * @param column     the column that holds each entry
 * @param byVersion  the column holds versions (it is named {@code version}), not file names
 * @param highWater  golang-migrate's single-row table
 */
public record SchemaMigrationsLedger(String table, String column, boolean byVersion, boolean highWater) implements LedgerKind {
    public static final String NAME = "schema_migrations";
    public static final String DEFAULT_TABLE = "schema_migrations";
    private static final Pattern VERSION = Pattern.compile("^(\\d+)");

    public SchemaMigrationsLedger {
        table = table.toLowerCase(Locale.ROOT);
        column = column.toLowerCase(Locale.ROOT);
    }

    /** The ledger as its column names it: a column named {@code version} holds versions, any other file names. */
    public static SchemaMigrationsLedger of(String table, String column, boolean highWater) {
        return new SchemaMigrationsLedger(table == null ? DEFAULT_TABLE : table, column,
                column.toLowerCase(Locale.ROOT).endsWith("version"), highWater);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Migration> migrations(Changelog changelog) {
        List<Migration> kept = new ArrayList<>();
        Map<BigInteger, Migration> versions = new HashMap<>();
        for (Migration m : changelog.migrations()) {
            if (!(m instanceof SqlFileMigration)) {
                throw new GuardConfigException("ledger: schema_migrations records .sql files, and " + m.name()
                        + " is a Liquibase changeset. Point changelog: at the folder of .sql migrations.");
            }
            if (byVersion && m.name().toLowerCase(Locale.ROOT).endsWith(".down.sql")) {
                continue; // golang-migrate's way back: never applied at boot
            }
            if (byVersion) {
                Migration same = versions.put(versionOf(m), m);
                if (same != null) {
                    throw new GuardConfigException(changelog.source() + ": " + same.name() + " and " + m.name()
                            + " start with the same version, which " + table + "." + column + " records once. Renumber one of them.");
                }
            }
            kept.add(m);
        }
        if (byVersion) {
            kept.sort(Comparator.comparing(this::versionOf));
        }
        return kept;
    }

    @Override
    public boolean recordsAs(Migration migration, String key) {
        if (byVersion) {
            return key.chars().allMatch(Character::isDigit) && !key.isEmpty()
                    && VERSION.matcher(migration.name()).find() && versionOf(migration).equals(new BigInteger(key));
        }
        return withoutExtension(migration.name()).equals(key);
    }

    @Override
    public boolean allowsGaps() {
        return !highWater;
    }

    @Override
    public Ledger read(Connection connection, Migrations changelog) throws SQLException {
        Set<String> names = new HashSet<>();
        Set<BigInteger> versions = new HashSet<>();
        BigInteger mark = null;
        boolean dirty = false;
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT " + column + (highWater ? ", dirty" : "") + " FROM " + table)) {
            while (rs.next()) {
                String value = rs.getString(1);
                if (value == null) {
                    continue;
                }
                names.add(value.strip());
                numeric(value).ifPresent(versions::add);
                if (highWater) {
                    BigInteger v = numeric(value).orElse(null);
                    if (v != null && (mark == null || v.compareTo(mark) > 0)) {
                        mark = v;
                        dirty = rs.getBoolean(2);
                    }
                }
            }
        }
        List<Migration> migrations = changelog.get();
        Map<String, LedgerRow> rows = new HashMap<>();
        Map<String, String> blocked = new HashMap<>();
        Set<String> matchedNames = new HashSet<>();
        Set<BigInteger> matchedVersions = new HashSet<>();
        for (Migration m : migrations) {
            matchedNames.add(m.name());
            matchedNames.add(withoutExtension(m.name()));
            if (byVersion || highWater) {
                matchedVersions.add(versionOf(m));
            }
            boolean applied;
            if (highWater) {
                int c = mark == null ? 1 : versionOf(m).compareTo(mark);
                applied = c < 0 || c == 0 && !dirty;
                if (c == 0 && dirty) {
                    blocked.put(m.name(), table + " marks version " + mark + " dirty: it failed midway. Undo what it left, "
                            + "then run migrate force " + mark + " (or the version before it)");
                }
            } else if (byVersion) {
                applied = versions.contains(versionOf(m));
            } else {
                applied = names.contains(m.name()) || names.contains(withoutExtension(m.name()));
            }
            if (applied) {
                rows.put(m.name(), new LedgerRow(m.name(), null, table + "." + column, "EXECUTED", null));
            }
        }
        return new Ledger(true, rows, blocked, Map.of(), unmatched(names, mark, matchedNames, matchedVersions));
    }

    /**
     * Entries no migration of the changelog matches (applied by another build, or removed since), as the
     * table holds them. golang-migrate's table holds one entry, its mark: unmatched only when no migration
     * has that version.
     */
    private List<LedgerRow> unmatched(Set<String> names, BigInteger mark, Set<String> matchedNames, Set<BigInteger> matchedVersions) {
        List<LedgerRow> out = new ArrayList<>();
        if (highWater) {
            if (mark != null && !matchedVersions.contains(mark)) {
                out.add(new LedgerRow(mark.toString(), null, table + "." + column, "EXECUTED", null));
            }
            return out;
        }
        names.stream().sorted().filter(value -> byVersion
                        ? numeric(value).map(v -> !matchedVersions.contains(v)).orElse(true)
                        : !matchedNames.contains(value))
                .forEach(value -> out.add(new LedgerRow(value, null, table + "." + column, "EXECUTED", null)));
        return out;
    }

    @Override
    public Entry entry(Migration migration, List<SqlStatement> statements, String deploymentId) {
        return new Row(migration, byVersion ? VERSION.matcher(migration.name()).results().findFirst().orElseThrow().group(1)
                : migration.name());
    }

    @Override
    public void create(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE " + table + " (" + column + " VARCHAR(255) NOT NULL PRIMARY KEY)");
        }
    }

    /**
     * Appends the entry, written as the rows already there are: a version as a number where the column is
     * numeric, a file name without {@code .sql} where the existing rows leave it out. Other columns take
     * their defaults.
     */
    @Override
    public void record(Connection connection, Entry entry, long executionMillis) throws SQLException {
        String value = ((Row) entry).value();
        boolean numericColumn;
        boolean withoutSql = false;
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT " + column + " FROM " + table)) {
            int type = rs.getMetaData().getColumnType(1);
            numericColumn = type == java.sql.Types.BIGINT || type == java.sql.Types.INTEGER || type == java.sql.Types.SMALLINT
                    || type == java.sql.Types.NUMERIC || type == java.sql.Types.DECIMAL;
            boolean any = false;
            boolean allBare = true;
            while (rs.next()) {
                String v = rs.getString(1);
                any = true;
                allBare &= v != null && !v.toLowerCase(Locale.ROOT).endsWith(".sql");
            }
            withoutSql = !byVersion && any && allBare;
        }
        if (highWater) {
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("DELETE FROM " + table);
            }
        }
        String sql = "INSERT INTO " + table + " (" + column + (highWater ? ", dirty" : "") + ") VALUES (?" + (highWater ? ", ?" : "") + ")";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            if (numericColumn) {
                ps.setLong(1, new BigInteger(value).longValueExact());
            } else {
                ps.setString(1, withoutSql ? withoutExtension(value) : value);
            }
            if (highWater) {
                ps.setBoolean(2, false);
            }
            ps.executeUpdate();
        }
    }

    private BigInteger versionOf(Migration m) {
        Matcher matcher = VERSION.matcher(m.name());
        if (!matcher.find()) {
            throw new GuardConfigException(m.file() + ": " + table + "." + column + " records versions, the digits a "
                    + "migration's file name starts with (20240101120000_users.sql, 000001_users.up.sql), and " + m.name()
                    + " has none. Rename it, or name the column that holds file names.");
        }
        return new BigInteger(matcher.group(1));
    }

    private static Optional<BigInteger> numeric(String value) {
        String v = value.strip();
        return !v.isEmpty() && v.chars().allMatch(Character::isDigit) ? Optional.of(new BigInteger(v)) : Optional.empty();
    }

    private static String withoutExtension(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        int cut = lower.endsWith(".up.sql") ? 7 : lower.endsWith(".sql") ? 4 : 0;
        return name.substring(0, name.length() - cut);
    }

    private record Row(Migration migration, String value) implements Entry {
    }
}
