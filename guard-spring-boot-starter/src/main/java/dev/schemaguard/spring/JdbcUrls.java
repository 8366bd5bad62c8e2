package dev.schemaguard.spring;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.util.ClassUtils;

/**
 * The JDBC URL of the application's pool, read from its configuration rather than from a connection:
 * opening a connection to a SQLite file that does not exist would create it, which is exactly what
 * the guard's fresh-database check must see before anyone does.
 */
final class JdbcUrls {
    private static final boolean HIKARI = ClassUtils.isPresent("com.zaxxer.hikari.HikariDataSource", JdbcUrls.class.getClassLoader());

    private JdbcUrls() {
    }

    /** The URL, or null when the pool does not say (the library then asks the driver, or a dialect). */
    static String of(DataSource dataSource) {
        return HIKARI ? Hikari.url(dataSource) : null;
    }

    /** Loaded only when HikariCP is on the class path. */
    private static final class Hikari {
        static String url(DataSource dataSource) {
            try {
                return dataSource.isWrapperFor(HikariDataSource.class) ? dataSource.unwrap(HikariDataSource.class).getJdbcUrl() : null;
            } catch (SQLException e) {
                return null;
            }
        }
    }
}
