package dev.schemaguard.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.BootReport;
import dev.schemaguard.Code;
import dev.schemaguard.MigrationOutcome;
import dev.schemaguard.Verdict;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The shop service on a real SQLite file through Spring Boot's HikariCP pool: JPA validates its
 * entity, a JdbcTemplate bean reads the guard's table while the context starts, and Spring's own
 * Liquibase runs the service's other changelog after the guard.
 */
class SqliteShopTest {
    @TempDir
    Path dir;

    @Test
    void aPassingBootLetsTheServiceStartAndServe_andASecondStartThroughThePoolAppliesNothing() throws Exception {
        Path db = dir.resolve("shop.db");
        Map<String, Object> properties = Shop.sqlite("jdbc:sqlite:" + db);

        try (Shop first = Shop.start(with(properties, "schema-guard.fresh-database", "bootstrap"))) {
            assertEquals(2, first.report().applied(), first.report().line());
            HttpResponse<String> count = first.get("/customers/count");
            assertEquals(200, count.statusCode());
            assertEquals("0", count.body());
            assertEquals(List.of("001_customers.sql", "002_customers_email.sql", "audit-1"), ledger(first));
        }
        try (Shop second = Shop.start(properties)) {
            BootReport report = second.report();
            assertEquals(Verdict.PASS, report.verdict(), report.line());
            assertEquals(0, report.applied());
            assertEquals("ok", report.integrity(), "quick_check ran on a pooled connection: " + report.line());
            assertEquals(200, second.get("/customers/count").statusCode());
        }
    }

    @Test
    void aBrokenContractStopsTheContextBeforeJpaAndTheWebServer_withTheFailureAnalysisAndOneVerdictLine() {
        Path db = dir.resolve("shop.db");
        Map<String, Object> properties = with(with(with(Shop.sqlite("jdbc:sqlite:" + db), "schema-guard.fresh-database", "bootstrap"),
                "schema-guard.manifest", "classpath:db/only-001-manifest.txt"), "schema-guard.required", "002_customers_email.sql");

        String output;
        try (CapturedOutput captured = new CapturedOutput()) {
            Exception failure = assertThrows(Exception.class, () -> Shop.start(properties).close());
            assertTrue(hasCause(failure, SchemaGuardStartupException.class), failure.toString());
            output = captured.text();
            assertEquals(1, captured.linesContaining("SCHEMA_GUARD result=FAIL code=REQUIRED_MIGRATIONS_MISSING"), output);
        }
        assertTrue(output.contains("APPLICATION FAILED TO START"), output);
        assertTrue(output.contains("Schema Guard refused to start the application"), output);
        assertTrue(output.contains("code: REQUIRED_MIGRATIONS_MISSING"), output);
        assertTrue(output.contains("missing: 002_customers_email.sql"), output);
        assertTrue(output.contains("Action:"), output);
        assertFalse(output.contains("Initialized JPA EntityManagerFactory"), "JPA started before the guard refused");
        assertFalse(output.contains("Tomcat started on port"), "the web server started");
        assertFalse(output.contains("audit_log"), "Spring's Liquibase ran");
        assertFalse(Files.exists(db), "a boot that fails changes nothing, not even by creating the file");
    }

    @Test
    void theHealthContributorGoesDownWhenACanaryTableIsEmptied() throws Exception {
        Map<String, Object> properties = Shop.sqlite("jdbc:sqlite:" + dir.resolve("shop.db"));
        try (Shop first = Shop.start(with(properties, "schema-guard.fresh-database", "bootstrap"))) {
            jdbc(first).update("INSERT INTO customers (id, name) VALUES (1, 'Ada')");
        }
        try (Shop shop = Shop.start(with(properties, "schema-guard.canaries[0].table", "customers"))) {
            HttpResponse<String> up = shop.get("/actuator/health/schemaGuard");
            assertEquals(200, up.statusCode(), up.body());
            assertTrue(up.body().contains("\"status\":\"UP\""), up.body());

            jdbc(shop).update("DELETE FROM customers");

            HttpResponse<String> down = shop.get("/actuator/health/schemaGuard");
            assertEquals(503, down.statusCode(), down.body());
            assertTrue(down.body().contains("\"status\":\"DOWN\""), down.body());
            assertTrue(down.body().contains("customers"), down.body());
        }
    }

    @Test
    void theEndpointListsEveryMigrationAndTheMetricsArePresent() throws Exception {
        Map<String, Object> properties = with(Shop.sqlite("jdbc:sqlite:" + dir.resolve("shop.db")), "schema-guard.fresh-database", "bootstrap");
        try (Shop shop = Shop.start(properties)) {
            List<MigrationOutcome> migrations = shop.report().migrations();
            assertEquals(List.of("001_customers.sql", "002_customers_email.sql"), migrations.stream().map(MigrationOutcome::name).toList());

            HttpResponse<String> endpoint = shop.get("/actuator/schemaguard");
            assertEquals(200, endpoint.statusCode(), endpoint.body());
            assertTrue(endpoint.body().contains("\"name\":\"001_customers.sql\",\"status\":\"APPLIED\""), endpoint.body());
            assertTrue(endpoint.body().contains("\"name\":\"002_customers_email.sql\",\"status\":\"APPLIED\""), endpoint.body());
            assertTrue(endpoint.body().contains("\"code\":\"" + Code.OK + "\""), endpoint.body());

            HttpResponse<String> duration = shop.get("/actuator/metrics/schemaguard.boot.duration");
            assertEquals(200, duration.statusCode(), duration.body());
            assertTrue(duration.body().contains("{\"tag\":\"result\",\"values\":[\"PASS\"]}"), duration.body());
            assertTrue(duration.body().contains("{\"tag\":\"code\",\"values\":[\"OK\"]}"), duration.body());
            HttpResponse<String> applied = shop.get("/actuator/metrics/schemaguard.migrations.applied");
            assertTrue(applied.body().contains("\"value\":2.0"), applied.body());
            HttpResponse<String> pending = shop.get("/actuator/metrics/schemaguard.migrations.pending");
            assertTrue(pending.body().contains("\"value\":0.0"), pending.body());
        }
    }

    static Map<String, Object> with(Map<String, Object> properties, String key, Object value) {
        Map<String, Object> copy = new java.util.LinkedHashMap<>(properties);
        copy.put(key, value);
        return copy;
    }

    static JdbcTemplate jdbc(Shop shop) {
        return shop.context.getBean(JdbcTemplate.class);
    }

    static List<String> ledger(Shop shop) {
        return jdbc(shop).queryForList("SELECT id FROM databasechangelog ORDER BY orderexecuted", String.class);
    }

    static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
