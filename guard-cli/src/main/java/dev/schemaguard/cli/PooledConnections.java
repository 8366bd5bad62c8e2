package dev.schemaguard.cli;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.schemaguard.GuardConfig;
import java.util.List;

/**
 * The CLI's connections to a database server, through HikariCP: the pool owns the driver settings a
 * service's own pool would use, and retries are left to the boot's reconnect loop (the pool does not
 * connect until asked, and gives up on one request within half a second, so the boot's loop can retry
 * within its budget). A file database (SQLite) is not pooled:
 * its dialect opens it so that a missing file is never created by accident.
 */
final class PooledConnections implements AutoCloseable {
    /** URL schemes of servers; any other database is opened by its dialect. */
    private static final List<String> SERVER_SCHEMES = List.of("jdbc:postgresql:");
    private static final long REQUEST_TIMEOUT_MS = 500;

    private final HikariDataSource pool;
    private final GuardConfig config;

    private PooledConnections(HikariDataSource pool, GuardConfig config) {
        this.pool = pool;
        this.config = config;
    }

    static PooledConnections forConfig(GuardConfig config) {
        String url = config.database();
        if (url == null || config.dataSource() != null || SERVER_SCHEMES.stream().noneMatch(url::startsWith)) {
            return new PooledConnections(null, config);
        }
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("schema-guard");
        hikari.setJdbcUrl(url);
        hikari.setUsername(config.connection().user());
        hikari.setPassword(config.connection().password());
        hikari.setMaximumPoolSize(2);
        hikari.setMinimumIdle(0);
        hikari.setInitializationFailTimeout(-1);
        hikari.setConnectionTimeout(REQUEST_TIMEOUT_MS);
        hikari.addDataSourceProperty("ApplicationName", "schema-guard");
        HikariDataSource pool = new HikariDataSource(hikari);
        // The URL stays in the config: it chooses the dialect and, redacted, names the database in every line.
        return new PooledConnections(pool, config.toBuilder().dataSource(pool).build());
    }

    GuardConfig config() {
        return config;
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.close();
        }
    }
}
