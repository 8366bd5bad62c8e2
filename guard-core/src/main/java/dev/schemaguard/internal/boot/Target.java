package dev.schemaguard.internal.boot;

import dev.schemaguard.GuardConfig;
import dev.schemaguard.internal.Dialects;
import dev.schemaguard.internal.report.Redactor;
import dev.schemaguard.spi.Dialect;
import dev.schemaguard.spi.Dialect.Access;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/** The database a boot works on: its dialect, how to connect, and its name with secrets redacted. */
record Target(Dialect dialect, String url, DataSource dataSource, Redactor redactor) {

    static Target of(GuardConfig config) {
        String url = config.database();
        if (url == null) {
            url = urlOf(config.dataSource());
        }
        return new Target(Dialects.forUrl(url), url, config.dataSource(), Redactor.forUrl(url, List.of()));
    }

    String redacted() {
        return redactor.redact(url);
    }

    boolean exists() {
        return dialect.exists(url);
    }

    Connection open(Access access) throws SQLException {
        return dataSource != null ? dataSource.getConnection() : dialect.open(url, access);
    }

    private static String urlOf(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return c.getMetaData().getURL();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the JDBC URL of the DataSource: " + e.getMessage(), e);
        }
    }
}
