package dev.schemaguard.sqlite;

import dev.schemaguard.Code;
import dev.schemaguard.internal.sql.SchemaCatalog;
import dev.schemaguard.internal.sql.SqlSupport;
import dev.schemaguard.spi.Dialect;
import dev.schemaguard.spi.Dialect.EngineJudge;
import dev.schemaguard.sqlite.internal.sql.SqliteSql;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.sqlite.SQLiteDataSource;

/**
 * SQLite. A database is a file: it exists or it does not, and it is never created unless asked
 * ({@link SqliteDatabase}). Concurrent boots serialize on SQLite's own write lock, taken by
 * {@code BEGIN IMMEDIATE}; the operating system releases it when a process dies, so a killed boot
 * never leaves a lock behind.
 */
public final class SqliteDialect implements Dialect {
    private static final SqlSupport SQL = new SqliteSql();

    private static final String OBJECTS = "SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'";

    private static final Catalog CATALOG = new Catalog() {
        @Override
        public Set<String> objects(Connection connection) throws SQLException {
            Set<String> names = new HashSet<>();
            try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(OBJECTS)) {
                while (rs.next()) {
                    names.add(rs.getString(1).toLowerCase(Locale.ROOT));
                }
            }
            return names;
        }

        /**
         * Exactly what {@link #objects(Connection)} lists of {@code names}, without carrying every name of a
         * large schema into Java (a no-op boot asks only for its ledgers' and progress tables). SQLite's
         * lower() folds ASCII letters only, which is what Java's does to a name of ASCII characters; a name
         * with any other character is always returned, and lower-cased and compared here as the full
         * listing does (a KELVIN SIGN becomes k in Java, not in SQLite).
         */
        @Override
        public Set<String> objects(Connection connection, Set<String> names) throws SQLException {
            if (names.isEmpty()) {
                return Set.of();
            }
            List<String> asked = List.copyOf(names);
            Set<String> found = new HashSet<>();
            try (PreparedStatement statement = connection.prepareStatement(OBJECTS + " AND (lower(name) IN ("
                    + String.join(", ", java.util.Collections.nCopies(asked.size(), "?")) + ") OR name GLOB '*[^ -~]*')")) {
                for (int i = 0; i < asked.size(); i++) {
                    statement.setString(i + 1, asked.get(i));
                }
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        String name = rs.getString(1).toLowerCase(Locale.ROOT);
                        if (names.contains(name)) {
                            found.add(name);
                        }
                    }
                }
            }
            return found;
        }

        @Override
        public Optional<SchemaCatalog> describe(Connection connection) throws SQLException {
            return Optional.of(SqliteCatalog.read(connection));
        }

        /** A read-only file, folder or mount: SQLite writes the file and a journal (or -wal and -shm) beside it. */
        @Override
        public Optional<String> readOnly(Connection connection) throws SQLException {
            Path file = fileOf(connection);
            return file == null ? Optional.empty() : SqliteFaults.readOnlyReason(file);
        }
    };

    private static final Migrations MIGRATIONS = new Migrations() {
        @Override
        public void begin(Connection connection, Duration lockWait) throws SQLException {
            BusyWait.install(connection, lockWait);
            // With transaction mode IMMEDIATE, sqlite-jdbc begins with BEGIN IMMEDIATE: the write lock is
            // taken before the ledger is re-read, so two boots cannot both decide to apply a migration.
            connection.setAutoCommit(false);
        }

        @Override
        public Optional<EngineJudge> engineJudge() {
            return Optional.of(new SqliteEngineJudge());
        }
    };

    @Override
    public String name() {
        return "sqlite";
    }

    @Override
    public boolean accepts(String jdbcUrl) {
        return jdbcUrl.startsWith(SqliteDatabase.PREFIX);
    }

    @Override
    public Database database(String jdbcUrl) {
        return new SqliteDatabase(jdbcUrl);
    }

    @Override
    public Catalog catalog() {
        return CATALOG;
    }

    @Override
    public Migrations migrations() {
        return MIGRATIONS;
    }

    @Override
    public SqlSupport sql() {
        return SQL;
    }

    @Override
    public Optional<Code> codeFor(SQLException error) {
        return SqliteFaults.codeFor(error);
    }

    @Override
    public Optional<String> jdbcUrlOf(DataSource dataSource) {
        try {
            return dataSource.isWrapperFor(SQLiteDataSource.class)
                    ? Optional.of(dataSource.unwrap(SQLiteDataSource.class).getUrl()) : Optional.empty();
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    /** The main database's file, as SQLite opened it; null in memory. */
    private static Path fileOf(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("PRAGMA database_list")) {
            while (rs.next()) {
                if ("main".equals(rs.getString("name"))) {
                    String path = rs.getString("file");
                    return path == null || path.isEmpty() ? null : Path.of(path);
                }
            }
        }
        return null;
    }
}
