package dev.schemaguard.examples.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.Code;
import dev.schemaguard.DataExpectations;
import dev.schemaguard.GuardConfig;
import dev.schemaguard.SchemaGuard;
import dev.schemaguard.SchemaGuardException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example as an operator meets it: its own schema-guard.yaml, a real SQLite file, real HTTP on an ephemeral port. */
class HealthServiceTest {
    private static final InetSocketAddress ANY_FREE_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    @TempDir
    Path dir;
    String url;
    GuardConfig config;

    @BeforeEach
    void setUp() {
        url = "jdbc:sqlite:" + dir.resolve("app.db");
        config = SchemaGuard.fromConfigFile(Path.of("schema-guard.yaml")).config().withDatabase(url);
    }

    /** An existing instance: migrated, with its admin user. */
    private void seed() throws Exception {
        SchemaGuard.of(config.toBuilder().data(DataExpectations.NONE).build()).bootOrThrow();
        execute("INSERT INTO users (email) VALUES ('admin@example.com')");
    }

    private void execute(String sql) throws Exception {
        try (var c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static HttpResponse<String> get(int port) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void health_is200WhileTheCanaryHasRows_and503NamingTheTableOnceItIsEmptied() throws Exception {
        seed();
        try (HealthService service = HealthService.start(config, ANY_FREE_PORT)) {
            HttpResponse<String> up = get(service.port());
            assertEquals(200, up.statusCode(), up.body());
            assertTrue(up.body().startsWith("{\"status\":\"up\""), up.body());

            execute("DELETE FROM users");
            HttpResponse<String> down = get(service.port());

            assertEquals(503, down.statusCode(), down.body());
            assertTrue(down.body().contains("\"reason\":\"table users has 0 rows, fewer than min_rows 1\""), down.body());
        }
    }

    @Test
    void theServiceRefusesToStartOnAFreshEmptyDatabase() {
        SchemaGuardException e = assertThrows(SchemaGuardException.class, () -> HealthService.start(config, ANY_FREE_PORT));

        assertEquals(Code.CANARY_FAILED, e.report().code());
        assertTrue(e.getMessage().contains("table=users rows=0 min_rows=1"), e.getMessage());
    }
}
