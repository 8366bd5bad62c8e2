package dev.schemaguard.mariadb;

import dev.schemaguard.internal.sql.SchemaCatalog;
import dev.schemaguard.spi.Dialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What the connection's database holds, as Schema Guard names it: every table, view and sequence as
 * {@code name} and {@code database.name}, and every index by its name (MariaDB scopes index names to
 * their table; comparing them database-wide can only make the classifier refuse more, never less).
 */
final class MariaDbCatalog implements Dialect.Catalog {
    private static final String TABLES = "SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.TABLES"
            + " WHERE TABLE_SCHEMA = DATABASE()";
    private static final String INDEXES = "SELECT DISTINCT INDEX_NAME FROM information_schema.STATISTICS"
            + " WHERE TABLE_SCHEMA = DATABASE() AND INDEX_NAME <> 'PRIMARY'";

    @Override
    public Set<String> objects(Connection connection) throws SQLException {
        Set<String> names = new HashSet<>();
        try (Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery(TABLES)) {
                while (rs.next()) {
                    String name = lower(rs.getString(2));
                    names.add(name);
                    names.add(lower(rs.getString(1)) + "." + name);
                }
            }
            try (ResultSet rs = statement.executeQuery(INDEXES)) {
                while (rs.next()) {
                    names.add(lower(rs.getString(1)));
                }
            }
        }
        return names;
    }

    /** Tables with their columns, views and indexes, for a baseline. */
    @Override
    public Optional<SchemaCatalog> describe(Connection connection) throws SQLException {
        return Optional.of(BaselineCatalog.read(connection));
    }

    @Override
    public Optional<String> readOnly(Connection connection) throws SQLException {
        return ServerState.readOnly(connection);
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
