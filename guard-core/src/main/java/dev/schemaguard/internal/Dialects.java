package dev.schemaguard.internal;

import dev.schemaguard.GuardConfigException;
import dev.schemaguard.spi.Dialect;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Finds the {@link Dialect} for a JDBC URL among those on the class path. */
public final class Dialects {
    private Dialects() {
    }

    /** Whether any dialect is on the class path (a library test may have none, and read a config all the same). */
    public static boolean anyInstalled() {
        return ServiceLoader.load(Dialect.class, Dialects.class.getClassLoader()).iterator().hasNext();
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

    /**
     * The JDBC URL behind a DataSource: from a dialect that can read it without connecting, else
     * from the driver, which means connecting (fine for a server database, which a connection
     * cannot create).
     */
    public static String urlOf(DataSource dataSource) {
        for (Dialect dialect : ServiceLoader.load(Dialect.class, Dialects.class.getClassLoader())) {
            Optional<String> url = dialect.jdbcUrlOf(dataSource);
            if (url.isPresent()) {
                return url.get();
            }
        }
        try (Connection c = dataSource.getConnection()) {
            return c.getMetaData().getURL();
        } catch (SQLException e) {
            throw new GuardConfigException("cannot read the JDBC URL of the DataSource (" + e.getMessage()
                    + "); set database: (or GuardConfig.builder().database(url)) next to the DataSource.");
        }
    }
}
