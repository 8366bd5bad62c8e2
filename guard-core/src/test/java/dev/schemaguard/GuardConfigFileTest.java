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

    @Test
    void sizesAndSharesAreReadAlikeInTheFileAndByOtherEntryPoints() throws Exception {
        assertEquals(5_000_000_000L, IntegritySettings.parseSize("5GB"));
        assertEquals(4L << 30, IntegritySettings.parseSize("4GiB"));
        assertEquals(500_000_000L, IntegritySettings.parseSize(" 500 MB "));
        assertEquals(1_048_576L, IntegritySettings.parseSize("1048576"));
        assertEquals(5_500_000_000L, IntegritySettings.parseSize("5.5GB"));
        for (String wrong : new String[] {"lots", "0", "-1GB", "", "5XB"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IntegritySettings.parseSize(wrong));
            assertTrue(e.getMessage().contains("is not a size"), e.getMessage());
        }
        assertEquals(0.5, DataExpectations.parseShare("50%"));
        assertEquals(0.25, DataExpectations.parseShare("0.25"));
        for (String wrong : new String[] {"101%", "-0.1", "half", ""}) {
            assertThrows(IllegalArgumentException.class, () -> DataExpectations.parseShare(wrong));
        }

        Files.writeString(yaml, "database: jdbc:sqlite:a.db\nchangelog: migrations\nintegrity:\n  skip_above: lots\n");
        GuardConfigException size = assertThrows(GuardConfigException.class, () -> GuardConfig.fromFile(yaml).load());
        assertTrue(size.getMessage().contains(":4") && size.getMessage().contains("'lots' is not a size; write it like 5GB"), size.getMessage());

        Files.writeString(yaml, "database: jdbc:sqlite:a.db\nchangelog: migrations\nshrink_guard:\n  max_drop: 150%\n");
        GuardConfigException share = assertThrows(GuardConfigException.class, () -> GuardConfig.fromFile(yaml).load());
        assertTrue(share.getMessage().contains("'150%' is not a share between 0% and 100%"), share.getMessage());
    }
}
