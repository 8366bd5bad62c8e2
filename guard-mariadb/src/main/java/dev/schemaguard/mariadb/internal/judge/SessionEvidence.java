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
 * The session's and the server's settings as the rehearsal found them: a migration may set its own lock
 * and statement limits (lock_wait_timeout, innodb_lock_wait_timeout, max_statement_time, but not lift the
 * last to 0), and nothing else of the session or the server.
 */
final class SessionEvidence {
    /** The limits a migration may set (the classifier allows them): changed is fine, but max_statement_time 0 is none. */
    private static final List<String> LIMITS = List.of("lock_wait_timeout", "innodb_lock_wait_timeout", "max_statement_time");
    /** Session variables that change by themselves as statements run. */
    private static final Set<String> VOLATILE = Set.of("timestamp", "identity", "last_insert_id", "insert_id", "rand_seed1",
            "rand_seed2", "last_gtid", "warning_count", "error_count");

    private final Map<String, String> session;
    private final Map<String, String> global;

    private SessionEvidence(Map<String, String> session, Map<String, String> global) {
        this.session = session;
        this.global = global;
    }

    static SessionEvidence read(Connection connection) throws SQLException {
        return new SessionEvidence(variables(connection, "SESSION_VARIABLES"), variables(connection, "GLOBAL_VARIABLES"));
    }

    List<String> changesSince(SessionEvidence before) {
        List<String> changes = new ArrayList<>();
        before.session.forEach((name, was) -> {
            String now = session.get(name);
            if (VOLATILE.contains(name) || was.equals(now)) {
                return;
            }
            if (!LIMITS.contains(name)) {
                changes.add("the session's " + name + " changed: " + was + " -> " + now);
            } else if (name.equals("max_statement_time") && isZero(now)) {
                changes.add("max_statement_time was lifted: " + was + " -> " + now + " (0 means no limit)");
            }
        });
        before.global.forEach((name, was) -> {
            if (!name.startsWith("gtid_") && !was.equals(global.get(name))) {
                changes.add("the server's global " + name + " changed: " + was + " -> " + global.get(name));
            }
        });
        return changes;
    }

    private static boolean isZero(String value) {
        try {
            return value == null || Double.parseDouble(value) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static Map<String, String> variables(Connection connection, String table) throws SQLException {
        Map<String, String> values = new LinkedHashMap<>();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT VARIABLE_NAME, VARIABLE_VALUE FROM information_schema." + table)) {
            while (rs.next()) {
                values.put(rs.getString(1).toLowerCase(Locale.ROOT), String.valueOf(rs.getString(2)));
            }
        }
        return values;
    }
}
