package dev.schemaguard.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.DataExpectations.Canary;
import dev.schemaguard.GuardConfig;
import dev.schemaguard.GuardConfig.FreshDatabase;
import dev.schemaguard.IntegritySettings;
import dev.schemaguard.Verdict;
import dev.schemaguard.spring.plain.PlainApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Every schema-guard.* key, from application.properties and from application.yaml, reaches the library's configuration. */
class PropertiesBindingTest {
    @TempDir
    Path dir;

    @Test
    void everyKeyBindsFromApplicationProperties() {
        assertBound("classpath:binding/application.properties");
    }

    @Test
    void everyKeyBindsFromApplicationYaml() {
        assertBound("classpath:binding/application.yaml");
    }

    @Test
    void theGuardsChangelogGivenToSpringsLiquibaseToo_stopsTheStart() {
        SpringApplicationBuilder app = plain("classpath:binding/application.properties",
                "--spring.liquibase.enabled=true", "--spring.liquibase.change-log=classpath:/db/schema-guard/");

        Exception failure = assertThrows(Exception.class, () -> app.run().close());

        assertTrue(String.valueOf(rootCause(failure).getMessage()).contains("spring.liquibase.change-log and schema-guard.changelog both name"),
                rootCause(failure).toString());
    }

    @Test
    void jpasDeferredInitialization_whichWouldRunHibernateBeforeTheGuard_stopsTheStart() {
        SpringApplicationBuilder app = plain("classpath:binding/application.properties", "--spring.jpa.defer-datasource-initialization=true");

        Exception failure = assertThrows(Exception.class, () -> app.run().close());

        assertTrue(String.valueOf(rootCause(failure).getMessage()).startsWith("spring.jpa.defer-datasource-initialization=true makes"),
                rootCause(failure).toString());
    }

    @Test
    void aWrongSetting_endsWithOneConfigInvalidLine_andTheFailureAnalysis_andCreatesNothing() {
        SpringApplicationBuilder app = plain("classpath:binding/application.properties", "--schema-guard.integrity.skip-above=lots");

        String output;
        try (CapturedOutput captured = new CapturedOutput()) {
            assertThrows(Exception.class, () -> app.run().close());
            output = captured.text();
            assertEquals(1, captured.linesContaining("SCHEMA_GUARD result=FAIL code=CONFIG_INVALID"), output);
        }
        assertTrue(output.contains("schema-guard.integrity.skip-above: 'lots' is not a size"), output);
        assertTrue(output.contains("APPLICATION FAILED TO START"), output);
        assertTrue(output.contains("Schema Guard's configuration is wrong"), output);
        assertFalse(Files.exists(dir.resolve("app.db")), "a refused configuration creates no database");
    }

    private void assertBound(String location) {
        String url = "jdbc:sqlite:" + dir.resolve("app.db");
        try (ConfigurableApplicationContext context = plain(location).run()) {
            SchemaGuardInitializer guard = context.getBean(SchemaGuardInitializer.class);
            GuardConfig config = guard.config();

            assertEquals(Verdict.PASS, guard.report().verdict(), guard.report().line());
            assertEquals(url, config.database(), "read from the pool's configuration, not from a connection");
            assertSame(context.getBean(DataSource.class), config.dataSource());
            assertEquals("001_customers.sql", config.changelog().resolve("001_customers.sql").getFileName().toString());
            assertTrue(config.changelog().endsWith(Path.of("db", "schema-guard")), config.changelog().toString());
            assertTrue(config.manifest().endsWith(Path.of("db", "schema-guard", "boot-manifest.txt")), config.manifest().toString());
            assertEquals(List.of("001_customers.sql", "002_customers_email.sql"), config.required());
            assertEquals(FreshDatabase.BOOTSTRAP, config.freshDatabase());
            assertEquals(Duration.ofSeconds(20), config.deadline());
            assertEquals(Duration.ofSeconds(2), config.heartbeat());
            assertTrue(config.allowGaps());
            assertEquals(new IntegritySettings(IntegritySettings.Mode.FULL, 2_000_000_000L, false, null, true), config.integrity());
            assertEquals(List.of(new Canary("customers", 0)), config.data().canaries());
            assertEquals(0.5, config.data().shrinkMaxDrop());
            assertEquals(Duration.ofSeconds(3), config.connection().lockTimeout());
            assertEquals(Duration.ofSeconds(40), config.connection().statementTimeout());
            assertNull(config.connection().password());
            assertEquals(GuardConfig.EngineJudgeMode.REQUIRED, config.engineJudge());
        }
    }

    private SpringApplicationBuilder plain(String location, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("--spring.config.location=" + location,
                "--spring.datasource.url=jdbc:sqlite:" + dir.resolve("app.db")));
        args.addAll(List.of(more));
        return new SpringApplicationBuilder(PlainApplication.class) {
            @Override
            public ConfigurableApplicationContext run(String... ignored) {
                return super.run(args.toArray(String[]::new));
            }
        };
    }

    private static Throwable rootCause(Throwable t) {
        Throwable cause = t;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
