package dev.schemaguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading a schema-guard.yaml through the public API, with what a command line overrides. */
class GuardConfigFileTest {
    @TempDir
    Path dir;
    Path yaml;

    @BeforeEach
    void aConfigFile() throws Exception {
        Files.createDirectories(dir.resolve("migrations"));
        yaml = dir.resolve("schema-guard.yaml");
        Files.writeString(yaml, "database: jdbc:sqlite:from-file.db\nchangelog: migrations\ndeadline: 1m30s\n");
    }

    @Test
    void theDatabaseComesFromTheOverride_thenTheEnvironment_thenTheFile() {
        Map<String, String> environment = Map.of(GuardConfig.DATABASE_ENV, "jdbc:sqlite:from-env.db");

        assertEquals("jdbc:sqlite:from-file.db", GuardConfig.fromFile(yaml).environment(Map.of()).load().database());
        assertEquals("jdbc:sqlite:from-env.db", GuardConfig.fromFile(yaml).environment(environment).load().database());
        assertEquals("jdbc:sqlite:override.db", GuardConfig.fromFile(yaml).environment(environment)
                .database("jdbc:sqlite:override.db").load().database());
    }

    @Test
    void credentialsGivenOutsideTheFileAreAdded_andNothingIsAddedWhenNoneIs() {
        GuardConfig plain = GuardConfig.fromFile(yaml).environment(Map.of()).load();
        GuardConfig withPassword = GuardConfig.fromFile(yaml).environment(Map.of()).credentials(null, "s3cret").load();
        GuardConfig withBoth = GuardConfig.fromFile(yaml).environment(Map.of()).credentials("app", "s3cret").load();

        assertNull(plain.connection().user());
        assertNull(plain.connection().password());
        assertNull(withPassword.connection().user());
        assertEquals("s3cret", withPassword.connection().password());
        assertEquals("app", withBoth.connection().user());
        assertEquals(Duration.ofSeconds(90), withBoth.deadline(), "the rest of the file is kept");
        assertEquals(dir.resolve("migrations").toAbsolutePath().normalize(), withBoth.changelog());
    }

    @Test
    void aWrongFileIsAConfigErrorNamingIt() throws Exception {
        Files.writeString(yaml, "database: jdbc:sqlite:a.db\nchangelog: migrations\ndeadlin: 5s\n");

        GuardConfigException e = assertThrows(GuardConfigException.class, () -> GuardConfig.fromFile(yaml).load());

        assertTrue(e.getMessage().contains(yaml.toAbsolutePath().normalize().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("did you mean 'deadline'"), e.getMessage());
    }

    @Test
    void durationsReadAndPrintAsTheFileWritesThem() {
        assertEquals(Duration.ofMinutes(90), GuardConfig.parseDuration("1h30m"));
        assertEquals("90m", GuardConfig.formatDuration(Duration.ofMinutes(90)));
        assertEquals("1500ms", GuardConfig.formatDuration(GuardConfig.parseDuration("1500ms")));
    }
}
