package dev.schemaguard.internal.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Where a boot on a database without transactional DDL records a migration it has started: a row is
 * written (and committed) before the first statement, its count of statements done is updated after
 * each one, and it is deleted in the same transaction that writes the ledger row. A row without a
 * ledger row is therefore a migration a boot started and did not finish: killed, out of time, or
 * failed after some statements took effect. Never used where DDL is transactional.
 */
public final class ProgressTable {
    public static final String NAME = "schema_guard_progress";
    private static final String DDL = "CREATE TABLE IF NOT EXISTS schema_guard_progress (ID VARCHAR(255) NOT NULL PRIMARY KEY,"
            + " STARTED VARCHAR(40) NOT NULL, DEPLOYMENT_ID VARCHAR(10), STATEMENTS_DONE INT NOT NULL, STATEMENTS INT NOT NULL)";

    /** A migration started and not finished: by which boot, when, and how many of its statements took effect. */
    public record Marker(String migration, String started, String deploymentId, int statementsDone, int statements) {
    }

    private ProgressTable() {
    }

    public static boolean existsIn(java.util.Set<String> existingObjects) {
        return existingObjects.contains(NAME);
    }

    public static Map<String, Marker> read(Connection connection) throws SQLException {
        Map<String, Marker> markers = new HashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(
                     "SELECT ID, STARTED, DEPLOYMENT_ID, STATEMENTS_DONE, STATEMENTS FROM schema_guard_progress")) {
            while (rs.next()) {
                markers.put(rs.getString(1), new Marker(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getInt(5)));
            }
        }
        return markers;
    }

    /**
     * Records (and, in autocommit, commits) that this boot starts the migration; replaces an earlier boot's row.
     *
     * @param started  when, by the boot's clock
     */
    public static void start(Connection connection, String migration, String deploymentId, int statements, Instant started)
            throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(DDL);
        }
        finish(connection, migration);
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO schema_guard_progress"
                + " (ID, STARTED, DEPLOYMENT_ID, STATEMENTS_DONE, STATEMENTS) VALUES (?, ?, ?, 0, ?)")) {
            ps.setString(1, migration);
            ps.setString(2, started.toString());
            ps.setString(3, deploymentId);
            ps.setInt(4, statements);
            ps.executeUpdate();
        }
    }

    public static void statementsDone(Connection connection, String migration, int done) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("UPDATE schema_guard_progress SET STATEMENTS_DONE = ? WHERE ID = ?")) {
            ps.setInt(1, done);
            ps.setString(2, migration);
            ps.executeUpdate();
        }
    }

    /** Removes the migration's row: in the ledger row's transaction when it is applied, or when nothing took effect. */
    public static void finish(Connection connection, String migration) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("DELETE FROM schema_guard_progress WHERE ID = ?")) {
            ps.setString(1, migration);
            ps.executeUpdate();
        }
    }
}
