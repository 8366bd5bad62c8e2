package dev.schemaguard.mariadb.internal.judge;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code information_schema} says about the scratch database's objects, as rows of (kind, key,
 * fingerprint): tables (kind, engine, row format, collation, options), columns (type, nullability,
 * default, extra, generation, character set, collation) and their order, indexes, constraints (foreign
 * keys with their actions and columns, checks), triggers, views, routines, events; the session's temporary
 * tables; each copied sequence's state. Fingerprints are "field=value" lists, so a difference can be named.
 */
final class ScratchEvidence {
    private static final String QUERY = String.join(" UNION ALL ",
            "SELECT 'rel', TABLE_NAME, CONCAT_WS(';', CONCAT('type=', TABLE_TYPE), CONCAT('engine=', IFNULL(ENGINE, '')),"
                    + " CONCAT('rowformat=', IFNULL(ROW_FORMAT, '')), CONCAT('collation=', IFNULL(TABLE_COLLATION, '')),"
                    + " CONCAT('options=', IFNULL(CREATE_OPTIONS, ''))) FROM information_schema.TABLES"
                    + " WHERE TABLE_SCHEMA = ? AND TABLE_TYPE <> 'TEMPORARY'",
            "SELECT 'col', CONCAT(TABLE_NAME, '.', COLUMN_NAME), CONCAT_WS(';', CONCAT('type=', COLUMN_TYPE),"
                    + " CONCAT('nullable=', IS_NULLABLE), CONCAT('default=', IFNULL(COLUMN_DEFAULT, '(none)')),"
                    + " CONCAT('extra=', EXTRA), CONCAT('generated=', IFNULL(GENERATION_EXPRESSION, '')),"
                    + " CONCAT('charset=', IFNULL(CHARACTER_SET_NAME, '')), CONCAT('collation=', IFNULL(COLLATION_NAME, '')))"
                    + " FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ?",
            // the order of a table's columns, apart: a new column may go anywhere, the old ones keep their order
            "SELECT 'order', TABLE_NAME, GROUP_CONCAT(COLUMN_NAME ORDER BY ORDINAL_POSITION SEPARATOR '\\n')"
                    + " FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? GROUP BY TABLE_NAME",
            "SELECT 'idx', CONCAT(TABLE_NAME, '.', INDEX_NAME), CONCAT_WS(';', CONCAT('unique=', 1 - MIN(NON_UNIQUE)),"
                    + " CONCAT('type=', MIN(INDEX_TYPE)), CONCAT('ignored=', MIN(IGNORED)), CONCAT('columns=', GROUP_CONCAT("
                    + "CONCAT(COLUMN_NAME, IFNULL(CONCAT('(', SUB_PART, ')'), ''), ' ', IFNULL(COLLATION, '')) ORDER BY SEQ_IN_INDEX)))"
                    + " FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? GROUP BY TABLE_NAME, INDEX_NAME",
            "SELECT 'con', CONCAT(TABLE_NAME, '.', CONSTRAINT_NAME, '.', CONSTRAINT_TYPE), CONCAT('type=', CONSTRAINT_TYPE)"
                    + " FROM information_schema.TABLE_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = ?",
            "SELECT 'fk', CONCAT(TABLE_NAME, '.', CONSTRAINT_NAME), CONCAT_WS(';', CONCAT('references=', REFERENCED_TABLE_NAME),"
                    + " CONCAT('onupdate=', UPDATE_RULE), CONCAT('ondelete=', DELETE_RULE), CONCAT('match=', MATCH_OPTION))"
                    + " FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = ?",
            "SELECT 'fkcol', CONCAT(TABLE_NAME, '.', CONSTRAINT_NAME), GROUP_CONCAT(CONCAT(COLUMN_NAME, '->',"
                    + " REFERENCED_TABLE_NAME, '.', REFERENCED_COLUMN_NAME) ORDER BY ORDINAL_POSITION)"
                    + " FROM information_schema.KEY_COLUMN_USAGE WHERE CONSTRAINT_SCHEMA = ? AND REFERENCED_TABLE_NAME IS NOT NULL"
                    + " GROUP BY TABLE_NAME, CONSTRAINT_NAME",
            "SELECT 'chk', CONCAT(TABLE_NAME, '.', CONSTRAINT_NAME), CONCAT_WS(';', CONCAT('level=', LEVEL),"
                    + " CONCAT('clause=', CHECK_CLAUSE)) FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = ?",
            "SELECT 'trg', CONCAT(EVENT_OBJECT_TABLE, '.', TRIGGER_NAME), CONCAT_WS(';', CONCAT('timing=', ACTION_TIMING),"
                    + " CONCAT('event=', EVENT_MANIPULATION), CONCAT('body=', MD5(ACTION_STATEMENT)))"
                    + " FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = ?",
            "SELECT 'view', TABLE_NAME, CONCAT_WS(';', CONCAT('check=', CHECK_OPTION), CONCAT('security=', SECURITY_TYPE),"
                    + " CONCAT('algorithm=', ALGORITHM), CONCAT('query=', MD5(VIEW_DEFINITION)))"
                    + " FROM information_schema.VIEWS WHERE TABLE_SCHEMA = ?",
            "SELECT 'fn', CONCAT(ROUTINE_TYPE, ' ', ROUTINE_NAME), CONCAT_WS(';', CONCAT('body=', MD5(IFNULL(ROUTINE_DEFINITION, ''))),"
                    + " CONCAT('security=', SECURITY_TYPE), CONCAT('deterministic=', IS_DETERMINISTIC),"
                    + " CONCAT('access=', SQL_DATA_ACCESS)) FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = ?",
            "SELECT 'evt', EVENT_NAME, CONCAT('status=', STATUS) FROM information_schema.EVENTS WHERE EVENT_SCHEMA = ?",
            // a temporary table anywhere in this session: it would shadow a real one of its name
            "SELECT 'temp', CONCAT(TABLE_SCHEMA, '.', TABLE_NAME), 'temporary' FROM information_schema.TABLES"
                    + " WHERE TABLE_TYPE = 'TEMPORARY'");
    private static final int SCHEMA_PARAMETERS = 12;

    private ScratchEvidence() {
    }

    /**
     * kind -> key -> fingerprint, of the scratch database {@code scratch}; {@code copied} are the tables
     * and sequences copied into it (a sequence's state is read).
     */
    static Map<String, Map<String, String>> take(Connection connection, String scratch, Collection<String> copied)
            throws SQLException {
        Map<String, Map<String, String>> evidence = new LinkedHashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(QUERY)) {
            for (int i = 1; i <= SCHEMA_PARAMETERS; i++) {
                ps.setString(i, scratch);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    evidence.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>()).put(rs.getString(2), rs.getString(3));
                }
            }
        }
        Map<String, String> sequences = new LinkedHashMap<>();
        Map<String, String> relations = evidence.getOrDefault("rel", Map.of());
        for (String table : copied) {
            if (relations.getOrDefault(table, "").contains("type=SEQUENCE")) {
                sequences.put(table, state(connection, table));
            }
        }
        evidence.put("seq", sequences);
        return evidence;
    }

    /** A sequence's state (its next value and options); what an unreadable one says when read. */
    private static String state(Connection connection, String table) {
        String sql = "SELECT CONCAT_WS(',', next_not_cached_value, minimum_value, maximum_value, start_value, increment,"
                + " cache_size, cycle_option, cycle_count) FROM " + ScratchDatabase.quote(table);
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? String.valueOf(rs.getString(1)) : "";
        } catch (SQLException e) {
            return "unreadable (" + e.getMessage() + ")";
        }
    }
}
