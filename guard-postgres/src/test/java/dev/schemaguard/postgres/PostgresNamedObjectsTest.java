package dev.schemaguard.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The narrow question a no-op boot asks ({@code objects(connection, names)}) answers exactly what the full
 * listing would: the same names in the same case folding, the same schemas, the same debris left out.
 */
class PostgresNamedObjectsTest {
    private final PostgresCatalog catalog = new PostgresCatalog();
    private PostgresTestDatabase db;

    @BeforeEach
    void setUp() throws Exception {
        db = PostgresServer.defaultMajor().newDatabase();
        db.execute("CREATE TABLE databasechangelog (id TEXT)",
                "CREATE TABLE \"Flyway_Schema_History\" (installed_rank INTEGER)",
                "CREATE TABLE \"\u212Aafka\" (id INTEGER)", // KELVIN SIGN, which Java lower-cases to k
                "CREATE SCHEMA billing", "CREATE SCHEMA \"Audit\"",
                "CREATE SCHEMA other", "CREATE TABLE other.schema_migrations (filename TEXT)",
                "CREATE TABLE d (x INTEGER)", "INSERT INTO d VALUES (1), (1)",
                "CREATE EXTENSION pg_stat_statements");
        try {
            db.execute("CREATE UNIQUE INDEX CONCURRENTLY d_x ON d (x)"); // fails on the duplicate, leaves an INVALID index
        } catch (java.sql.SQLException expected) {
            // the debris is what this test needs
        }
    }

    @Test
    void theNamesAskedAbout_areThoseTheFullListingHolds_inEveryCaseAndAsSchemas() throws Exception {
        Set<String> asked = Set.of("databasechangelog", "flyway_schema_history", "kafka", "billing", "audit", "other",
                "schema_migrations", "d", "d_x", "pg_stat_statements", "k", "a", "missing_table", "schema_guard_progress");
        try (Connection c = db.connect()) {
            Set<String> narrow = catalog.objects(c, asked);

            assertEquals(Set.of("databasechangelog", "flyway_schema_history", "kafka", "billing", "audit", "other", "d"), narrow);
            assertEquals(fromFullListing(c, asked), narrow);
        }
    }

    @Test
    void aNameOfOtherCharacters_isAnsweredFromTheFullListing() throws Exception {
        db.execute("CREATE TABLE \"Übersicht\" (id INTEGER)");
        Set<String> asked = Set.of("übersicht", "databasechangelog", "nothing");
        try (Connection c = db.connect()) {
            assertEquals(Set.of("übersicht", "databasechangelog"), catalog.objects(c, asked));
            assertEquals(fromFullListing(c, asked), catalog.objects(c, asked));
        }
    }

    private Set<String> fromFullListing(Connection c, Set<String> asked) throws Exception {
        return catalog.objects(c).stream().filter(asked::contains).collect(Collectors.toSet());
    }
}
