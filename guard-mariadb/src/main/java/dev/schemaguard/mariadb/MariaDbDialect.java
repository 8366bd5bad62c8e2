package dev.schemaguard.mariadb;

import dev.schemaguard.Code;
import dev.schemaguard.ConnectionSettings;
import dev.schemaguard.GuardConfigException;
import dev.schemaguard.IntegritySettings;
import dev.schemaguard.internal.sql.SchemaCatalog;
import dev.schemaguard.internal.sql.SqlSupport;
import dev.schemaguard.mariadb.internal.sql.MariaDbSql;
import dev.schemaguard.spi.Dialect;
import dev.schemaguard.spi.IntegrityOutcome;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * MariaDB, and MySQL through the same driver (MariaDB Connector/J). A database lives on a server: it
 * exists or it does not (error 1049), and it is never created. DDL is not transactional: each DDL
 * statement commits on its own ({@link MariaDbSql}), which the classifier and the applier account
 * for. Concurrent boots serialize on a session-level named lock ({@link ApplyLock}); while applying,
 * lock_wait_timeout and max_statement_time keep DDL stuck behind another transaction from hanging.
 */
public final class MariaDbDialect implements Dialect {
    private static final String MARIADB = "jdbc:mariadb:";
    private static final String MYSQL = "jdbc:mysql:";
    private static final Pattern CREATES_DATABASE = Pattern.compile("(?i)[?&]createDatabaseIfNotExist=(true|1|yes)");
    private static final SqlSupport SQL = new MariaDbSql();

    @Override
    public String name() {
        return "mariadb";
    }

    @Override
    public boolean accepts(String jdbcUrl) {
        return jdbcUrl.startsWith(MARIADB) || jdbcUrl.startsWith(MYSQL);
    }

    @Override
    public SqlSupport sql() {
        return SQL;
    }

    /** A server cannot be asked without connecting; a missing database shows as error 1049 when it is opened. */
    @Override
    public boolean exists(String jdbcUrl) {
        return true;
    }

    @Override
    public Connection open(String jdbcUrl, Access access) throws SQLException {
        return open(jdbcUrl, access, ConnectionSettings.DEFAULT);
    }

    /**
     * Every access mode opens the same way: a connection never creates its database, and a URL that asks
     * the driver to (createDatabaseIfNotExist) is refused. A jdbc:mysql: URL is given to the driver as
     * jdbc:mariadb: (Connector/J 3 accepts the mysql scheme only with an extra flag).
     */
    @Override
    public Connection open(String jdbcUrl, Access access, ConnectionSettings settings) throws SQLException {
        if (CREATES_DATABASE.matcher(jdbcUrl).find()) {
            throw new GuardConfigException("database: the URL sets createDatabaseIfNotExist, which would create a missing "
                    + "database on connect (incident 4). Remove it; create the database deliberately, once.");
        }
        Properties properties = new Properties();
        if (settings.user() != null) {
            properties.setProperty("user", settings.user());
        }
        if (settings.password() != null) {
            properties.setProperty("password", settings.password());
        }
        // Connector/J waits 30s for a TCP connect by default; a shorter attempt leaves room for retries in the budget.
        properties.setProperty("connectTimeout", "5000");
        properties.setProperty("connectionAttributes", "program_name:schema-guard");
        String driverUrl = jdbcUrl.startsWith(MYSQL) ? MARIADB + jdbcUrl.substring(MYSQL.length()) : jdbcUrl;
        Connection connection = Driver.INSTANCE.connect(driverUrl, properties);
        if (connection == null) {
            throw new SQLException("not a MariaDB URL: use jdbc:mariadb://host:3306/database", "08001");
        }
        if (connection.getCatalog() == null) {
            connection.close();
            throw new GuardConfigException("database: the URL names no database (jdbc:mariadb://host:3306/<database>); "
                    + "Schema Guard checks one database and never picks one for you.");
        }
        return connection;
    }

    @Override
    public Set<String> existingObjects(Connection connection) throws SQLException {
        return Catalog.objects(connection);
    }

    @Override
    public Optional<SchemaCatalog> catalog(Connection connection) throws SQLException {
        return Optional.of(BaselineCatalog.read(connection));
    }

    @Override
    public boolean readOnly(Connection connection) throws SQLException {
        return ServerState.readOnly(connection);
    }

    @Override
    public Optional<Code> codeFor(SQLException error) {
        return ErrorCodes.codeFor(error);
    }

    @Override
    public String lockHolderHint() {
        return "SHOW PROCESSLIST (a session 'Waiting for table metadata lock' is blocked; the blocker is an older "
                + "transaction on the same table: information_schema.INNODB_TRX, METADATA_LOCK_INFO)";
    }

    @Override
    public ApplyLock lockApply(Connection connection, Duration lockWait) throws SQLException {
        return ApplyLocks.acquire(connection, lockWait);
    }

    @Override
    public void limitStatements(Connection connection, Duration lockTimeout, Duration statementTimeout) throws SQLException {
        SessionLimits.set(connection, lockTimeout, statementTimeout);
    }

    /** The apply lock (a named session lock) is already held; the transaction carries only the ledger row. */
    @Override
    public void beginMigration(Connection connection, Duration lockWait) throws SQLException {
        connection.setAutoCommit(false);
    }

    @Override
    public IntegrityOutcome checkIntegrity(Connection connection, String jdbcUrl, IntegritySettings settings) throws SQLException {
        return CheckTables.check(connection, settings);
    }

    /**
     * Connector/J, loaded only when a MariaDB database is opened: its class initialization registers with
     * DriverManager, which then loads every driver on the class path, a cost no SQLite or PostgreSQL boot
     * should pay.
     */
    private static final class Driver {
        static final org.mariadb.jdbc.Driver INSTANCE = new org.mariadb.jdbc.Driver();
    }
}
