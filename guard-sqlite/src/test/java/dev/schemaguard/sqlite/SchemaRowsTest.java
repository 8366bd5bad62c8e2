package dev.schemaguard.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.testing.property.Choices;
import dev.schemaguard.testing.property.PropertyCheck;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * {@link SchemaRows#notIn} against the plain answer: the rowids whose (type, name, tbl_name, sql) a
 * row-by-row reading of {@code sqlite_schema} finds changed or new. Random schemas on a real SQLite
 * database (names with capitals, quotes and non-ASCII letters, objects of one kind sharing a name with
 * another kind, long and empty SQL; in UTF-8 and UTF-16 databases), then random changes anywhere in them: new objects, columns added,
 * tables and columns renamed (to names as long as the old, so that only the bytes differ), objects
 * dropped, the last object dropped and another created in its rowid, and a stored text given a
 * suffix through {@code writable_schema} (its bytes start as they did).
 */
class SchemaRowsTest {
    private static final String[] ENCODINGS = {"UTF-8", "UTF-16le", "UTF-16be"};
    private static final String[] NAMES = {"t", "T2", "orders", "we\"ird", "Kelvin\u212A", "\u00fcn\u00ef", "a_long_table_name_for_overflow"};

    @Test
    void rowsNotInAnEarlierReading_areExactlyTheRowsThatChanged() {
        PropertyCheck.forAll(200, choices -> {
            try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:"); Statement s = c.createStatement()) {
                // SQLite keeps text in the database's encoding: UTF-16 must read as UTF-8 does
                s.execute("PRAGMA encoding = '" + ENCODINGS[choices.nextInt(ENCODINGS.length)] + "'");
                List<String> tables = new ArrayList<>();
                int objects = 1 + choices.nextInt(150);
                for (int i = 0; i < objects; i++) {
                    create(s, choices, tables, i);
                }
                SchemaRows before = SchemaRows.read(s);
                Map<Long, List<String>> plainBefore = plain(s);
                int changes = choices.nextInt(6);
                for (int k = 0; k < changes; k++) {
                    change(s, choices, tables, objects + k);
                }
                SchemaRows after = SchemaRows.read(s);
                Map<Long, List<String>> plainAfter = plain(s);
                assertEquals(differing(plainAfter, plainBefore), rowids(after, after.notIn(before)), "rows of after not in before");
                assertEquals(differing(plainBefore, plainAfter), rowids(before, before.notIn(after)), "rows of before not in after");
                assertEquals(Set.of(), rowids(after, after.notIn(after)));
                assertEquals(plainAfter.size(), rowids(after, after.notIn(SchemaRows.NO_ROWS)).size());
                for (int row = 0; row < after.size(); row++) {
                    List<String> values = plainAfter.get(after.rowid(row));
                    assertEquals(values.get(0), after.type(row));
                    assertEquals(values.get(3), after.sql(row));
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void aNulWrittenIntoTheSchema_isRefused_notCompared() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE a (x)");
            s.execute("CREATE TABLE b (x)");
            s.execute("PRAGMA writable_schema = ON");
            s.execute("UPDATE sqlite_schema SET tbl_name = 'a' || char(0) || 'b' WHERE name = 'a'");
            SQLException refused = assertThrows(SQLException.class, () -> SchemaRows.read(s));
            assertTrue(refused.getMessage().contains("tbl_name"), refused.getMessage());
        }
    }

    private static void create(Statement s, Choices choices, List<String> tables, int i) throws SQLException {
        String name = NAMES[choices.nextInt(NAMES.length)] + i;
        String quoted = "\"" + name.replace("\"", "\"\"") + "\"";
        switch (tables.isEmpty() ? 0 : choices.nextInt(5)) {
            case 0 -> {
                String columns = choices.nextBoolean() ? "id INTEGER PRIMARY KEY, v TEXT" : "id TEXT PRIMARY KEY, v TEXT UNIQUE, w " + "x".repeat(choices.nextInt(300));
                attempt(s, "CREATE TABLE " + quoted + " (" + columns + ")");
                tables.add(quoted);
            }
            case 1 -> attempt(s, "CREATE INDEX " + quoted + " ON " + tables.get(choices.nextInt(tables.size())) + " (v)");
            case 2 -> attempt(s, "CREATE VIEW " + quoted + " AS SELECT " + i);
            case 3 -> {
                // a trigger may take a table's name: triggers have a namespace of their own
                String table = tables.get(choices.nextInt(tables.size()));
                attempt(s, "CREATE TRIGGER " + (choices.nextBoolean() ? table : quoted) + " AFTER INSERT ON " + table + " BEGIN SELECT 1; END");
            }
            default -> {
                attempt(s, "CREATE TABLE " + quoted + " (id INTEGER PRIMARY KEY)");
                tables.add(quoted);
            }
        }
    }

    private static void change(Statement s, Choices choices, List<String> tables, int i) throws SQLException {
        String table = tables.isEmpty() ? null : tables.get(choices.nextInt(tables.size()));
        int kind = table == null ? 0 : choices.nextInt(7);
        switch (kind) {
            case 0 -> create(s, choices, tables, i);
            case 1 -> attempt(s, "ALTER TABLE " + table + " ADD COLUMN added" + i + " TEXT");
            case 2 -> {
                // the same length: only the bytes of the name change
                String renamed = table.substring(0, table.length() - 2) + (char) (table.charAt(table.length() - 2) == 'z' ? 'y' : 'z') + "\"";
                if (!tables.contains(renamed)) {
                    tables.set(tables.indexOf(table), renamed);
                    attempt(s, "ALTER TABLE " + table + " RENAME TO " + renamed);
                }
            }
            case 3 -> attempt(s, "ALTER TABLE " + table + " RENAME COLUMN v TO w");
            case 5 -> {
                // an edit only writable_schema allows: a row's text gains a suffix, so its bytes start as before
                attempt(s, "PRAGMA writable_schema = ON");
                attempt(s, "UPDATE sqlite_schema SET sql = sql || ' ' WHERE rowid = (SELECT rowid FROM sqlite_schema"
                        + " WHERE sql IS NOT NULL ORDER BY rowid LIMIT 1 OFFSET " + choices.nextInt(40) + ")");
                attempt(s, "PRAGMA writable_schema = OFF");
            }
            case 4 -> {
                attempt(s, "DROP TABLE " + table);
                tables.remove(table);
            }
            default -> {
                try (ResultSet rs = s.executeQuery("SELECT type, name FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY rowid DESC LIMIT 1")) {
                    if (!rs.next()) {
                        return;
                    }
                    String type = rs.getString(1);
                    String name = "\"" + rs.getString(2).replace("\"", "\"\"") + "\"";
                    rs.close();
                    attempt(s, "DROP " + type + " " + name);
                    tables.remove(name);
                }
                create(s, choices, tables, i);
            }
        }
    }

    /** Runs one random change; one SQLite refuses (a name taken, a column already renamed) changes nothing. */
    private static void attempt(Statement s, String sql) {
        try {
            s.execute(sql);
        } catch (SQLException refused) {
            // a statement is atomic: the schema is as it was
        }
    }

    private static Map<Long, List<String>> plain(Statement s) throws SQLException {
        Map<Long, List<String>> rows = new TreeMap<>();
        try (ResultSet rs = s.executeQuery("SELECT rowid, type, name, tbl_name, coalesce(sql, '') FROM sqlite_schema")) {
            while (rs.next()) {
                rows.put(rs.getLong(1), List.of(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
            }
        }
        return rows;
    }

    private static Set<Long> differing(Map<Long, List<String>> rows, Map<Long, List<String>> other) {
        Set<Long> differing = new TreeSet<>();
        rows.forEach((rowid, values) -> {
            if (!values.equals(other.get(rowid))) {
                differing.add(rowid);
            }
        });
        return differing;
    }

    private static Set<Long> rowids(SchemaRows rows, int[] indexes) {
        Set<Long> rowids = new TreeSet<>();
        for (int index : indexes) {
            rowids.add(rows.rowid(index));
        }
        return rowids;
    }
}
