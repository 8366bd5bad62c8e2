package dev.schemaguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemaguard.testing.Project;
import dev.schemaguard.testing.SarifSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * verify as CI runs it: a process started at the repository's root, on a broken manifest, whose
 * SARIF and annotations point at files of the repository by their relative paths.
 */
class VerifyFormatsProcessTest {
    @TempDir
    Path repo;

    @BeforeEach
    void aRepositoryWhoseManifestMissesARequiredMigration() {
        new Project(repo.resolve("src/main/resources/db"), "jdbc:sqlite:/data/app.db")
                .migration("001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);")
                .migration("002_users_email.sql", "ALTER TABLE users ADD COLUMN email TEXT;")
                .require("001_users.sql", "002_users_email.sql")
                .allow("001_users.sql")
                .writeYaml("");
    }

    @Test
    void sarif_isValidSarif210_locatedRelativeToTheRepository_exitOne() throws Exception {
        Run run = verify("--format", "sarif");

        assertEquals(1, run.exit, run.err);
        assertEquals(List.of(), SarifSchema.violations(run.out), run.out);
        JsonNode result = new ObjectMapper().readTree(run.out).get("runs").get(0).get("results").get(0);
        assertEquals("required-not-in-manifest", result.get("ruleId").asText());
        JsonNode location = result.get("locations").get(0).get("physicalLocation");
        assertEquals("src/main/resources/db/schema-guard.yaml", location.get("artifactLocation").get("uri").asText());
        assertEquals(6, location.get("region").get("startLine").asInt());
        assertFalse(run.out.contains(repo.toString()), "no absolute path: " + run.out);
    }

    @Test
    void github_printsAnErrorAnnotationAtTheRepositoryRelativeFileAndLine() throws Exception {
        Run run = verify("--format", "github");

        assertEquals(1, run.exit, run.err);
        assertTrue(run.out.startsWith("::error file=src/main/resources/db/schema-guard.yaml,line=6,title=required-not-in-manifest::"
                + "002_users_email.sql is required but boot-manifest.txt does not allow it"), run.out);
        assertTrue(run.out.contains("::warning file=src/main/resources/db/boot-manifest.txt,line=1,title=manifest-pin-missing::"), run.out);
    }

    @Test
    void junitAndJson_nameTheSameFinding() throws Exception {
        Run junit = verify("--format", "junit");
        Run json = verify("--format", "json");

        assertEquals(1, junit.exit);
        assertTrue(junit.out.contains("<failure type=\"required-not-in-manifest\""), junit.out);
        JsonNode finding = new ObjectMapper().readTree(json.out).get("findings").get(0);
        assertEquals("src/main/resources/db/schema-guard.yaml", finding.get("file").asText());
        assertEquals(6, finding.get("line").asInt());
    }

    @Test
    void aFormatForFindings_isAUsageErrorOnBoot() throws Exception {
        Run run = run("boot", "--config", "src/main/resources/db/schema-guard.yaml", "--format", "sarif");

        assertEquals(2, run.exit);
        assertTrue(run.err.contains("--format sarif is for verify's findings; boot prints text or json"), run.err);
    }

    private Run verify(String... format) throws Exception {
        List<String> args = new ArrayList<>(List.of("verify", "--config", "src/main/resources/db/schema-guard.yaml"));
        args.addAll(List.of(format));
        return run(args.toArray(String[]::new));
    }

    private record Run(int exit, String out, String err) {
    }

    private Run run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("verify", ".out");
        Path err = Files.createTempFile("verify", ".err");
        try {
            Process process = new ProcessBuilder(command).directory(repo.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("verify did not end within 60 s");
            }
            return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
