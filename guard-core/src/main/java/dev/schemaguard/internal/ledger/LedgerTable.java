package dev.schemaguard.internal.ledger;

import dev.schemaguard.internal.changelog.Migration;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes Liquibase's {@code DATABASECHANGELOG} with plain JDBC, inside the caller's
 * transaction: the ledger row of a migration commits together with the migration or not at all.
 * The table is named in lower case, as Liquibase creates it on MariaDB and MySQL, whose table names
 * are case-sensitive on Linux; SQLite and PostgreSQL (unquoted) read it the same either way.
 */
public final class LedgerTable {
    public static final String NAME = "databasechangelog";
    /** Recorded in the LIQUIBASE column: the engine whose ledger format the rows follow. */
    public static final String LIQUIBASE_VERSION = "4.33.0";
    private static final String SHA256_KEY = "sha256=";

    private LedgerTable() {
    }

    /**
     * Whether the ledger is in the current schema, where its unqualified name resolves. Another
     * schema's ledger (another service sharing the database) is not this one's.
     */
    public static boolean existsIn(Set<String> existingObjects) {
        return existingObjects.contains(NAME);
    }

    public static Ledger read(Connection connection) throws SQLException {
        Map<String, LedgerRow> rows = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT ID, MD5SUM, COMMENTS, EXECTYPE, DATEEXECUTED"
                     + " FROM databasechangelog ORDER BY ORDEREXECUTED")) {
            while (rs.next()) {
                LedgerRow row = new LedgerRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        LedgerDates.parse(rs.getString(5)));
                if (row.applied()) {
                    rows.put(row.id(), row);
                }
            }
        }
        return new Ledger(true, rows);
    }

    /** Whether one migration is recorded; read inside the apply transaction, after the lock is held. */
    public static boolean contains(Connection connection, String name) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT 1 FROM databasechangelog WHERE ID = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Creates the table with Liquibase's DDL for this database. */
    public static void create(Connection connection, List<String> ddl) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : ddl) {
                statement.execute(sql);
            }
        }
    }

    /**
     * Records a migration as applied. FILENAME is the logical name (never a folder path), and
     * COMMENTS carries the SHA-256 of the migration's file so that a boot can detect drift
     * without starting Liquibase.
     */
    public static void insert(Connection connection, Migration migration, String md5sum,
                              String description, String deploymentId) throws SQLException {
        // The next ORDEREXECUTED in the same statement, one round trip: INSERT ... SELECT, as MySQL and MariaDB
        // refuse a subquery on the target table in VALUES but take it here; the aggregate gives one row even
        // of an empty table.
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO databasechangelog (ID, AUTHOR, FILENAME, DATEEXECUTED, ORDEREXECUTED, EXECTYPE, MD5SUM,"
                        + " DESCRIPTION, COMMENTS, TAG, LIQUIBASE, CONTEXTS, LABELS, DEPLOYMENT_ID)"
                        + " SELECT ?, ?, ?, CURRENT_TIMESTAMP, COALESCE(MAX(ORDEREXECUTED), 0) + 1, 'EXECUTED', ?, ?, ?, NULL, ?,"
                        + " NULL, NULL, ? FROM databasechangelog")) {
            ps.setString(1, migration.name());
            ps.setString(2, migration.author());
            ps.setString(3, migration.ledgerFilename());
            ps.setString(4, md5sum);
            ps.setString(5, truncate(description, 255));
            ps.setString(6, "schema-guard sha256=" + migration.sha256());
            ps.setString(7, LIQUIBASE_VERSION);
            ps.setString(8, deploymentId);
            ps.executeUpdate();
        }
    }

    /**
     * Whether the row's first recorded SHA-256 is {@code sha256} (lower-case hex): the common case,
     * answered without {@link #recordedSha256}'s check of each character.
     */
    public static boolean recordsSha256(LedgerRow row, String sha256) {
        String comments = row.comments();
        int at = comments == null ? -1 : comments.indexOf(SHA256_KEY);
        return at >= 0 && comments.length() - (at + SHA256_KEY.length()) >= sha256.length()
                && comments.regionMatches(at + SHA256_KEY.length(), sha256, 0, sha256.length());
    }

    /** The file SHA-256 Schema Guard recorded for a row, or null when another tool wrote it. */
    public static String recordedSha256(LedgerRow row) {
        if (row.comments() == null) {
            return null;
        }
        // What the pattern sha256=([0-9a-f]{64}) finds, without a regular expression: it runs once per ledger row.
        String comments = row.comments();
        for (int at = comments.indexOf(SHA256_KEY); at >= 0; at = comments.indexOf(SHA256_KEY, at + 1)) {
            int start = at + SHA256_KEY.length();
            if (start + 64 <= comments.length() && lowerHex(comments, start, start + 64)) {
                return comments.substring(start, start + 64);
            }
        }
        return null;
    }

    private static boolean lowerHex(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
