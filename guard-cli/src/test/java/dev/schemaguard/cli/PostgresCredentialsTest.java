package dev.schemaguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemaguard.postgres.PostgresServer;
import dev.schemaguard.testing.GuardLines;
import dev.schemaguard.testing.Project;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --user, --password-file and PGPASSWORD against a real PostgreSQL that checks passwords; no secret in any output. */
class PostgresCredentialsTest {
    @TempDir
    Path dir;
    PostgresServer server;
    String database;
    String password;
    Project project;

    @BeforeEach
    void setUp() throws Exception {
        server = PostgresServer.defaultMajor();
        String role = "app_" + UUID.randomUUID().toString().substring(0, 8);
        password = "Pw-" + UUID.randomUUID();
        database = server.newDatabase().name();
        server.admin("CREATE ROLE " + role + " LOGIN PASSWORD '" + password + "'", "ALTER DATABASE " + database + " OWNER TO " + role,
                "GRANT ALL ON SCHEMA public TO " + role);
        project = new Project(dir.resolve("project"), server.url(database) + "?user=" + role);
        project.migration("001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);").allow("001_users.sql").require("001_users.sql");
    }

    @Test
    void passwordFile_connectsAndPasses_andThePasswordIsInNoOutput() throws Exception {
        Path file = Files.writeString(dir.resolve("db-password"), password + "\n");

        CliRun run = CliRun.withEnvironment(Map.of(), "boot", "--config", project.writeYaml("").toString(),
                "--password-file", file.toString(), "--format", "json");

        assertEquals(0, run.exitCode(), run.err());
        assertEquals("PASS", GuardLines.parse(run.verdictLine()).get("result"));
        assertEquals("PASS", new ObjectMapper().readTree(run.out()).get("verdict").asText());
        assertNoSecret(run, password);
    }

    @Test
    void pgpassword_connectsAndPasses() throws Exception {
        CliRun run = CliRun.withEnvironment(Map.of("PGPASSWORD", password), "boot", "--config", project.writeYaml("").toString(),
                "--format", "json");

        assertEquals(0, run.exitCode(), run.err());
        assertEquals("1", GuardLines.parse(run.verdictLine()).get("applied"));
        assertNoSecret(run, password);
    }

    @Test
    void userOption_isUsedWhenTheUrlHasNone() throws Exception {
        String role = project.config().database().replaceAll(".*user=", "");
        project.database(server.url(database));

        CliRun run = CliRun.withEnvironment(Map.of("PGPASSWORD", password), "boot", "--config", project.writeYaml("").toString(),
                "--user", role);

        assertEquals(0, run.exitCode(), run.err());
    }

    @Test
    void aWrongPassword_failsAtOnceAsAuthenticationFailed_namingUserAndHost_andNeitherPasswordIsInAnyOutput() throws Exception {
        String wrong = "Wrong-" + UUID.randomUUID();
        Path file = Files.writeString(dir.resolve("db-password"), wrong);

        CliRun run = CliRun.withEnvironment(Map.of("PGPASSWORD", password), "boot", "--config", project.writeYaml("").toString(),
                "--password-file", file.toString(), "--format", "json");

        assertEquals(1, run.exitCode(), run.err());
        Map<String, String> line = GuardLines.parse(run.verdictLine());
        assertEquals("AUTHENTICATION_FAILED", line.get("code"));
        assertTrue(line.get("reason").contains("password authentication failed"), line.get("reason"));
        String role = project.config().database().replaceAll(".*user=", "");
        assertTrue(line.get("reason").contains("the server localhost:" + server.port() + " refused the login of user \"" + role + "\""),
                line.get("reason"));
        assertTrue(Long.parseLong(line.get("elapsed_ms")) < 10_000, "reported at once, not retried: " + line.get("elapsed_ms"));
        assertNoSecret(run, wrong);
        assertNoSecret(run, password);
    }

    @Test
    void anUnreachableServer_withThePasswordInTheUrlAndTheEnvironment_printsNeither() throws Exception {
        String inUrl = "Url-" + UUID.randomUUID();
        project.database("jdbc:postgresql://localhost:" + PostgresServer.freePort() + "/" + database + "?user=app&password=" + inUrl);

        CliRun run = CliRun.withEnvironment(Map.of("PGPASSWORD", password), "boot", "--config",
                project.deadline(java.time.Duration.ofSeconds(2)).writeYaml("").toString(), "--format", "json");

        assertEquals(1, run.exitCode(), run.err());
        assertEquals("DATABASE_UNREACHABLE", GuardLines.parse(run.verdictLine()).get("code"));
        assertNoSecret(run, inUrl);
        assertNoSecret(run, password);
    }

    @Test
    void anUnreadablePasswordFile_isAConfigurationErrorNamingIt() throws Exception {
        CliRun run = CliRun.withEnvironment(Map.of(), "boot", "--config", project.writeYaml("").toString(),
                "--password-file", dir.resolve("missing").toString());

        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.verdictLine().contains("--password-file"), run.verdictLine());
        assertFalse(run.err().contains("\tat "), "no stack trace");
    }

    private static void assertNoSecret(CliRun run, String secret) {
        assertFalse(run.out().contains(secret), "standard output shows the secret:\n" + run.out());
        assertFalse(run.err().contains(secret), "standard error shows the secret:\n" + run.err());
    }
}
