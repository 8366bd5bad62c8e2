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
 * where the incremental reading does not look), and the statement limits as current_setting shows them.
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

    @ParameterizedTest
    @CsvSource(nullValues = "none", value = {"0, 0", "250ms, 250", "5s, 5000", "2min, 120000", "1h, 3600000", "1d, 86400000",
        "-1, -1", "5 s, none", "soon, none"})
    void aTimeSettingAsShown_readsAsMilliseconds(String shown, String millis) {
        assertEquals(millis, Reading.millis(shown));
    }
}
