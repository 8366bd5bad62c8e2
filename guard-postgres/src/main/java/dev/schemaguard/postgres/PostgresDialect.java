package dev.schemaguard.postgres;

import dev.schemaguard.Code;
import dev.schemaguard.ConnectionSettings;
import dev.schemaguard.IntegritySettings;
import dev.schemaguard.internal.sql.SqlSupport;
import dev.schemaguard.postgres.internal.sql.PostgresSql;
import dev.schemaguard.spi.Dialect;
import dev.schemaguard.spi.IntegrityOutcome;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * PostgreSQL. A database lives on a server: it exists or it does not (3D000), and it is never
 * created. Concurrent boots serialize on a session advisory lock held for the whole apply phase
 * ({@link ApplyLocks}); while applying, {@code lock_timeout} and {@code statement_timeout} keep DDL
 * stuck behind another transaction from hanging the boot.
 */
public final class PostgresDialect implements Dialect {
    private static final SqlSupport SQL = new PostgresSql();
    private static final String PREFIX = "jdbc:postgresql:";
    private static final org.postgresql.Driver DRIVER = new org.postgresql.Driver();

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public boolean accepts(String jdbcUrl) {
        return jdbcUrl.startsWith(PREFIX);
    }

    @Override
    public SqlSupport sql() {
        return SQL;
    }

    /** A server cannot be asked without connecting; a missing database shows as 3D000 when it is opened. */
    @Override
    public boolean exists(String jdbcUrl) {
        return true;
    }

    @Override
    public Connection open(String jdbcUrl, Access access) throws SQLException {
        return open(jdbcUrl, access, ConnectionSettings.DEFAULT);
    }

    /**
     * Every access mode opens the same way: a PostgreSQL connection cannot create its database.
     * Parameters in the URL win over these properties (pgjdbc's rule), so a URL's user= is kept.
     */
    @Override
    public Connection open(String jdbcUrl, Access access, ConnectionSettings settings) throws SQLException {
        Properties properties = new Properties();
        if (settings.user() != null) {
            properties.setProperty("user", settings.user());
        }
        if (settings.password() != null) {
            properties.setProperty("password", settings.password());
        }
        properties.setProperty("ApplicationName", "schema-guard");
        // pgjdbc waits 10s for a TCP connect by default; a shorter attempt leaves room for retries in the budget.
        properties.setProperty("connectTimeout", "5");
        Connection connection = DRIVER.connect(jdbcUrl, properties);
        if (connection == null) {
            throw new SQLException("not a PostgreSQL URL: use jdbc:postgresql://host:5432/database", "08001");
        }
        return connection;
    }

    @Override
    public Set<String> existingObjects(Connection connection) throws SQLException {
        return Catalog.objects(connection);
    }

    @Override
    public Optional<dev.schemaguard.internal.sql.SchemaCatalog> catalog(Connection connection) throws SQLException {
        return Optional.of(BaselineCatalog.read(connection));
    }

    @Override
    public boolean readOnly(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(
                     "SELECT pg_is_in_recovery() OR current_setting('transaction_read_only') = 'on'")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    @Override
    public Optional<Code> codeFor(SQLException error) {
        String state = error.getSQLState();
        if (state == null) {
            return Optional.empty();
        }
        return switch (state) {
            // connection failures, and "the database system is starting up / shutting down / in recovery"
            case "08000", "08001", "08003", "08004", "08006", "57P03" -> Optional.of(Code.DATABASE_UNREACHABLE);
            case "3D000" -> Optional.of(Code.DATABASE_MISSING);
            case "55P03" -> Optional.of(Code.LOCK_TIMEOUT);
            case "25006" -> Optional.of(Code.DATABASE_READ_ONLY);
            default -> Optional.empty();
        };
    }

    @Override
    public String lockHolderHint() {
        return "pg_blocking_pids() or pg_stat_activity";
    }

    @Override
    public ApplyLock lockApply(Connection connection, Duration lockWait) throws SQLException {
        return ApplyLocks.acquire(connection, lockWait);
    }

    @Override
    public void limitStatements(Connection connection, Duration lockTimeout, Duration statementTimeout) throws SQLException {
        // Session-level (is_local = false) so that it also bounds statements run outside a transaction;
        // the apply lock resets both when it is released, so a pooled connection goes back unchanged.
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT set_config('lock_timeout', ?, false), set_config('statement_timeout', ?, false)")) {
            ps.setString(1, millis(lockTimeout));
            ps.setString(2, millis(statementTimeout));
            ps.execute();
        }
    }

    @Override
    public void beginMigration(Connection connection, Duration lockWait) throws SQLException {
        // The apply lock (a session advisory lock) is already held; the transaction needs no other.
        connection.setAutoCommit(false);
    }

    @Override
    public Optional<dev.schemaguard.spi.EngineJudge> engineJudge() {
        return Optional.of(new PostgresEngineJudge());
    }

    @Override
    public Optional<String> cleanUpFailed(Connection connection, String statement) throws SQLException {
        return ConcurrentIndexes.dropInvalidLeftBy(connection, statement);
    }

    @Override
    public IntegrityOutcome checkIntegrity(Connection connection, String jdbcUrl, IntegritySettings settings) throws SQLException {
        return settings.mode() == IntegritySettings.Mode.AMCHECK ? Amcheck.check(connection, settings.skipAboveBytes())
                : new IntegrityOutcome("off", null, "integrity mode " + settings.mode().name().toLowerCase(java.util.Locale.ROOT)
                + " has no PostgreSQL check; set integrity.mode: amcheck to check B-tree indexes", java.util.Map.of());
    }

    /** 0 would mean "no limit" to PostgreSQL: a limit that has run out is the smallest one instead. */
    private static String millis(Duration d) {
        return Math.max(1, d.toMillis()) + "ms";
    }
}
