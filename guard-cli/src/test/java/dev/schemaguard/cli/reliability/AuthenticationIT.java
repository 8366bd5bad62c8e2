package dev.schemaguard.cli.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.testing.Project;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A wrong password against scram-sha-256: its own verdict within seconds, never retried, and never printed. */
@ExtendWith(Secrets.class)
class AuthenticationIT {
    private static ScramServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer() throws Exception {
        server = ScramServer.shared();
    }

    @Test
    void aWrongPassword_isAuthenticationFailedInUnderTenSeconds_namingUserAndHost_withAFortySecondDeadline() throws Exception {
        String wrong = Secrets.use("Wrong-" + UUID.randomUUID());
        Path passwordFile = Files.writeString(dir.resolve("db-password"), wrong + "\n");
        Path status = Secrets.file(dir.resolve("status.json"));
        Path termination = Secrets.file(dir.resolve("termination-log"));
        Project project = new Project(dir.resolve("project"), server.serviceUrl(server.newDatabase())).deadline(Duration.ofSeconds(40));
        Migrations.tablesWithIndexes(project, 2);

        GuardProcess.Finished run = GuardProcess.of("boot", "--config", project.writeYaml("").toString(), "--password-file",
                passwordFile.toString(), "--status-file", status.toString(), "--termination-log", termination.toString(),
                "--format", "json").env("PGPASSWORD", server.password()).run(Duration.ofSeconds(60));

        assertEquals(1, run.exit(), run.toString());
        Map<String, String> line = run.verdict();
        assertEquals("AUTHENTICATION_FAILED", line.get("code"));
        assertTrue(line.get("reason").contains("refused the login of user \"" + ScramServer.ROLE + "\""), line.get("reason"));
        assertTrue(line.get("reason").contains("localhost:" + server.port()), line.get("reason"));
        assertTrue(run.wallMs() < 10_000, "reported in under 10 s (JVM start included), not retried until the deadline: " + run.wallMs());
        assertTrue(run.err().lines().noneMatch(l -> l.contains("retrying")), "a refused login is not retried:\n" + run.err());
        assertTrue(Files.readString(termination).contains("code=AUTHENTICATION_FAILED"));
        run.assertNoStackTrace();
        System.out.printf("RELIABILITY authentication: wrong password -> AUTHENTICATION_FAILED, elapsed_ms %s, process wall %d ms%n",
                line.get("elapsed_ms"), run.wallMs());
    }

    @Test
    void theRightPassword_fromAFile_passes() throws Exception {
        Path passwordFile = Files.writeString(dir.resolve("db-password"), server.password() + "\n");
        Project project = new Project(dir.resolve("project"), server.serviceUrl(server.newDatabase())).deadline(Duration.ofSeconds(40));
        Migrations.tablesWithIndexes(project, 2);

        GuardProcess.Finished run = GuardProcess.of("boot", "--config", project.writeYaml("").toString(), "--password-file",
                passwordFile.toString()).run(Duration.ofSeconds(60));

        assertEquals(0, run.exit(), run.toString());
        assertEquals("2", run.verdict().get("applied"));
    }
}
