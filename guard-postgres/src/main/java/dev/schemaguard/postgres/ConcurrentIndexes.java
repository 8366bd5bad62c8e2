package dev.schemaguard.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CREATE INDEX CONCURRENTLY that fails (a duplicate for a unique index, a cancel, a timeout) does
 * not roll back: it leaves an INVALID index that every later write still maintains. This finds that
 * index by the name the statement gave it and drops it the same non-blocking way: after the failure,
 * and before the statement runs again (a boot killed mid-build, or a server that crashed, left one).
 */
final class ConcurrentIndexes {
    private static final String IDENTIFIER = "(\"(?:[^\"]|\"\")+\"|[\\w$]+)";
    private static final Pattern CONCURRENT_INDEX = Pattern.compile("(?is)^\\s*create\\s+(?:unique\\s+)?index\\s+concurrently\\s+"
            + "(?:if\\s+not\\s+exists\\s+)?" + IDENTIFIER + "\\s+on\\s+(?:only\\s+)?(" + IDENTIFIER + "(?:\\." + IDENTIFIER + ")?)");

    /** The same statement with its name optional (an unnamed build gets a generated one). */
    private static final Pattern ASKED = Pattern.compile("(?is)^\\s*create\\s+(?:unique\\s+)?index\\s+concurrently\\s+"
            + "(?:if\\s+not\\s+exists\\s+)?(?:" + IDENTIFIER + "\\s+)?on\\s+(?:only\\s+)?(" + IDENTIFIER + "(?:\\." + IDENTIFIER + ")?)");

    private ConcurrentIndexes() {
    }

    /**
     * After concurrent builds that succeeded: each new index must be valid and be one the statements
     * asked for (its table, and its name when one was given). Any other is dropped the non-blocking
     * way, and named in what is returned.
     */
    static java.util.List<String> dropUnasked(Connection connection, java.util.Set<String> newIndexOids,
                                              java.util.List<String> statements) throws SQLException {
        java.util.List<String> dropped = new java.util.ArrayList<>();
        for (String oid : newIndexOids) {
            try (PreparedStatement ps = connection.prepareStatement("SELECT c.relname, i.indrelid::text, i.indisvalid,"
                    + " quote_ident(n.nspname) || '.' || quote_ident(c.relname) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                    + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE i.indexrelid = ?::oid")) {
                ps.setString(1, oid);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        continue;
                    }
                    String problem = !rs.getBoolean(3) ? "was left invalid by its concurrent build"
                            : asked(connection, rs.getString(1), rs.getString(2), statements) ? null
                            : "is not the index the migration asked for";
                    if (problem != null) {
                        try (Statement drop = connection.createStatement()) {
                            drop.execute("DROP INDEX CONCURRENTLY IF EXISTS " + rs.getString(4));
                        }
                        dropped.add("index " + rs.getString(4) + " " + problem + ", so it was dropped");
                    }
                }
            }
        }
        return dropped;
    }

    private static boolean asked(Connection connection, String index, String tableOid, java.util.List<String> statements)
            throws SQLException {
        for (String statement : statements) {
            Matcher m = ASKED.matcher(statement);
            if (!m.find() || (m.group(1) != null && !unquote(m.group(1)).equals(index))) {
                continue;
            }
            try (PreparedStatement ps = connection.prepareStatement("SELECT to_regclass(?)::oid::text")) {
                ps.setString(1, m.group(2));
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && tableOid.equals(rs.getString(1))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    static Optional<String> dropInvalidLeftBy(Connection connection, String statement) throws SQLException {
        Matcher m = CONCURRENT_INDEX.matcher(statement);
        if (!m.find()) {
            return Optional.empty();
        }
        String index = unquote(m.group(1));
        String invalid = findInvalid(connection, index, m.group(2));
        if (invalid == null) {
            return Optional.empty();
        }
        try (Statement drop = connection.createStatement()) {
            drop.execute("DROP INDEX CONCURRENTLY IF EXISTS " + invalid);
            return Optional.of("the invalid index " + invalid + " that the failed concurrent build left was dropped"
                    + " (DROP INDEX CONCURRENTLY)");
        } catch (SQLException e) {
            return Optional.of("the failed concurrent build left the invalid index " + invalid + ", which could not be dropped ("
                    + e.getMessage().lines().findFirst().orElse("") + "): run DROP INDEX CONCURRENTLY " + invalid);
        }
    }

    private static String findInvalid(Connection connection, String index, String table) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname) FROM pg_index i"
                        + " JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE c.relname = ? AND i.indrelid = to_regclass(?) AND NOT i.indisvalid"
                        // one being built right now is not debris (another session's build in progress)
                        + " AND NOT EXISTS (SELECT 1 FROM pg_stat_progress_create_index p WHERE p.index_relid = i.indexrelid)")) {
            ps.setString(1, index);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** How PostgreSQL stores an identifier: quoted ones verbatim, others folded to lower case. */
    private static String unquote(String identifier) {
        return identifier.startsWith("\"") ? identifier.substring(1, identifier.length() - 1).replace("\"\"", "\"")
                : identifier.toLowerCase(Locale.ROOT);
    }
}
