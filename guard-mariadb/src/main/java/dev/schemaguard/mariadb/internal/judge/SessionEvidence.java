package dev.schemaguard.mariadb.internal.judge;

import java.sql.Connection;
import java.sql.PreparedStatement;
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
 * last to 0), and nothing else of the session or the server; no user variable (the classifier refuses
 * SET @...: an expression in it runs in the boot's session); and it must not release the session's named
 * locks. The rehearsal's session holds one of its own for that, standing for the boot's apply lock, which
 * a RELEASE_ALL_LOCKS() would release.
 */
final class SessionEvidence {
    /** The limits a migration may set (the classifier allows them): changed is fine, but max_statement_time 0 is none. */
    private static final List<String> LIMITS = List.of("lock_wait_timeout", "innodb_lock_wait_timeout", "max_statement_time");
    /** Session variables that change by themselves as statements run. */
    private static final Set<String> VOLATILE = Set.of("timestamp", "identity", "last_insert_id", "insert_id", "rand_seed1",
            "rand_seed2", "last_gtid", "warning_count", "error_count");

    private final Map<String, String> session;
    private final Map<String, String> global;
    private final Map<String, String> userVariables;
    private final boolean holdsLock;

    private SessionEvidence(Map<String, String> session, Map<String, String> global, Map<String, String> userVariables,
                            boolean holdsLock) {
        this.session = session;
        this.global = global;
        this.userVariables = userVariables;
        this.holdsLock = holdsLock;
    }

    /** Takes the stand-in for the apply lock in the rehearsal's session, named after the scratch database. */
    static void holdLock(Connection session, String scratch) throws SQLException {
        lockQuery(session, "SELECT GET_LOCK(?, 0)", scratch);
    }

    /** @param scratch  the scratch database, whose name the stand-in for the apply lock carries ({@link #holdLock}) */
    static SessionEvidence read(Connection session, String scratch) throws SQLException {
        boolean held = lockQuery(session, "SELECT IS_USED_LOCK(?) <=> CONNECTION_ID()", scratch);
        return new SessionEvidence(variables(session, "SESSION_VARIABLES"), variables(session, "GLOBAL_VARIABLES"),
                userVariables(session), held);
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
        userVariables.forEach((name, value) -> {
            if (!value.equals(before.userVariables.get(name))) {
                changes.add("the user variable @" + name + " was set: an expression in a SET runs in the boot's session");
            }
        });
        if (before.holdsLock && !holdsLock) {
            changes.add("the session's named locks were released: in the boot's session, the guard's apply lock among them");
        }
        return changes;
    }

    private static boolean lockQuery(Connection session, String sql, String scratch) throws SQLException {
        try (PreparedStatement ps = session.prepareStatement(sql)) {
            ps.setString(1, scratch + ":apply");
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
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

    /** The session's user variables (information_schema.USER_VARIABLES, MariaDB 10.2+); none where it is not installed. */
    private static Map<String, String> userVariables(Connection connection) {
        Map<String, String> values = new LinkedHashMap<>();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT VARIABLE_NAME, VARIABLE_VALUE FROM information_schema.USER_VARIABLES")) {
            while (rs.next()) {
                values.put(rs.getString(1), String.valueOf(rs.getString(2)));
            }
        } catch (SQLException e) {
            // the plugin is not installed: user variables are left to the classifier
        }
        return values;
    }
}
