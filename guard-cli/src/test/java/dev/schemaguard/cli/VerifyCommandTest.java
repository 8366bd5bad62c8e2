package dev.schemaguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemaguard.testing.Project;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyCommandTest {
    @TempDir
    Path dir;
    Project project;
    Path db;

    @BeforeEach
    void setUp() {
        db = dir.resolve("never-opened.db");
        project = new Project(dir.resolve("project"), "jdbc:sqlite:" + db);
        project.migration("001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);")
                .migration("002_users_email.sql", "ALTER TABLE users ADD COLUMN email TEXT;")
                .migration("003_drop_legacy.sql", "-- offline only\nDROP TABLE legacy;")
                .require("001_users.sql", "002_users_email.sql");
    }

    private CliRun verify(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("verify", "--config", project.writeYaml("").toString()));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void aCleanBuild_exitsZeroAndNeedsNoDatabase() {
        project.allow("001_users.sql", "002_users_email.sql");

        CliRun run = verify();

        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("verify: clean"), run.out());
        assertFalse(Files.exists(db), "verify never opens the database");
    }

    @Test
    void aManifestMissingARequiredMigration_isAFindingAtTheContractsLine() {
        project.allow("001_users.sql");

        CliRun run = verify();

        assertEquals(1, run.exitCode());
        assertTrue(run.out().contains("schema-guard.yaml:6: required-not-in-manifest: 002_users_email.sql is required"), run.out());
    }

    @Test
    void everyManifestProblemIsReportedWithItsLine_notJustTheFirst() {
        project.manifestText("""
                001_users.sql sha256=%s
                002_users_email.sql
                002_users_email.sql
                004_typo.sql
                003_drop_legacy.sql
                """.formatted("a".repeat(64)));

        CliRun run = verify();

        assertEquals(1, run.exitCode());
        String out = run.out();
        assertTrue(out.contains("boot-manifest.txt:1: manifest-pin-mismatch: 001_users.sql pins sha256=aaaa"), out);
        assertTrue(out.contains("boot-manifest.txt:3: manifest-duplicate: 002_users_email.sql is already listed at line 2"), out);
        assertTrue(out.contains("boot-manifest.txt:4: manifest-unknown-migration: 004_typo.sql"), out);
        assertTrue(out.contains("003_drop_legacy.sql:2: not-additive: 003_drop_legacy.sql is in the manifest but drop"), out);
        assertTrue(out.contains("schema-guard.yaml:6: required-blocked-by-gap: 002_users_email.sql is required, but on a fresh volume "
                + "it waits for held 001_users.sql"), "the pin mismatch holds 001, which blocks 002: " + out);
        assertTrue(out.contains("verify: 5 finding(s)"), out);
    }

    @Test
    void requirePins_makesAnUnpinnedEntryAFindingThatSaysThePin() {
        project.manifestText("001_users.sql sha256=" + Project.sha256(project.migrations().resolve("001_users.sql"))
                + "\n002_users_email.sql\n");

        CliRun run = verify("--require-pins");

        assertEquals(1, run.exitCode());
        assertTrue(run.out().contains("boot-manifest.txt:2: manifest-pin-missing: 002_users_email.sql is not pinned. Append sha256="
                + Project.sha256(project.migrations().resolve("002_users_email.sql"))), run.out());
    }

    @Test
    void aRequiredMigrationBehindAHeldOne_isAGapFinding() {
        project.migration("001a_drop.sql", "DROP TABLE IF EXISTS old;").allow("001_users.sql", "002_users_email.sql");

        CliRun run = verify();

        assertEquals(1, run.exitCode());
        assertTrue(run.out().contains("required-blocked-by-gap: 002_users_email.sql is required, but on a fresh volume it waits for held 001a_drop.sql"),
                run.out());
    }

    @Test
    void simulateFresh_catchesTheIncident2ShapeOnABrandNewDatabase() {
        CliRun run = verify("--simulate-fresh");

        assertEquals(1, run.exitCode());
        assertTrue(run.out().contains("schema-guard.yaml: simulate-fresh: a boot on a brand-new empty database ends FAIL REQUIRED_MIGRATIONS_MISSING"),
                run.out());
        assertFalse(Files.exists(db));
    }

    @Test
    void simulateFresh_catchesWhatOnlyRunningShows() {
        project.migration("002_users_email.sql", "CREATE INDEX users_email ON accounts_created_by_hand (email);")
                .allow("001_users.sql", "002_users_email.sql");

        assertEquals(0, verify().exitCode(), "statically clean");
        CliRun run = verify("--simulate-fresh");

        assertEquals(1, run.exitCode(), run.out());
        assertTrue(run.out().contains("ends FAIL MIGRATION_FAILED: 002_users_email.sql failed at 002_users_email.sql:1"), run.out());
    }

    @Test
    void artifact_readsTheConfigAndMigrationsFromInsideABuiltJar() throws Exception {
        Path jar = dir.resolve("service.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            put(out, "db/schema-guard.yaml", "database: jdbc:sqlite:/data/app.db\nchangelog: migrations\nmanifest: boot-manifest.txt\n"
                    + "required:\n  - 001_users.sql\n  - 002_users_email.sql\n");
            put(out, "db/migrations/001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);");
            // The artifact shipped without 002 (incident 5: a build without its critical file).
            put(out, "db/boot-manifest.txt", "001_users.sql\n002_users_email.sql\n");
        }

        CliRun run = CliRun.of("verify", "--artifact", jar.toString(), "--config", "db/schema-guard.yaml");

        assertEquals(1, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("schema-guard.yaml:6: required-not-in-changelog: 002_users_email.sql"), run.out());
        assertTrue(run.out().contains("boot-manifest.txt:2: manifest-unknown-migration: 002_users_email.sql"), run.out());
    }

    @Test
    void formatJson_listsTheFindings() throws Exception {
        project.allow("001_users.sql");

        CliRun run = verify("--format", "json");

        JsonNode report = new ObjectMapper().readTree(run.out());
        assertEquals(2, report.get("schemaVersion").asInt());
        assertFalse(report.get("clean").asBoolean());
        JsonNode finding = report.get("findings").get(0);
        assertEquals("required-not-in-manifest", finding.get("check").asText());
        assertEquals("error", finding.get("severity").asText());
        assertTrue(finding.get("file").asText().endsWith("/project/schema-guard.yaml"), finding.toString());
        assertEquals(6, finding.get("line").asInt());
    }

    @Test
    void aBadConfig_exitsTwoWithoutAStackTrace() {
        CliRun run = CliRun.of("verify", "--config", dir.resolve("missing.yaml").toString());

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("missing.yaml: file not found"), run.err());
        BootCommandTest.assertNoStackTrace(run);
    }

    private static void put(JarOutputStream jar, String name, String text) throws Exception {
        jar.putNextEntry(new JarEntry(name));
        OutputStream out = jar;
        out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        jar.closeEntry();
    }
}
