package dev.schemaguard.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.BootReport;
import dev.schemaguard.Verdict;
import dev.schemaguard.postgres.PostgresServer;
import dev.schemaguard.postgres.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shop service on a real PostgreSQL server (embedded, started by the test). */
class PostgresShopTest {

    @Test
    void aPassingBootLetsTheServiceStartAndServe_andTheSecondStartAppliesNothing() throws Exception {
        PostgresTestDatabase db = PostgresServer.defaultMajor().newDatabase();
        Map<String, Object> properties = Map.of("spring.datasource.url", db.url());

        try (Shop first = Shop.start(SqliteShopTest.with(properties, "schema-guard.fresh-database", "bootstrap"))) {
            assertEquals(2, first.report().applied(), first.report().line());
            assertEquals("0", first.get("/customers/count").body());
            assertEquals(List.of("001_customers.sql", "002_customers_email.sql", "audit-1"), SqliteShopTest.ledger(first));
        }
        try (Shop second = Shop.start(properties)) {
            BootReport report = second.report();
            assertEquals(Verdict.PASS, report.verdict(), report.line());
            assertEquals(0, report.applied());
            assertEquals(200, second.get("/actuator/health/schemaGuard").statusCode());
        }
    }

    @Test
    void anEmptyDatabaseStopsTheContextBeforeJpaAndTheWebServer() throws Exception {
        PostgresTestDatabase db = PostgresServer.defaultMajor().newDatabase();

        String output;
        try (CapturedOutput captured = new CapturedOutput()) {
            assertThrows(Exception.class, () -> Shop.start(Map.of("spring.datasource.url", db.url())).close());
            output = captured.text();
            assertEquals(1, captured.linesContaining("SCHEMA_GUARD result=FAIL code=DATABASE_MISSING"), output);
        }
        assertTrue(output.contains("APPLICATION FAILED TO START"), output);
        assertTrue(output.contains("code: DATABASE_MISSING"), output);
        assertFalse(output.contains("Initialized JPA EntityManagerFactory"), "JPA started before the guard refused");
        assertFalse(output.contains("Tomcat started on port"), "the web server started");
        try (Connection c = db.connect(); ResultSet tables = c.getMetaData().getTables(null, "public", "%", new String[] {"TABLE"})) {
            assertFalse(tables.next(), "nothing may be created in a database the guard refused");
        }
    }
}
