package dev.schemaguard.postgres;

import dev.schemaguard.Code;
import dev.schemaguard.internal.sql.SqlSupport;
import dev.schemaguard.postgres.internal.sql.PostgresSql;
import dev.schemaguard.spi.Dialect;
import dev.schemaguard.spi.Dialect.EngineJudge;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * PostgreSQL. A database lives on a server: it exists or it does not (3D000), and it is never
 * created. Concurrent boots serialize on a session advisory lock held for the whole apply phase
 * ({@link ApplyLocks}); while applying, {@code lock_timeout} and {@code statement_timeout} keep DDL
 * stuck behind another transaction from hanging the boot.
 */
public final class PostgresDialect implements Dialect {
    private static final SqlSupport SQL = new PostgresSql();
    private static final Catalog CATALOG = new PostgresCatalog();

    private static final Migrations MIGRATIONS = new Migrations() {
        @Override
        public ApplyLock lock(Connection connection, Duration lockWait) throws SQLException {
            return ApplyLocks.acquire(connection, lockWait);
        }

        @Override
        public void limitStatements(Connection connection, Duration lockTimeout, Duration statementTimeout) throws SQLException {
            // Not set again while the session is known to hold them (see KnownLimits): the last migration left them so.
            String lock = millis(lockTimeout);
            String statement = millis(statementTimeout);
            String limits = KnownLimits.of(lock, statement);
            if (KnownLimits.holds(connection, limits)) {
                return;
            }
            KnownLimits.forget(connection);
            // Session-level (is_local = false) so that it also bounds statements run outside a transaction;
            // the apply lock resets both when it is released, so a pooled connection goes back unchanged.
            try (PreparedStatement ps = connection.prepareStatement(
                    "SELECT set_config('lock_timeout', ?, false), set_config('statement_timeout', ?, false)")) {
                ps.setString(1, lock);
                ps.setString(2, statement);
                ps.execute();
            }
            KnownLimits.held(connection, limits);
        }

        @Override
        public void begin(Connection connection, Duration lockWait) throws SQLException {
            // The apply lock (a session advisory lock) is already held; the transaction needs no other.
            connection.setAutoCommit(false);
        }

        @Override
        public Optional<String> cleanUpFailed(Connection connection, String statement) throws SQLException {
            return ConcurrentIndexes.dropInvalidLeftBy(connection, statement);
        }

        @Override
        public String lockHolderHint() {
            return "pg_blocking_pids() or pg_stat_activity";
        }

        @Override
        public Optional<EngineJudge> engineJudge() {
            return Optional.of(new PostgresEngineJudge());
        }
    };

    private static final String PREFIX = "jdbc:postgresql:";

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

    @Override
    public Database database(String jdbcUrl) {
        return new PostgresDatabase(jdbcUrl);
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
    public Optional<Code> codeFor(SQLException error) {
        return PostgresErrors.codeFor(error);
    }

    /** 0 would mean "no limit" to PostgreSQL: a limit that has run out is the smallest one instead. */
    private static String millis(Duration d) {
        return Math.max(1, d.toMillis()) + "ms";
    }
}
