package dev.schemaguard.examples.notes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's steps, on the executable jar the build made: `java -jar` in a folder of its own, real
 * HTTP, the migrations and manifest read from inside the jar (Spring Boot's nested jars).
 */
class NotesServiceIT {
    private static final Path JAR = Path.of(System.getProperty("notes.jar", "target/notes-service.jar")).toAbsolutePath();
    private static final Duration START_BUDGET = Duration.ofSeconds(120);
    private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void theJarHoldsTheLiquibaseAndSqliteJdbcSchemaGuardIsTestedOn_notBootsPicks() throws IOException {
        try (ZipFile jar = new ZipFile(JAR.toFile())) {
            List<String> libs = Collections.list(jar.entries()).stream().map(e -> e.getName())
                    .filter(n -> n.startsWith("BOOT-INF/lib/liquibase") || n.startsWith("BOOT-INF/lib/sqlite-jdbc")).sorted().toList();
            assertEquals(List.of("BOOT-INF/lib/liquibase-core-4.33.0.jar", "BOOT-INF/lib/sqlite-jdbc-3.54.1.0.jar"), libs);
        }
    }

    @Test
    void firstBootThenEveryLaterStart_serveHealthEndpointAndMetrics_andAnEmptiedTableTurnsHealthDown() throws Exception {
        try (Service first = start("--spring.profiles.active=first-boot")) {
            assertTrue(first.output().contains("SCHEMA_GUARD result=PASS code=OK db=jdbc:sqlite:notes.db applied=2 pending=0"), first.output());
            assertEquals(200, first.post("/notes", "hello").statusCode());
            String endpoint = first.get("/actuator/schemaguard").body();
            assertTrue(endpoint.contains("{\"name\":\"001_notes.sql\",\"status\":\"APPLIED\",\"required\":true"), endpoint);
            assertTrue(endpoint.contains("{\"name\":\"002_notes_author.sql\",\"status\":\"APPLIED\",\"required\":true"), endpoint);
            String duration = first.get("/actuator/metrics/schemaguard.boot.duration").body();
            assertTrue(duration.contains("{\"tag\":\"result\",\"values\":[\"PASS\"]}"), duration);
        }
        try (Service later = start()) {
            assertTrue(later.output().contains("SCHEMA_GUARD result=PASS code=OK db=jdbc:sqlite:notes.db applied=0 pending=0 integrity=ok"),
                    later.output());
            HttpResponse<String> up = later.get("/actuator/health/schemaGuard");
            assertEquals(200, up.statusCode(), up.body());
            assertTrue(up.body().contains("{\"table\":\"notes\",\"minRows\":1,\"rows\":1,\"ok\":true"), up.body());

            later.delete("/notes");

            HttpResponse<String> down = later.get("/actuator/health/schemaGuard");
            assertEquals(503, down.statusCode(), down.body());
            assertTrue(down.body().contains("table notes has 0 rows"), down.body());
        }
    }

    @Test
    void aManifestThatLeavesOutARequiredMigration_stopsTheStartWithTheAnalysisAndOneLine() throws Exception {
        Files.writeString(dir.resolve("broken-manifest.txt"), "001_notes.sql\n");

        Service refused = run("--spring.profiles.active=first-boot", "--schema-guard.manifest=file:broken-manifest.txt");

        assertEquals(1, refused.process.waitFor(), refused.output());
        String output = refused.output();
        assertEquals(1, output.lines().filter(l -> l.contains("SCHEMA_GUARD result=FAIL code=REQUIRED_MIGRATIONS_MISSING")).count(), output);
        assertTrue(output.contains("APPLICATION FAILED TO START"), output);
        assertTrue(output.contains("missing: 002_notes_author.sql"), output);
        assertFalse(output.contains("Tomcat started on port"), output);
        assertFalse(Files.exists(dir.resolve("notes.db")), "a refused first boot creates nothing");
    }

    private Service start(String... args) throws Exception {
        Service service = run(args);
        long deadline = System.nanoTime() + START_BUDGET.toNanos();
        while (System.nanoTime() < deadline && service.process.isAlive() && service.port() < 0) {
            Thread.sleep(200);
        }
        if (service.port() < 0) {
            service.close();
            throw new AssertionError("the service did not start within " + START_BUDGET + ":\n" + service.output());
        }
        return service;
    }

    private Service run(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // C1 only: the test measures nothing, and start-up is most of its time.
                "-XX:TieredStopAtLevel=1", "-jar", JAR.toString(), "--server.port=0"));
        command.addAll(List.of(args));
        Path log = Files.createTempFile(dir, "service", ".log");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        return new Service(process, log);
    }

    private final class Service implements AutoCloseable {
        final Process process;
        final Path log;

        Service(Process process, Path log) {
            this.process = process;
            this.log = log;
        }

        String output() {
            try {
                return Files.readString(log);
            } catch (IOException e) {
                return e.toString();
            }
        }

        int port() {
            Matcher m = PORT.matcher(output());
            return m.find() ? Integer.parseInt(m.group(1)) : -1;
        }

        HttpResponse<String> get(String path) throws Exception {
            return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String path, String body) throws Exception {
            return http.send(request(path).header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> delete(String path) throws Exception {
            return http.send(request(path).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        }

        private HttpRequest.Builder request(String path) {
            return HttpRequest.newBuilder(URI.create("http://localhost:" + port() + path));
        }

        /** SIGTERM, as a container stop sends it; Spring Boot shuts down gracefully. */
        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
