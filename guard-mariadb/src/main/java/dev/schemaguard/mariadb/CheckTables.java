package dev.schemaguard.mariadb;

import dev.schemaguard.Code;
import dev.schemaguard.IntegritySettings;
import dev.schemaguard.spi.IntegritySession.Outcome;
import dev.schemaguard.spi.IntegritySession.Status;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code integrity.mode: check_table}: {@code CHECK TABLE t QUICK} on each base table of the database
 * whose size (DATA_LENGTH + INDEX_LENGTH from information_schema, an estimate the server keeps) is below
 * {@code skip_above}; larger tables are skipped and named. QUICK skips the row-link scan, but InnoDB
 * still reads every index of the table: the cost grows with the table, which is why the threshold
 * exists. Off unless asked for: every other mode checks nothing on MariaDB.
 */
final class CheckTables {
    private static final String TABLES = "SELECT TABLE_NAME, COALESCE(DATA_LENGTH, 0) + COALESCE(INDEX_LENGTH, 0)"
            + " FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' ORDER BY 1";

    private CheckTables() {
    }

    static Outcome check(Connection connection, IntegritySettings settings) throws SQLException {
        if (settings.mode() != IntegritySettings.Mode.CHECK_TABLE) {
            return new Outcome(Status.OFF, null, "integrity mode " + settings.mode().name().toLowerCase(Locale.ROOT)
                    + " has no MariaDB check; set integrity.mode: check_table to run CHECK TABLE ... QUICK", Map.of());
        }
        long threshold = settings.skipAboveBytes();
        List<String> checked = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<String> corrupt = new ArrayList<>();
        Map<String, Long> sizes = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(TABLES)) {
            while (rs.next()) {
                sizes.put(rs.getString(1), rs.getLong(2));
            }
        }
        for (Map.Entry<String, Long> table : sizes.entrySet()) {
            if (table.getValue() >= threshold) {
                skipped.add(table.getKey() + " (" + table.getValue() + " bytes)");
                continue;
            }
            String problem = checkOne(connection, table.getKey());
            if (problem == null) {
                checked.add(table.getKey());
            } else {
                corrupt.add(table.getKey() + ": " + problem);
            }
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("checked", Integer.toString(checked.size()));
        details.put("skipped", Integer.toString(skipped.size()));
        details.put("threshold", Long.toString(threshold));
        if (!corrupt.isEmpty()) {
            return new Outcome(Status.FAILED, Code.DATABASE_CORRUPT, "CHECK TABLE ... QUICK found problems: "
                    + String.join("; ", corrupt) + ". Restore the table from a backup or rebuild it (ALTER TABLE ... FORCE) "
                    + "in a maintenance window.", details);
        }
        if (!skipped.isEmpty()) {
            return new Outcome(Status.SKIPPED_SIZE, null, "checked " + checked.size() + " tables with CHECK TABLE QUICK; "
                    + "skipped " + skipped.size() + " at or above " + threshold + " bytes: " + String.join(", ", skipped), details);
        }
        return new Outcome(Status.OK, null, "checked " + checked.size() + " tables with CHECK TABLE QUICK", details);
    }

    /** Null when the table is OK; otherwise the server's own words. */
    private static String checkOne(Connection connection, String table) throws SQLException {
        String quoted = "`" + table.replace("`", "``") + "`";
        List<String> messages = new ArrayList<>();
        boolean ok = false;
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("CHECK TABLE " + quoted + " QUICK")) {
            while (rs.next()) {
                String type = rs.getString("Msg_type");
                String text = rs.getString("Msg_text");
                if ("status".equalsIgnoreCase(type) && "OK".equalsIgnoreCase(text)) {
                    ok = true;
                } else if ("error".equalsIgnoreCase(type) || ("status".equalsIgnoreCase(type))) {
                    messages.add(text);
                }
            }
        }
        return ok && messages.isEmpty() ? null : String.join(" / ", messages.isEmpty() ? List.of("no OK status") : messages);
    }
}
