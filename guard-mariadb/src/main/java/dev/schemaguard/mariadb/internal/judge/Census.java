package dev.schemaguard.mariadb.internal.judge;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The server's own count of the statements this session ran, by kind: {@code Com_*} in
 * {@code SHOW SESSION STATUS}. It counts what the server executed, however it was written: a statement
 * inside a prepared statement, EXECUTE IMMEDIATE or a stored procedure counts under its own kind. An
 * additive migration runs only CREATE TABLE / INDEX / VIEW / SEQUENCE, ALTER TABLE (whose effect the
 * catalog then shows) and SET (whose effect the session's variables show); any other kind that ran is not
 * additive. That covers what a copy without the real rows cannot show: writes to rows (INSERT, UPDATE,
 * DELETE, REPLACE, LOAD DATA, TRUNCATE), and statements whose target the copy may not hold (DROP, RENAME,
 * CALL, dynamic SQL, grants).
 */
final class Census {
    /** Kinds an additive migration may run; the judge's own reading of the counters is {@code Com_show_status}. */
    private static final Set<String> ADDITIVE = Set.of("com_create_table", "com_create_index", "com_alter_table",
            "com_create_view", "com_create_sequence", "com_set_option", "com_empty_query", "com_show_status");

    private final Map<String, Long> counts;

    private Census(Map<String, Long> counts) {
        this.counts = counts;
    }

    static Census read(Connection connection) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SHOW SESSION STATUS LIKE 'Com\\_%'")) {
            while (rs.next()) {
                counts.put(rs.getString(1).toLowerCase(Locale.ROOT), rs.getLong(2));
            }
        }
        return new Census(counts);
    }

    /** The kinds of statement that ran since {@code before} and are not additive, as "ran 1 DROP TABLE". */
    List<String> notAdditiveSince(Census before) {
        List<String> ran = new ArrayList<>();
        counts.forEach((kind, count) -> {
            long delta = count - before.counts.getOrDefault(kind, 0L);
            if (delta > 0 && !ADDITIVE.contains(kind)) {
                ran.add("the server ran " + delta + " " + kind.substring("com_".length()).replace('_', ' ').toUpperCase(Locale.ROOT)
                        + " statement" + (delta == 1 ? "" : "s"));
            }
        });
        return ran;
    }
}
