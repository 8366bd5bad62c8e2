package dev.schemaguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.testing.Project;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a no-op boot of the built jar does not load, because it does not need it: the engine's second
 * judge (it judges migrations being applied; none is), Liquibase (started only to write a ledger row or
 * to read a changelog file), java.util.logging (bridged only once something starts it), and SnakeYAML's
 * object constructor (the config is read as a node tree). Read from the JVM's own class-loading log.
 */
class NoopBootClassesIT {

    @TempDir
    Path dir;

    @Test
    void aNoOpBootLoadsNeitherTheEngineJudgeNorLiquibaseNorJavaUtilLogging() throws Exception {
        Project project = new Project(dir.resolve("app"), "jdbc:sqlite:" + dir.resolve("app.db"))
                .migration("001_users.sql", "CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY);")
                .migration("002_users_email.sql", "ALTER TABLE users ADD COLUMN email TEXT;")
                .allow("001_users.sql", "002_users_email.sql");
        Path config = project.writeYaml("");
        List<String> first = boot(config);
        assertTrue(first.stream().anyMatch(l -> l.startsWith("SCHEMA_GUARD result=PASS") && l.contains(" applied=2 ")), first.toString());
        assertTrue(loaded(first, "dev.schemaguard.sqlite.SqliteEngineJudge"), "the applying boot runs the engine's judge");

        List<String> noop = boot(config);

        assertTrue(noop.stream().anyMatch(l -> l.startsWith("SCHEMA_GUARD result=PASS") && l.contains(" applied=0 ")), noop.toString());
        for (String prefix : List.of("dev.schemaguard.sqlite.SqliteEngineJudge", "dev.schemaguard.sqlite.SqliteSnapshot",
                "dev.schemaguard.internal.boot.Applier", "liquibase.", "java.util.logging.LogManager", "org.yaml.snakeyaml.constructor.",
                "com.fasterxml.jackson.")) { // Jackson writes --format json only
            assertTrue(!loaded(noop, prefix), "a no-op boot loaded " + prefix);
        }
    }

    private List<String> boot(Path config) throws Exception {
        List<String> command = List.of(CliProcess.JAVA, "-Xlog:class+load=info", "-jar", CliProcess.BUILT_JAR.toString(),
                "boot", "--config", config.toString());
        try (CliProcess run = CliProcess.of(new ProcessBuilder(command).directory(dir.toFile()))) {
            assertEquals(0, run.waitFor(120), String.join("\n", run.errLines()));
            return List.copyOf(run.errLines());
        }
    }

    private static boolean loaded(List<String> log, String prefix) {
        return log.stream().anyMatch(l -> l.contains("[class,load] " + prefix));
    }
}
