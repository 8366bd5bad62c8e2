package dev.schemaguard.sqlite;

import dev.schemaguard.IntegritySettings;
import dev.schemaguard.internal.sql.SqlSupport;
import dev.schemaguard.spi.Dialect;
import dev.schemaguard.spi.IntegritySession;
import dev.schemaguard.sqlite.internal.sql.SqliteSql;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteOpenMode;

/**
 * SQLite. A database is a file: it exists or it does not, and it is never created unless asked
 * (sqlite-jdbc's default open mode creates missing files; that flag is removed here). Concurrent
 * boots serialize on SQLite's own write lock, taken by {@code BEGIN IMMEDIATE}; the operating system
 * releases it when a process dies, so a killed boot never leaves a lock behind.
 */
public final class SqliteDialect implements Dialect {
    private static final SqlSupport SQL = new SqliteSql();
    private static final String PREFIX = "jdbc:sqlite:";

    @Override
    public String name() {
        return "sqlite";
    }

    @Override
    public boolean accepts(String jdbcUrl) {
        return jdbcUrl.startsWith(PREFIX);
    }

    @Override
    public SqlSupport sql() {
        return SQL;
    }

    @Override
    public boolean exists(String jdbcUrl) {
        Path file = file(jdbcUrl);
        return file == null || Files.exists(file);
    }

    @Override
    public Connection open(String jdbcUrl, Access access) throws SQLException {
        Path file = file(jdbcUrl);
        Path folder = file == null ? null : file.toAbsolutePath().getParent();
        if (folder != null && !Files.isDirectory(folder)) {
            // SQLite cannot create a folder, and the guard does not: a missing data folder is usually
            // a volume that is not mounted, which is exactly what must not be papered over.
            throw new SQLException("the folder " + folder + " of the database does not exist (is its volume mounted?)");
        }
        SQLiteConfig config = new SQLiteConfig();
        switch (access) {
            case READ_ONLY -> config.setReadOnly(true);
            case READ_WRITE -> config.resetOpenMode(SQLiteOpenMode.CREATE);
            case CREATE -> { }
        }
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        return config.createConnection(jdbcUrl);
    }

    @Override
    public Set<String> existingObjects(Connection connection) throws SQLException {
        Set<String> names = new HashSet<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")) {
            while (rs.next()) {
                names.add(rs.getString(1).toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }

    @Override
    public java.util.Optional<dev.schemaguard.internal.sql.SchemaCatalog> catalog(Connection connection) throws SQLException {
        return java.util.Optional.of(SqliteCatalog.read(connection));
    }

    @Override
    public void beginMigration(Connection connection, Duration lockWait) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA busy_timeout = " + Math.max(1, Math.min(Integer.MAX_VALUE, lockWait.toMillis())));
        }
        // With transaction mode IMMEDIATE, sqlite-jdbc begins with BEGIN IMMEDIATE: the write lock is
        // taken before the ledger is re-read, so two boots cannot both decide to apply a migration.
        connection.setAutoCommit(false);
    }

    @Override
    public java.util.Optional<dev.schemaguard.spi.EngineJudge> engineJudge() {
        return java.util.Optional.of(new SqliteEngineJudge());
    }

    @Override
    public IntegritySession integrity(String jdbcUrl, IntegritySettings settings) {
        Path file = file(jdbcUrl);
        return file == null ? Dialect.super.integrity(jdbcUrl, IntegritySettings.OFF) : new SqliteIntegritySession(file, settings);
    }

    @Override
    public Path databaseFile(String jdbcUrl) {
        return file(jdbcUrl);
    }

    @Override
    public java.util.Optional<String> jdbcUrlOf(javax.sql.DataSource dataSource) {
        try {
            return dataSource.isWrapperFor(SQLiteDataSource.class)
                    ? java.util.Optional.of(dataSource.unwrap(SQLiteDataSource.class).getUrl()) : java.util.Optional.empty();
        } catch (SQLException e) {
            return java.util.Optional.empty();
        }
    }

    /** The database file of a URL, or null for an in-memory database. */
    static Path file(String jdbcUrl) {
        String rest = jdbcUrl.substring(PREFIX.length());
        int query = rest.indexOf('?');
        if (query >= 0) {
            rest = rest.substring(0, query);
        }
        if (rest.startsWith("file:")) {
            rest = rest.substring("file:".length());
        }
        if (rest.isEmpty() || rest.equals(":memory:") || rest.startsWith(":resource:")) {
            return null;
        }
        return Path.of(rest);
    }
}
