package dev.schemaguard.internal.boot;

import dev.schemaguard.Code;
import dev.schemaguard.ConnectionSettings;
import dev.schemaguard.GuardConfig;
import dev.schemaguard.internal.Dialects;
import dev.schemaguard.internal.Helpers;
import dev.schemaguard.internal.report.Redactor;
import dev.schemaguard.spi.Dialect;
import dev.schemaguard.spi.Dialect.Access;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The database a boot works on: its dialect, how to connect (the URL with the configured
 * credentials, or the caller's DataSource), and its name with every secret redacted.
 */
record Target(Dialect dialect, Dialect.Database database, String url, DataSource dataSource, ConnectionSettings settings,
              Redactor redactor) {
    /** The kinds of database whose driver a boot of this JVM already had prepared (see {@link #prepare}). */
    private static final java.util.Set<Class<?>> PREPARED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static Target of(GuardConfig config) {
        String url = config.database();
        if (url == null) {
            url = Dialects.urlOf(config.dataSource());
        }
        List<String> secrets = new ArrayList<>();
        if (config.connection().password() != null) {
            secrets.add(config.connection().password());
        }
        Dialect dialect = Dialects.forUrl(url);
        return new Target(dialect, dialect.database(url), url, config.dataSource(), config.connection(),
                Redactor.forUrl(url, secrets));
    }

    /**
     * Has the driver load what a first connection needs on a helper thread, while the boot reads its
     * files ({@link Dialect.Database#prepare}); a caller's DataSource has done so already. Once per kind of
     * database in a JVM: what it loads stays loaded, and a helper woken for nothing at every later boot
     * takes a core the boot needs.
     */
    void prepare() {
        if (dataSource == null && PREPARED.add(database.getClass())) {
            Helpers.start("schema-guard-prepare", () -> {
                database.prepare();
                return null;
            });
        }
    }

    String redacted() {
        return redactor.redact(url);
    }

    boolean exists() {
        return database.exists();
    }

    /**
     * One attempt to connect, within {@code timeout}. A pool's error is replaced by the driver's it
     * wraps, when there is one: that one says what is wrong.
     */
    Connection open(Access access, Duration timeout) throws SQLException {
        try {
            return dataSource != null ? dataSource.getConnection() : database.open(access, settings, timeout);
        } catch (SQLException e) {
            throw driverError(e);
        }
    }

    private static SQLException driverError(SQLException e) {
        SQLException innermost = e;
        for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof SQLException sql) {
                innermost = sql;
            }
        }
        return innermost;
    }

    /** The code the dialect gives a driver error, looking through the causes (a pool wraps the driver's error). */
    Optional<Code> codeFor(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                Optional<Code> code = dialect.codeFor(sql);
                if (code.isPresent()) {
                    return code;
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return Optional.empty();
    }
}
