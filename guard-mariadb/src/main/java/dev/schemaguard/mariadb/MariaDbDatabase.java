package dev.schemaguard.mariadb;

import dev.schemaguard.ConnectionSettings;
import dev.schemaguard.GuardConfigException;
import dev.schemaguard.IntegritySettings;
import dev.schemaguard.spi.Dialect;
import dev.schemaguard.spi.IntegritySession;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import java.util.regex.Pattern;

/** One MariaDB (or MySQL) database on its server, which a connection never creates. */
final class MariaDbDatabase implements Dialect.Database {
    static final String MARIADB = "jdbc:mariadb:";
    static final String MYSQL = "jdbc:mysql:";
    private static final Pattern CREATES_DATABASE = Pattern.compile("(?i)[?&]createDatabaseIfNotExist=(true|1|yes)");

    /** For a connection opened outside a boot (no budget to derive the wait from): Connector/J's own default. */
    private static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);

    private final String url;

    MariaDbDatabase(String url) {
        this.url = url;
    }

    /** A server cannot be asked without connecting; a missing database shows as error 1049 when it is opened. */
    @Override
    public boolean exists() {
        return true;
    }

    /** A login is a round trip or more away: started as the boot starts, it overlaps the reading of the files. */
    @Override
    public boolean opensAhead() {
        return true;
    }

    @Override
    public Connection open(Dialect.Access access, ConnectionSettings settings) throws SQLException {
        return open(access, settings, DEFAULT_CONNECT_TIMEOUT);
    }

    /**
     * Every access mode opens the same way: a connection never creates its database, and a URL that asks
     * the driver to (createDatabaseIfNotExist) is refused. A jdbc:mysql: URL is given to the driver as
     * jdbc:mariadb: (Connector/J 3 accepts the mysql scheme only with an extra flag). The connect and
     * the login may take all of {@code timeout} (what is left of the boot's budget).
     */
    @Override
    public Connection open(Dialect.Access access, ConnectionSettings settings, Duration timeout) throws SQLException {
        if (CREATES_DATABASE.matcher(url).find()) {
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
        properties.setProperty("connectTimeout", Long.toString(Math.max(1, timeout.toMillis())));
        properties.setProperty("connectionAttributes", "program_name:schema-guard");
        String driverUrl = url.startsWith(MYSQL) ? MARIADB + url.substring(MYSQL.length()) : url;
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

    /** CHECK TABLE ... QUICK on the boot's connection; nothing here depends on the time. */
    @Override
    public IntegritySession integrity(IntegritySettings settings, Clock clock) {
        return IntegritySession.onConnection(settings, connection -> CheckTables.check(connection, settings));
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
