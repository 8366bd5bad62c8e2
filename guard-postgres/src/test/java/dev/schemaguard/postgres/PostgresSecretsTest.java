package dev.schemaguard.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.schemaguard.BootReport;
import dev.schemaguard.Code;
import dev.schemaguard.GuardConfig;
import dev.schemaguard.SchemaGuard;
import dev.schemaguard.SchemaGuardException;
import dev.schemaguard.Verdict;
import dev.schemaguard.testing.NoSecrets;
import dev.schemaguard.testing.Project;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The library with a password in ConnectionSettings or in the URL: it appears in no log line, report or exception. */
class PostgresSecretsTest {
    @TempDir
    Path dir;
    PostgresServer server;
    String role;
    String password;
    String database;
    Project project;

    @BeforeEach
    void setUp() throws Exception {
        server = PostgresServer.defaultMajor();
        role = "app_" + UUID.randomUUID().toString().substring(0, 8);
        password = "Pw-" + UUID.randomUUID();
        database = server.newDatabase().name();
        server.admin("CREATE ROLE " + role + " LOGIN PASSWORD '" + password + "'", "ALTER DATABASE " + database + " OWNER TO " + role);
        project = new Project(dir, server.url(database)).deadline(Duration.ofSeconds(2));
        project.migration("001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);").allow("001_users.sql");
    }

    @Test
    void aGoodBoot_withThePasswordInConnectionSettings() {
        GuardConfig config = connectingAtLeisure(project.config().withCredentials(role, password));

        BootReport report = NoSecrets.run(() -> SchemaGuard.of(config).boot(), password);

        assertEquals(Verdict.PASS, report.verdict(), report.line());
    }

    @Test
    void aGoodBoot_withThePasswordInTheUrl() {
        GuardConfig config = connectingAtLeisure(project.config().withDatabase(server.url(database) + "?user=" + role + "&password=" + password));

        BootReport report = NoSecrets.run(() -> SchemaGuard.of(config).boot(), password);

        assertEquals(Verdict.PASS, report.verdict(), report.line());
    }

    @Test
    void aWrongPassword_failsAndThrowsWithoutIt() {
        String wrong = "Wrong-" + UUID.randomUUID();
        GuardConfig config = connectingAtLeisure(project.config().withCredentials(role, wrong));

        SchemaGuardException thrown = NoSecrets.run(() -> assertThrows(SchemaGuardException.class, () -> SchemaGuard.of(config).bootOrThrow()), wrong);

        assertEquals(Code.AUTHENTICATION_FAILED, thrown.report().code());
        NoSecrets.assertAbsent(thrown.getMessage() + thrown.report() + thrown.report().message(), wrong);
    }

    @Test
    void anUnreachableServer_withThePasswordInTheUrlAndInSettings() {
        String inUrl = "Url-" + UUID.randomUUID();
        GuardConfig config = project.config()
                .withDatabase("jdbc:postgresql://localhost:" + PostgresServer.freePort() + "/" + database + "?password=" + inUrl)
                .withCredentials(role, password);

        BootReport report = NoSecrets.run(() -> SchemaGuard.of(config).boot(), inUrl, password);

        assertEquals(Code.DATABASE_UNREACHABLE, report.code(), report.line());
    }

    /**
     * A boot that reaches the server is not about time: its budget must not end it on a loaded machine.
     * The short default budget stays for the unreachable server, whose retries end with it.
     */
    private static GuardConfig connectingAtLeisure(GuardConfig config) {
        return config.toBuilder().deadline(Duration.ofSeconds(60)).build();
    }
}
