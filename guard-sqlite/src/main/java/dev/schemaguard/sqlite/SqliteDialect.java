package dev.schemaguard.sqlite;

import dev.schemaguard.Code;
import dev.schemaguard.ConnectionSettings;
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
import java.util.Optional;
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
    /** For a connection opened outside a boot (no budget to derive the wait from): sqlite-jdbc's own default. */
    private static final Duration DEFAULT_LOCK_WAIT = Duration.ofSeconds(3);

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
        return open(jdbcUrl, access, ConnectionSettings.DEFAULT, DEFAULT_LOCK_WAIT);
    }

    /**
     * Opens the file (never creating it unless asked) and reads its header once, so that a file that
     * cannot be read where it lies (WAL mode on a read-only mount, a full disk that cannot grow
     * {@code -shm}) fails here, said plainly. Every lock wait on the connection ends within {@code timeout}.
     */
    @Override
    public Connection open(String jdbcUrl, Access access, ConnectionSettings settings, Duration timeout) throws SQLException {
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
        Connection connection = config.createConnection(jdbcUrl);
        try {
            BusyWait.install(connection, timeout);
            if (file != null && Files.exists(file)) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("PRAGMA schema_version");
                }
            }
            return connection;
        } catch (SQLException e) {
            connection.close();
            throw file == null ? e : SqliteFaults.explain(e, file);
        }
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
        BusyWait.install(connection, lockWait);
        // With transaction mode IMMEDIATE, sqlite-jdbc begins with BEGIN IMMEDIATE: the write lock is
        // taken before the ledger is re-read, so two boots cannot both decide to apply a migration.
        connection.setAutoCommit(false);
    }

    @Override
    public Optional<Code> codeFor(SQLException error) {
        return SqliteFaults.codeFor(error);
    }

    @Override
    public Optional<String> readOnly(Connection connection) throws SQLException {
        Path file = fileOf(connection);
        return file == null ? Optional.empty() : SqliteFaults.readOnlyReason(file);
    }

    @Override
    public Optional<String> lockHolder(String jdbcUrl) {
        Path file = file(jdbcUrl);
        return file == null ? Optional.empty() : LockHolders.of(file.toAbsolutePath());
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
