package dev.schemaguard.postgres;

import dev.schemaguard.ConnectionSettings;
import dev.schemaguard.IntegritySettings;
import dev.schemaguard.spi.Dialect;
import dev.schemaguard.spi.IntegritySession;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/** One PostgreSQL database on its server, which a connection can never create. */
final class PostgresDatabase implements Dialect.Database {
    private static final org.postgresql.Driver DRIVER = new org.postgresql.Driver();
    /** For a connection opened outside a boot (no budget to derive the wait from): pgjdbc's own default. */
    private static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final String url;

    PostgresDatabase(String url) {
        this.url = url;
    }

    /** A server cannot be asked without connecting; a missing database shows as 3D000 when it is opened. */
    @Override
    public boolean exists() {
        return true;
    }

    /** A login is a round trip or more away: started as the boot starts, it overlaps the reading of the files. */
    @Override
    public boolean opensAhead() {
        return true;
    }

    /**
     * The classes of pgjdbc that a connect, a SCRAM login, a query and its result load: about 150
     * classes, loaded and verified one by one in the connection's path otherwise. Named here, not
     * discovered, as no connection can be made; {@code PostgresDatabaseTest} fails if a driver
     * upgrade renames one.
     */
    static final List<String> CONNECTION_CLASSES = List.of("org.postgresql.jdbc.PgConnection",
            "org.postgresql.core.v3.ConnectionFactoryImpl", "org.postgresql.core.v3.QueryExecutorImpl",
            "org.postgresql.core.PGStream", "org.postgresql.core.Parser", "org.postgresql.core.v3.SimpleQuery",
            "org.postgresql.jdbc.TypeInfoCache", "org.postgresql.jdbc.TimestampUtils", "org.postgresql.jdbc.PgStatement",
            "org.postgresql.jdbc.PgPreparedStatement", "org.postgresql.jdbc.PgResultSet",
            "org.postgresql.core.v3.ScramAuthenticator");

    @Override
    public void prepare() {
        Prepared.once();
    }

    /** Loads {@link #CONNECTION_CLASSES} once per class loader (the holder's initialization is the lock). */
    private static final class Prepared {
        static {
            for (String name : CONNECTION_CLASSES) {
                try {
                    Class.forName(name, true, PostgresDatabase.class.getClassLoader());
                } catch (ClassNotFoundException | LinkageError e) {
                    // the connection loads what it needs, and reports what is missing
                }
            }
        }

        static void once() {
        }
    }

    @Override
    public Connection open(Dialect.Access access, ConnectionSettings settings) throws SQLException {
        return open(access, settings, DEFAULT_CONNECT_TIMEOUT);
    }

    /**
     * Every access mode opens the same way: a PostgreSQL connection cannot create its database.
     * Parameters in the URL win over these properties (pgjdbc's rule), so a URL's user= is kept.
     * The connect and the login (SCRAM is CPU work on both sides) may take all of {@code timeout}.
     */
    @Override
    public Connection open(Dialect.Access access, ConnectionSettings settings, Duration timeout) throws SQLException {
        Properties properties = new Properties();
        if (settings.user() != null) {
            properties.setProperty("user", settings.user());
        }
        if (settings.password() != null) {
            properties.setProperty("password", settings.password());
        }
        properties.setProperty("ApplicationName", "schema-guard");
        // Told the server is 9.0 or later (every version the guard supports), pgjdbc sends the
        // application name in the startup packet instead of a SET after the login: one round trip fewer.
        properties.setProperty("assumeMinServerVersion", "9.0");
        // pgjdbc (42.7.13 on) forgets every server-prepared statement after any CREATE, ALTER or DROP,
        // so that a statement whose result columns the DDL changed ("SELECT *") is not run against a
        // stale row type. Each migration's DDL then made the judge's readings be parsed, analysed and
        // planned again, about a third of a first boot's time. The guard's statements name their
        // columns or compute text from the catalogs, and the server itself replans what the DDL made
        // stale, so nothing needs forgetting.
        properties.setProperty("flushCacheOnDdl", "false");
        // pgjdbc counts these in whole seconds; the boot stops waiting at the exact timeout anyway.
        String seconds = Long.toString(Math.max(1, (timeout.toMillis() + 999) / 1000));
        properties.setProperty("connectTimeout", seconds);
        properties.setProperty("loginTimeout", seconds);
        Connection connection;
        try {
            connection = DRIVER.connect(url, properties);
        } catch (SQLException e) {
            throw PostgresErrors.isLoginRefused(e) ? PostgresErrors.loginRefused(e, url, settings.user()) : e;
        }
        if (connection == null) {
            throw new SQLException("not a PostgreSQL URL: use jdbc:postgresql://host:5432/database", "08001");
        }
        return connection;
    }

    /**
     * amcheck's {@code bt_index_check} on the boot's connection; the other modes have no PostgreSQL
     * check, said at once (the boot does not wait for the changelog before it). Nothing here depends on
     * the time, so the clock is not read.
     */
    @Override
    public IntegritySession integrity(IntegritySettings settings, Clock clock) {
        if (settings.mode() == IntegritySettings.Mode.AMCHECK || settings.mode() == IntegritySettings.Mode.OFF) {
            return IntegritySession.onConnection(settings, connection -> Amcheck.check(connection, settings.skipAboveBytes()));
        }
        return IntegritySession.noCheck(IntegritySession.Outcome.off("integrity mode " + settings.mode().name().toLowerCase(Locale.ROOT)
                + " has no PostgreSQL check; set integrity.mode: amcheck to check B-tree indexes"));
    }
}
