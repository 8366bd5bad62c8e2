package dev.schemaguard.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The incremental reading's own guards, which no sequence of migrations on a test server reaches: the
 * object id counter wrapping around (a new object then takes a free id below the highest one there was,
 * where the incremental reading does not look), and the statement limits as current_setting shows them;
 * and its comparison against a whole one's.
 */
class CatalogEvidenceTest {
    private static final Set<String> GUARD_TABLES = Set.of("databasechangelog");

    @Test
    void newRowsFoundByObjectId_areTheWholeOfWhatWasInserted_elseEverythingIsRead() throws SQLException {
        PostgresTestDatabase db = PostgresServer.defaultMajor().newDatabase();
        db.execute("CREATE TABLE kept (id int PRIMARY KEY)");
        try (Connection connection = db.connect()) {
            connection.setAutoCommit(false);
            Reading before = CatalogEvidence.full(connection, GUARD_TABLES);
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE fresh (id int PRIMARY KEY, note text)");
            }
            Reading after = CatalogEvidence.incremental(connection, GUARD_TABLES, before);
            assertNotNull(after, "an incremental reading after a plain CREATE TABLE");
            assertTrue(after.kind("rel").values().stream().anyMatch(f -> f.contains("name=public.fresh;")), after.kind("rel").toString());
            assertTrue(after.kind("rel").values().stream().anyMatch(f -> f.contains("name=public.kept;")), after.kind("rel").toString());

            // As if the counter had wrapped since: the new rows' ids are below what "before" says was the highest.
            Map<String, Map<String, String>> wrapped = new LinkedHashMap<>(before.evidence());
            Map<String, String> maxOid = new LinkedHashMap<>(before.kind(Reading.MAX_OID));
            maxOid.replaceAll((catalog, oid) -> Long.toString(Long.parseLong(oid) + 1_000_000));
            wrapped.put(Reading.MAX_OID, maxOid);
            assertNull(CatalogEvidence.incremental(connection, GUARD_TABLES, new Reading(wrapped)),
                    "inserted rows not found by object id must make the caller read everything");
            connection.rollback();
        }
    }

    /**
     * After a migration the settings are compared on the server, their names and values written into the
     * query: a value with the array's and the string's quoting characters in it must read as unchanged while
     * it is, and as changed once it is not, whatever quoting it holds.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "plain",
        "~with \"double\" and 'single' quotes, commas, {braces} and a \\ backslash~",
        "NULL",
        "~ spaces around ~",
        "~a $sg$ dollar $sg1$ quote~",
        "~naïve ünïcödé 𝄞~"})
    void theSettingsComparedInTheQuery_readUnchangedWhileTheyAre_andChangedOnceNot(String value) throws SQLException {
        PostgresTestDatabase db = PostgresServer.defaultMajor().newDatabase();
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            statement.execute("SELECT set_config('sg_test.note', '" + value.replace("'", "''") + "', false)");
            Map<String, String> settings = new LinkedHashMap<>();
            try (java.sql.ResultSet rs = statement.executeQuery("SELECT name, current_setting(name) FROM pg_settings ORDER BY name")) {
                while (rs.next()) {
                    settings.put(rs.getString(1), rs.getString(2));
                }
            }
            settings.put("sg_test.note", value);
            assertEquals("true", compared(statement, settings), "unchanged");
            statement.execute("SET work_mem = '7MB'");
            assertEquals("false", compared(statement, settings), "work_mem changed");
            statement.execute("RESET work_mem");
            statement.execute("SELECT set_config('sg_test.note', 'other', false)");
            assertEquals("false", compared(statement, settings), "the awkward value changed");
        }
    }

    private static String compared(Statement statement, Map<String, String> settings) throws SQLException {
        try (java.sql.ResultSet rs = statement.executeQuery("SELECT " + CatalogEvidence.settingsUnchanged(settings))) {
            rs.next();
            return rs.getString(1);
        }
    }

    /**
     * An incremental reading puts what the transaction wrote over "before"'s catalog entries in place and
     * the comparison looks at those entries alone: it must name what a comparison with a whole reading
     * names, and {@link Reading#undo} must give "before" back as it was, for that whole comparison.
     */
    @Test
    void anIncrementalComparison_namesWhatAWholeOneNames_andUndoGivesBeforeBack() throws SQLException {
        PostgresTestDatabase db = PostgresServer.defaultMajor().newDatabase();
        db.execute("CREATE TABLE kept (id int PRIMARY KEY)");
        try (Connection connection = db.connect()) {
            connection.setAutoCommit(false);
            Reading before = CatalogEvidence.full(connection, GUARD_TABLES);
            Map<String, Map<String, String>> asItWas = deepCopy(before.evidence());
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE fresh (id int PRIMARY KEY, note text)");
                statement.execute("GRANT SELECT ON kept TO PUBLIC");
            }
            Reading incremental = CatalogEvidence.incremental(connection, GUARD_TABLES, before);
            assertNotNull(incremental, "an incremental reading after CREATE TABLE and GRANT");
            Reading whole = CatalogEvidence.full(connection, GUARD_TABLES);
            Diff shortcut = new Diff(before.evidence(), incremental.evidence(), incremental.replaced());
            Diff reference = new Diff(asItWas, whole.evidence());
            for (String kind : java.util.List.of("rel", "col", "con", "idx", "typ")) {
                assertEquals(reference.changedOrGone(kind), shortcut.changedOrGone(kind), kind);
                assertEquals(reference.added(kind), shortcut.added(kind), kind);
            }
            assertTrue(shortcut.changedOrGone("rel").stream().anyMatch(change -> change.startsWith("relation public.kept changed: acl")),
                    shortcut.changedOrGone("rel").toString());
            assertTrue(!shortcut.added("rel").isEmpty(), "fresh is new");

            incremental.undo();
            for (Map.Entry<String, Map<String, String>> kind : asItWas.entrySet()) {
                assertEquals(kind.getValue(), before.kind(kind.getKey()), kind.getKey());
            }
            connection.rollback();
        }
    }

    /**
     * A new relation's row is updated once its TOAST table is made, and the reading after the statements
     * scans the catalog for other updated rows only when the statistics count more updates than the new
     * rows prove. Whatever else the migration updated in pg_class alongside, the shortcut must name what a
     * whole reading names.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "CREATE TABLE fresh (id int PRIMARY KEY, note text)",
        "CREATE TABLE fresh (id int PRIMARY KEY, note text); GRANT SELECT ON plain TO PUBLIC",
        "CREATE TABLE one (v text); CREATE TABLE two (v text); GRANT SELECT ON kept TO PUBLIC",
        "CREATE TABLE fresh (v text); ALTER TABLE plain ADD COLUMN extra text",
        "CREATE TABLE fresh (v text); ALTER TABLE plain SET (fillfactor = 50)",
        "CREATE TABLE fresh (v text); ALTER TABLE kept ENABLE ROW LEVEL SECURITY",
        "CREATE TABLE fresh (id int REFERENCES kept (id), v text)",
        "CREATE TABLE fresh (v text); REVOKE ALL ON plain FROM PUBLIC; GRANT UPDATE ON plain TO PUBLIC",
        "CREATE TABLE fresh (v text); ALTER TABLE plain ALTER COLUMN id SET NOT NULL"})
    void newRowsUpdatedForTheirToastTables_andOtherRowsUpdatedBeside_areNamedAsAWholeReadingNamesThem(String statements)
            throws SQLException {
        PostgresTestDatabase db = PostgresServer.defaultMajor().newDatabase();
        db.execute("CREATE TABLE kept (id int PRIMARY KEY, name text)");
        db.execute("CREATE TABLE plain (id int)");
        try (Connection connection = db.connect()) {
            connection.setAutoCommit(false);
            Reading before = CatalogEvidence.full(connection, GUARD_TABLES);
            Map<String, Map<String, String>> asItWas = deepCopy(before.evidence());
            try (Statement statement = connection.createStatement()) {
                for (String sql : statements.split(";")) {
                    statement.execute(sql.strip());
                }
            }
            Reading incremental = CatalogEvidence.incremental(connection, GUARD_TABLES, before);
            assertNotNull(incremental, "an incremental reading after " + statements);
            Reading whole = CatalogEvidence.full(connection, GUARD_TABLES);
            Diff shortcut = new Diff(before.evidence(), incremental.evidence(), incremental.replaced());
            Diff reference = new Diff(asItWas, whole.evidence());
            for (String kind : java.util.List.of("rel", "col", "con", "idx", "typ", "trg")) {
                assertEquals(reference.changedOrGone(kind), shortcut.changedOrGone(kind), kind + " after " + statements);
                assertEquals(reference.added(kind), shortcut.added(kind), kind + " after " + statements);
            }
            assertTrue(!shortcut.added("rel").isEmpty(), "a new relation");
            boolean relationRowChanged = statements.matches(".*(GRANT|REVOKE|SET \\(|ROW LEVEL).*");
            assertEquals(relationRowChanged, !shortcut.changedOrGone("rel").isEmpty(),
                    "an existing relation changed exactly when the migration granted on or set something of one: "
                            + shortcut.changedOrGone("rel"));
            connection.rollback();
        }
    }

    private static Map<String, Map<String, String>> deepCopy(Map<String, Map<String, String>> evidence) {
        Map<String, Map<String, String>> copy = new LinkedHashMap<>();
        evidence.forEach((kind, entries) -> copy.put(kind, new LinkedHashMap<>(entries)));
        return copy;
    }

    @ParameterizedTest
    @CsvSource(nullValues = "none", value = {"0, 0", "250ms, 250", "5s, 5000", "2min, 120000", "1h, 3600000", "1d, 86400000",
        "-1, -1", "5 s, none", "soon, none"})
    void aTimeSettingAsShown_readsAsMilliseconds(String shown, String millis) {
        assertEquals(millis, Reading.millis(shown));
    }
}
