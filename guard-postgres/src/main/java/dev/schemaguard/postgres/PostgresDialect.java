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
    /** For a connection opened outside a boot (no budget to derive the wait from): pgjdbc's own default. */
    private static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

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

    @Override
    public Connection open(String jdbcUrl, Access access, ConnectionSettings settings) throws SQLException {
        return open(jdbcUrl, access, settings, DEFAULT_CONNECT_TIMEOUT);
    }

    /**
     * Every access mode opens the same way: a PostgreSQL connection cannot create its database.
     * Parameters in the URL win over these properties (pgjdbc's rule), so a URL's user= is kept.
     * The connect and the login (SCRAM is CPU work on both sides) may take all of {@code timeout}.
     */
    @Override
    public Connection open(String jdbcUrl, Access access, ConnectionSettings settings, Duration timeout) throws SQLException {
        Properties properties = new Properties();
        if (settings.user() != null) {
            properties.setProperty("user", settings.user());
        }
        if (settings.password() != null) {
            properties.setProperty("password", settings.password());
        }
        properties.setProperty("ApplicationName", "schema-guard");
        // pgjdbc counts these in whole seconds; the boot stops waiting at the exact timeout anyway.
        String seconds = Long.toString(Math.max(1, (timeout.toMillis() + 999) / 1000));
        properties.setProperty("connectTimeout", seconds);
        properties.setProperty("loginTimeout", seconds);
        Connection connection;
        try {
            connection = DRIVER.connect(jdbcUrl, properties);
        } catch (SQLException e) {
            throw PostgresErrors.isLoginRefused(e) ? PostgresErrors.loginRefused(e, jdbcUrl, settings.user()) : e;
        }
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
    public Optional<String> readOnly(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(
                     "SELECT pg_is_in_recovery(), current_setting('transaction_read_only') = 'on'")) {
            rs.next();
            if (rs.getBoolean(1)) {
                return Optional.of("The server is a standby in recovery: point the service at the primary.");
            }
            return rs.getBoolean(2) ? Optional.of("default_transaction_read_only is on for this database or user: turn it "
                    + "off (ALTER DATABASE ... SET default_transaction_read_only = off), or point the service at a writable database.")
                    : Optional.empty();
        }
    }

    @Override
    public Optional<Code> codeFor(SQLException error) {
        return PostgresErrors.codeFor(error);
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
