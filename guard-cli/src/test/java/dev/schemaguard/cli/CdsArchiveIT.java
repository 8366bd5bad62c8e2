package dev.schemaguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.testing.Project;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/docker's class data sharing, with the Dockerfile's own commands (its paths swapped for
 * temporary ones): the training run makes an archive without a database, and a boot with the image's
 * JAVA_OPTS maps the guard's classes from it ({@code -Xshare:on}: an archive the JVM cannot use is an
 * error here, where in the image it would silently cost the saving).
 */
class CdsArchiveIT {
    private static final Path DOCKERFILE = Path.of("../examples/docker/Dockerfile").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void theDockerfilesTrainingRunMakesAnArchiveThatTheBootMaps() throws Exception {
        Project project = new Project(dir.resolve("app"), "jdbc:sqlite:" + dir.resolve("app.db"))
                .migration("001_users.sql", "CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY);")
                .allow("001_users.sql");
        Path config = project.writeYaml("");
        Path archive = dir.resolve("schema-guard.jsa");

        List<String> training = dockerfileCommand(config, archive);
        try (CliProcess run = CliProcess.of(new ProcessBuilder(training).directory(dir.toFile()))) {
            assertEquals(0, run.waitFor(120), String.join("\n", run.errLines()));
        }
        assertTrue(Files.size(archive) > 0, "no archive written");

        List<String> boot = new ArrayList<>(List.of(CliProcess.JAVA));
        boot.addAll(javaOpts(archive));
        boot.addAll(List.of("-Xshare:on", "-Xlog:class+load=info", "-jar", CliProcess.BUILT_JAR.toString(), "boot",
                "--config", config.toString()));
        try (CliProcess run = CliProcess.of(new ProcessBuilder(boot).directory(dir.toFile()))) {
            assertEquals(0, run.waitFor(120), String.join("\n", run.errLines()));
            List<String> lines = run.errLines();
            assertTrue(lines.stream().anyMatch(l -> l.contains("dev.schemaguard.internal.boot.BootRunner source: shared objects file (top)")),
                    "the guard's classes do not come from the archive");
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("SCHEMA_GUARD result=PASS") && l.contains(" applied=1 ")),
                    String.join("\n", lines));
        }
    }

    /** The Dockerfile's RUN line that makes the archive, with its /app paths replaced. */
    private static List<String> dockerfileCommand(Path config, Path archive) throws Exception {
        String text = Files.readString(DOCKERFILE).replace("\\\n", " ");
        String run = text.lines().filter(l -> l.startsWith("RUN java -XX:ArchiveClassesAtExit=")).findFirst()
                .orElseThrow(() -> new AssertionError("the Dockerfile makes no CDS archive"));
        return Arrays.stream(swapPaths(run.substring("RUN ".length()), config, archive).trim().split("\\s+"))
                .map(word -> word.equals("java") ? CliProcess.JAVA : word).toList();
    }

    /** The options the image's JAVA_OPTS gives the guard's JVM. */
    private static List<String> javaOpts(Path archive) throws Exception {
        String env = Files.readAllLines(DOCKERFILE).stream().filter(l -> l.startsWith("ENV JAVA_OPTS=")).findFirst()
                .orElseThrow(() -> new AssertionError("the Dockerfile sets no JAVA_OPTS"));
        String value = env.substring("ENV JAVA_OPTS=".length()).replace("\"", "");
        assertTrue(value.contains("-XX:SharedArchiveFile=/app/schema-guard.jsa"), value);
        return List.of(swapPaths(value, null, archive).trim().split("\\s+"));
    }

    private static String swapPaths(String command, Path config, Path archive) {
        String swapped = command.replace("/app/schema-guard.jsa", archive.toString())
                .replace("/app/schema-guard.jar", CliProcess.BUILT_JAR.toString())
                .replace("/tmp/cds-training.db", archive.resolveSibling("cds-training.db").toString());
        return config == null ? swapped : swapped.replace("/app/db/schema-guard.yaml", config.toString());
    }
}
