package dev.schemaguard.internal;

import dev.schemaguard.GuardConfigException;
import dev.schemaguard.internal.sql.SqlDialect;
import dev.schemaguard.spi.Dialect;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Finds the {@link Dialect} for a JDBC URL among those on the class path. */
public final class Dialects {
    private Dialects() {
    }

    public static Dialect forUrl(String jdbcUrl) {
        List<String> names = new ArrayList<>();
        for (Dialect dialect : ServiceLoader.load(Dialect.class, Dialects.class.getClassLoader())) {
            if (dialect.accepts(jdbcUrl)) {
                return dialect;
            }
            names.add(dialect.name());
        }
        String scheme = jdbcUrl.startsWith("jdbc:") && jdbcUrl.indexOf(':', 5) > 0
                ? jdbcUrl.substring(0, jdbcUrl.indexOf(':', 5) + 1) : jdbcUrl;
        throw new GuardConfigException("database: no dialect handles '" + scheme + "'. Supported: "
                + (names.isEmpty() ? "none (add guard-sqlite or guard-postgres to the class path)" : String.join(", ", names))
                + ". Use a URL such as jdbc:sqlite:/data/app.db.");
    }

    /** The classifier's dialect for a Schema Guard dialect. */
    public static SqlDialect sqlDialect(Dialect dialect) {
        return switch (dialect.name()) {
            case "postgresql" -> SqlDialect.POSTGRES;
            default -> SqlDialect.SQLITE;
        };
    }
}
