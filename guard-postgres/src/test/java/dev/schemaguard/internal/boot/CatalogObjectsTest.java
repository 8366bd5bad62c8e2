package dev.schemaguard.internal.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.postgres.PostgresDialect;
import dev.schemaguard.postgres.PostgresServer;
import dev.schemaguard.postgres.PostgresTestDatabase;
import dev.schemaguard.spi.Dialect;
import java.sql.Connection;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The boot's view of the catalog answers the names it was told about without listing every object, and
 * anything else by listing them all, with the full listing's answers.
 */
class CatalogObjectsTest {
    private final Dialect.Catalog catalog = new PostgresDialect().catalog();
    private PostgresTestDatabase db;

    @BeforeEach
    void setUp() throws Exception {
        db = PostgresServer.defaultMajor().newDatabase();
        db.execute("CREATE TABLE databasechangelog (id TEXT)", "CREATE TABLE users (id INTEGER)", "CREATE SCHEMA billing");
    }

    @Test
    void theNamesAskedAbout_areAnsweredWithoutListingEverything() throws Exception {
        try (Connection c = db.connect()) {
            CatalogObjects objects = CatalogObjects.asking(catalog, c, Set.of("databasechangelog", "flyway_schema_history", "billing"));

            assertTrue(objects.contains("databasechangelog"));
            assertTrue(objects.contains("billing"));
            assertFalse(objects.contains("flyway_schema_history"));
            assertFalse(objects.listed(), "a no-op boot's questions need no full listing");
        }
    }

    @Test
    void anyOtherQuestion_listsEverything_andAnswersAsTheListing() throws Exception {
        try (Connection c = db.connect()) {
            Set<String> all = catalog.objects(c);
            CatalogObjects objects = CatalogObjects.asking(catalog, c, Set.of("databasechangelog"));

            assertTrue(objects.contains("public.users"));
            assertTrue(objects.listed());
            assertEquals(all, new HashSet<>(objects));
            assertEquals(all.size(), objects.size());
            assertTrue(objects.contains("databasechangelog"));
        }
    }

    @Test
    void qualifiedOrUpperCaseNames_areLeftToTheFullListing() throws Exception {
        try (Connection c = db.connect()) {
            CatalogObjects objects = CatalogObjects.asking(catalog, c, Set.of("public.users", "USERS"));

            assertFalse(objects.listed());
            assertTrue(objects.contains("public.users"));
            assertTrue(objects.listed());
            assertFalse(objects.contains("USERS"));
        }
    }
}
