package dev.schemaguard.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.schemaguard.BootReport;
import dev.schemaguard.Code;
import dev.schemaguard.GuardConfig;
import dev.schemaguard.SchemaGuard;
import dev.schemaguard.SchemaGuardException;
import dev.schemaguard.Verdict;
import dev.schemaguard.testing.Project;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;
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
        GuardConfig config = project.config().withCredentials(role, password);

        BootReport report = captured(() -> SchemaGuard.of(config).boot(), password);

        assertEquals(Verdict.PASS, report.verdict(), report.line());
    }

    @Test
    void aGoodBoot_withThePasswordInTheUrl() {
        GuardConfig config = project.config().withDatabase(server.url(database) + "?user=" + role + "&password=" + password);

        BootReport report = captured(() -> SchemaGuard.of(config).boot(), password);

        assertEquals(Verdict.PASS, report.verdict(), report.line());
    }

    @Test
    void aWrongPassword_failsAndThrowsWithoutIt() {
        String wrong = "Wrong-" + UUID.randomUUID();
        GuardConfig config = project.config().withCredentials(role, wrong);

        SchemaGuardException thrown = captured(() -> assertThrows(SchemaGuardException.class, () -> SchemaGuard.of(config).bootOrThrow()), wrong);

        assertEquals(Code.AUTHENTICATION_FAILED, thrown.report().code());
        assertNoSecret(thrown.getMessage() + thrown.report() + thrown.report().message(), wrong);
    }

    @Test
    void anUnreachableServer_withThePasswordInTheUrlAndInSettings() {
        String inUrl = "Url-" + UUID.randomUUID();
        GuardConfig config = project.config()
                .withDatabase("jdbc:postgresql://localhost:" + PostgresServer.freePort() + "/" + database + "?password=" + inUrl)
                .withCredentials(role, password);

        BootReport report = captured(() -> SchemaGuard.of(config).boot(), inUrl, password);

        assertEquals(Code.DATABASE_UNREACHABLE, report.code(), report.line());
    }

    /** Runs the boot with standard output and error captured; asserts no secret is in them or in the result's text. */
    private static <T> T captured(Supplier<T> boot, String... secrets) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(out, true, StandardCharsets.UTF_8));
        T result;
        try {
            result = boot.get();
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        originalErr.print(text);
        assertFalse(text.isBlank(), "the boot printed its lines");
        String reportText = result instanceof BootReport r ? r + r.message() + r.line() + r.target() : String.valueOf(result);
        for (String secret : secrets) {
            assertNoSecret(text, secret);
            assertNoSecret(reportText, secret);
        }
        return result;
    }

    private static void assertNoSecret(String text, String secret) {
        assertFalse(text.contains(secret), "a secret was printed:\n" + text);
    }
}
