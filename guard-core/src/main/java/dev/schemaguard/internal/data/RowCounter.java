package dev.schemaguard.internal.data;

import dev.schemaguard.spi.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Counts a table's rows, but never more than a limit: {@code SELECT COUNT(*) FROM (SELECT 1 FROM t
 * LIMIT n)} reads at most n rows, so a canary on a billion-row table costs what a canary on a
 * small one does. Portable SQL: SQLite and PostgreSQL both take it, with the limit bound.
 */
public final class RowCounter {
    private final Dialect dialect;
    private final int queryTimeoutSeconds;
    private final Watcher watcher;

    /**
     * @param dialect              tells a missing table from another error; may be null (every error is then "unreadable")
     * @param queryTimeoutSeconds  the JDBC query timeout; 0 for none
     * @param watcher              is shown the running statement, so that a deadline can cancel it
     */
    public RowCounter(Dialect dialect, int queryTimeoutSeconds, Watcher watcher) {
        this.dialect = dialect;
        this.queryTimeoutSeconds = queryTimeoutSeconds;
        this.watcher = watcher;
    }

    /** Who may cancel a running count (the boot's deadline). */
    public interface Watcher {
        Watcher NONE = new Watcher() {
            @Override
            public void watch(Statement statement) {
            }

            @Override
            public void unwatch() {
            }
        };

        void watch(Statement statement) throws SQLException;

        void unwatch();
    }

    /** The count query, the name quoted with the driver's identifier quote (" on SQLite and PostgreSQL, ` on MariaDB). */
    public static String sql(TableName table, String identifierQuote) {
        return "SELECT COUNT(*) FROM (SELECT 1 FROM " + table.quoted(identifierQuote) + " LIMIT ?) AS limited";
    }

    /** The table's rows up to {@code limit}; a missing table or a failed query is a result, not an exception. */
    public RowCount count(Connection connection, TableName table, long limit) {
        try (PreparedStatement statement = connection.prepareStatement(
                sql(table, connection.getMetaData().getIdentifierQuoteString().strip()))) {
            statement.setLong(1, limit);
            if (queryTimeoutSeconds > 0) {
                statement.setQueryTimeout(queryTimeoutSeconds);
            }
            watcher.watch(statement);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return RowCount.counted(table, rs.getLong(1));
            } finally {
                watcher.unwatch();
            }
        } catch (SQLException e) {
            return exists(connection, table) ? RowCount.unreadable(table, firstLine(e)) : RowCount.missing(table);
        }
    }

    /** Asked only after the count failed: the dialect's catalog query says whether the table is there. */
    private boolean exists(Connection connection, TableName table) {
        if (dialect == null) {
            return true;
        }
        try {
            return dialect.catalog().objects(connection).stream().anyMatch(table::matches);
        } catch (SQLException e) {
            return true;
        }
    }

    private static String firstLine(SQLException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse("").trim();
    }
}
