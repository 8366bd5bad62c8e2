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

    /**
     * The dialects on the class path, found once: the class loader that loaded this class sees the same
     * service files for the life of the JVM, and a dialect is stateless (one instance serves every boot).
     * Looking them up again read the jar's service file three times in every boot. A broken service file
     * throws its error as before, and is looked at again next time.
     */
    private static volatile List<Dialect> installed;

    private static List<Dialect> installed() {
        List<Dialect> all = installed;
        if (all == null) {
            all = ServiceLoader.load(Dialect.class, Dialects.class.getClassLoader()).stream()
                    .map(ServiceLoader.Provider::get).toList();
            installed = all;
        }
        return all;
    }

    /** Whether any dialect is on the class path (a library test may have none, and read a config all the same). */
    public static boolean anyInstalled() {
        return !installed().isEmpty();
    }

    public static Dialect forUrl(String jdbcUrl) {
        List<String> names = new ArrayList<>();
        for (Dialect dialect : installed()) {
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
        for (Dialect dialect : installed()) {
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
