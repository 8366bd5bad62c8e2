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
 * examples/docker's JVM set-up, with the Dockerfile's own commands (its paths swapped for temporary
 * ones): the SQLite driver's native library taken out of the jar, and class data sharing. The training
 * run makes an archive without a database, and a boot with the image's JAVA_OPTS maps the guard's
 * classes from it ({@code -Xshare:on}: an archive the JVM cannot use is an error here, where in the
 * image it would silently cost the saving) and loads the library taken out, with no temporary folder
 * the driver could copy one into.
 */
class CdsArchiveIT {
    private static final Path DOCKERFILE = Path.of("../examples/docker/Dockerfile").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void theDockerfilesTrainingRunMakesAnArchiveThatTheBootMaps() throws Exception {
        Path config = config();
        Path archive = dir.resolve("schema-guard.jsa");
        Path library = dir.resolve("sqlite-native");

        ProcessBuilder extract = new ProcessBuilder("sh", "-c", nativeLibraryCommand(library)).directory(dir.toFile());
        // The JDK's jar tool, as in the Dockerfile's JDK stage.
        extract.environment().put("PATH", Path.of(CliProcess.JAVA).getParent() + ":" + System.getenv("PATH"));
        try (CliProcess run = CliProcess.of(extract)) {
            assertEquals(0, run.waitFor(120), String.join("\n", run.errLines()));
        }
        assertTrue(Files.size(library.resolve("libsqlitejdbc.so")) > 0, "no library taken out");

        List<String> training = dockerfileCommand(config, archive);
        try (CliProcess run = CliProcess.of(new ProcessBuilder(training).directory(dir.toFile()))) {
            assertEquals(0, run.waitFor(120), String.join("\n", run.errLines()));
        }
        assertTrue(Files.size(archive) > 0, "no archive written");

        List<String> boot = new ArrayList<>(List.of(CliProcess.JAVA));
        boot.addAll(javaOpts(archive, library));
        // With no temporary folder the driver could copy its library into: it can only load the one taken out.
        boot.addAll(List.of("-Djava.io.tmpdir=" + dir.resolve("no-such-folder"), "-Xshare:on", "-Xlog:class+load=info", "-jar", CliProcess.BUILT_JAR.toString(), "boot",
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

    /**
     * A boot whose driver cannot copy its native library anywhere (the case the Dockerfile's library
     * avoids, as on a read-only root file system) stops with a configuration error that names the folder
     * and the fix, not with the driver's stack traces and "No native library found".
     */
    @Test
    void aBootWhoseDriverCannotCopyItsNativeLibrary_namesTheFolderAndTheFix() throws Exception {
        Path config = config();
        Path missing = dir.resolve("no-such-folder");
        try (CliProcess run = CliProcess.of(new ProcessBuilder(CliProcess.JAVA, "-Djava.io.tmpdir=" + missing, "-jar",
                CliProcess.BUILT_JAR.toString(), "boot", "--config", config.toString()).directory(dir.toFile()))) {
            assertEquals(Main.EXIT_USAGE, run.waitFor(120), String.join("\n", run.errLines()));
            List<String> lines = run.errLines();
            String verdict = lines.stream().filter(l -> l.startsWith("SCHEMA_GUARD result=")).findFirst().orElseThrow(
                    () -> new AssertionError(String.join("\n", lines)));
            assertTrue(verdict.startsWith("SCHEMA_GUARD result=FAIL code=CONFIG_INVALID "), verdict);
            assertTrue(verdict.contains("into the temporary folder " + missing + " (java.io.tmpdir), and that folder does not exist")
                    && verdict.contains("-Dorg.sqlite.lib.path=<folder>"), verdict);
            assertTrue(lines.stream().noneMatch(l -> l.startsWith("\tat ") || l.contains("UnsatisfiedLinkError")),
                    String.join("\n", lines));
        }
        assertTrue(Files.notExists(dir.resolve("app.db")), "the boot created the database");
    }

    /** A project of one migration on a SQLite file that does not exist yet (app.db), bootstrapped by the boot. */
    private Path config() throws Exception {
        return new Project(dir.resolve("app"), "jdbc:sqlite:" + dir.resolve("app.db"))
                .migration("001_users.sql", "CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY);")
                .allow("001_users.sql")
                .writeYaml("");
    }

    /** The Dockerfile's RUN line of its JDK stage that takes the SQLite driver's library out of the jar, into {@code folder}. */
    private static String nativeLibraryCommand(Path folder) throws Exception {
        String text = Files.readString(DOCKERFILE).replace("\\\n", " ");
        String run = text.lines().filter(l -> l.startsWith("RUN lib=\"org/sqlite/native/")).findFirst()
                .orElseThrow(() -> new AssertionError("the Dockerfile takes no native library out of the jar"));
        assertTrue(text.contains("COPY --from=sqlite-native /sqlite-native/libsqlitejdbc.so /app/native/libsqlitejdbc.so"),
                "the image does not copy the library taken out to /app/native");
        return run.substring("RUN ".length()).replace("/tmp/schema-guard.jar", CliProcess.BUILT_JAR.toString())
                .replace("/sqlite-native", folder.toString());
    }

    /** The options the image's JAVA_OPTS gives the guard's JVM, with the library where {@code library} holds it. */
    private static List<String> javaOpts(Path archive, Path library) throws Exception {
        String env = Files.readAllLines(DOCKERFILE).stream().filter(l -> l.startsWith("ENV JAVA_OPTS=")).findFirst()
                .orElseThrow(() -> new AssertionError("the Dockerfile sets no JAVA_OPTS"));
        String value = env.substring("ENV JAVA_OPTS=".length()).replace("\"", "");
        assertTrue(value.contains("-XX:SharedArchiveFile=/app/schema-guard.jsa"), value);
        assertTrue(value.contains("-Dorg.sqlite.lib.path=/app/native "), value);
        return List.of(swapPaths(value, null, archive).replace("/app/native", library.toString()).trim().split("\\s+"));
    }

    private static String swapPaths(String command, Path config, Path archive) {
        String swapped = command.replace("/app/schema-guard.jsa", archive.toString())
                .replace("/app/schema-guard.jar", CliProcess.BUILT_JAR.toString())
                .replace("/tmp/cds-training.db", archive.resolveSibling("cds-training.db").toString());
        return config == null ? swapped : swapped.replace("/app/db/schema-guard.yaml", config.toString());
    }
}
