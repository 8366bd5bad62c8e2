package dev.schemaguard.testing;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/** A real, fresh database for one test, and what a user would look at afterwards. */
public interface TestDatabase {

    String url();

    Connection connect() throws SQLException;

    /**
     * Whether DDL runs inside the migration's transaction (SQLite, PostgreSQL). Where it does not (MariaDB),
     * a migration that fails halfway keeps its earlier statements, and one of several statements is applied
     * at boot only if each can run twice.
     */
    default boolean transactionalDdl() {
        return true;
    }

    /** The schema user objects live in, for metadata queries (null for SQLite). */
    default String schema() {
        return null;
    }

    /** {@code identifier} quoted as this database quotes one (its driver says how: MariaDB's backticks, the others' double quotes). */
    default String quoted(String identifier) throws SQLException {
        try (Connection c = connect()) {
            String quote = c.getMetaData().getIdentifierQuoteString().strip();
            return quote + identifier.replace(quote, quote + quote) + quote;
        }
    }

    default void execute(String... sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String each : sql) {
                s.execute(each);
            }
        }
    }

    /** Tables and views, lower-case, sorted. */
    default List<String> objects() throws SQLException {
        try (Connection c = connect(); ResultSet rs = c.getMetaData().getTables(null, schema(), "%", new String[] {"TABLE", "VIEW"})) {
            TreeSet<String> names = new TreeSet<>();
            while (rs.next()) {
                names.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
            }
            return new ArrayList<>(names);
        }
    }

    default List<String> columns(String table) throws SQLException {
        try (Connection c = connect()) {
            DatabaseMetaData md = c.getMetaData();
            List<String> names = new ArrayList<>();
            for (String candidate : List.of(table, table.toUpperCase(Locale.ROOT))) {
                try (ResultSet rs = md.getColumns(null, schema(), candidate, "%")) {
                    while (rs.next()) {
                        names.add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                    }
                }
                if (!names.isEmpty()) {
                    break;
                }
            }
            return names;
        }
    }

    /** The ledger's IDs in the order they were applied; empty when there is no ledger. */
    default List<String> ledger() throws SQLException {
        if (!objects().contains("databasechangelog")) {
            return List.of();
        }
        return column("SELECT ID FROM DATABASECHANGELOG ORDER BY ORDEREXECUTED");
    }

    default List<String> column(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        }
    }

    /** Every object and every row, as text: two equal dumps mean nothing a user can see changed. */
    default String dump() throws SQLException {
        StringBuilder out = new StringBuilder();
        for (String table : objects()) {
            out.append("== ").append(table).append(' ').append(columns(table)).append('\n');
            try (Connection c = connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
                ResultSetMetaData md = rs.getMetaData();
                List<String> rows = new ArrayList<>();
                while (rs.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        row.append(rs.getString(i)).append('|');
                    }
                    rows.add(row.toString());
                }
                rows.sort(null);
                rows.forEach(r -> out.append(r).append('\n'));
            }
        }
        return out.toString();
    }
}
