package dev.schemaguard.postgres;

import dev.schemaguard.Code;
import dev.schemaguard.spi.IntegritySession.Outcome;
import dev.schemaguard.spi.IntegritySession.Status;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Size-aware B-tree checks with the {@code amcheck} extension, when it is installed (the guard never
 * installs it). {@code bt_index_check} reads the whole index under an AccessShareLock, so its cost
 * grows with the index: an index at or above the threshold is skipped and named, never checked at boot.
 */
final class Amcheck {
    private static final String BTREE_INDEXES = "SELECT c.oid, quote_ident(n.nspname) || '.' || quote_ident(c.relname),"
            + " pg_relation_size(c.oid) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_am am ON am.oid = c.relam"
            + " WHERE am.amname = 'btree' AND i.indisvalid AND i.indisready AND c.relpersistence <> 't'"
            + " AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') ORDER BY 2";

    private Amcheck() {
    }

    static Outcome check(Connection connection, long skipAboveBytes) throws SQLException {
        String schema = extensionSchema(connection);
        if (schema == null) {
            return new Outcome(Status.OFF, null, "integrity.mode is amcheck but the amcheck extension is not installed in "
                    + "this database, so no index was checked; install it once with CREATE EXTENSION amcheck",
                    Map.of("reason", "amcheck not installed"));
        }
        List<String> checked = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<String> corrupt = new ArrayList<>();
        try (PreparedStatement check = connection.prepareStatement("SELECT " + schema + ".bt_index_check(?::oid::regclass)");
             Statement list = connection.createStatement();
             ResultSet rs = list.executeQuery(BTREE_INDEXES)) {
            while (rs.next()) {
                String name = rs.getString(2);
                if (rs.getLong(3) >= skipAboveBytes) {
                    skipped.add(name + " (" + rs.getLong(3) + " bytes)");
                    continue;
                }
                check.setLong(1, rs.getLong(1));
                try {
                    check.execute();
                    checked.add(name);
                } catch (SQLException e) {
                    if (!"XX002".equals(e.getSQLState())) {
                        throw e;
                    }
                    corrupt.add(name + ": " + e.getMessage().lines().findFirst().orElse(""));
                }
            }
        }
        return outcome(checked, skipped, corrupt, skipAboveBytes);
    }

    private static Outcome outcome(List<String> checked, List<String> skipped, List<String> corrupt, long threshold) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("checked", Integer.toString(checked.size()));
        details.put("skipped", Integer.toString(skipped.size()));
        details.put("threshold", Long.toString(threshold));
        if (!corrupt.isEmpty()) {
            return new Outcome(Status.FAILED, Code.DATABASE_CORRUPT, "amcheck found corrupt B-tree indexes: "
                    + String.join("; ", corrupt) + ". Rebuild each with REINDEX INDEX CONCURRENTLY and investigate the storage.", details);
        }
        if (!skipped.isEmpty()) {
            return new Outcome(Status.SKIPPED_SIZE, null, "checked " + checked.size() + " B-tree indexes with bt_index_check; "
                    + "skipped " + skipped.size() + " at or above " + threshold + " bytes: " + String.join(", ", skipped), details);
        }
        return new Outcome(Status.OK, null, "checked " + checked.size() + " B-tree indexes with bt_index_check", details);
    }

    private static String extensionSchema(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT quote_ident(n.nspname) FROM pg_extension e"
                     + " JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'amcheck'")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
