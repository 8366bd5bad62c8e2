package dev.schemaguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemaguard.GuardConfig.FreshDatabase;
import dev.schemaguard.Verdict;
import dev.schemaguard.testing.Project;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfoCommandTest {
    @TempDir
    Path dir;
    Path db;
    Project project;

    @BeforeEach
    void bootedOnce() {
        db = dir.resolve("app.db");
        project = new Project(dir.resolve("project"), "jdbc:sqlite:" + db);
        project.migration("001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);")
                .migration("002_users_email.sql", "ALTER TABLE users ADD COLUMN email TEXT;")
                .migration("003_drop_legacy.sql", "DROP TABLE IF EXISTS legacy;")
                .require("001_users.sql", "002_users_email.sql")
                .manifestText("001_users.sql sha256=" + Project.sha256(project.migrations().resolve("001_users.sql"))
                        + "\n002_users_email.sql\n");
        assertEquals(Verdict.PASS, project.boot().verdict());
    }

    private CliRun info(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("info", "--config", project.writeYaml("").toString()));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    private static String row(CliRun run, String name) {
        return run.out().lines().filter(l -> l.startsWith(name + " ")).findFirst().orElseThrow(() -> new AssertionError(run.out()));
    }

    @Test
    void afterABoot_eachRowShowsRequiredManifestPinStatusAppliedDateAndChecksum() {
        CliRun run = info();

        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().startsWith("MIGRATION"), run.out());
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        List<String> users = List.of(row(run, "001_users.sql").split("\\s+"));
        assertEquals(List.of("001_users.sql", "yes", "yes", "yes", "applied"), users.subList(0, 5));
        assertTrue(users.get(5).equals(today) || users.get(5).equals(LocalDate.now(ZoneOffset.UTC).minusDays(1).toString()),
                "applied at, the ledger's date: " + users);
        assertTrue(users.get(6).matches("\\d\\d:\\d\\d:\\d\\d"), users.toString());
        assertEquals(Project.sha256(project.migrations().resolve("001_users.sql")).substring(0, 12), users.get(7));
        assertTrue(row(run, "002_users_email.sql").matches("002_users_email.sql\\s+yes\\s+yes\\s+no\\s+applied\\s.*"), run.out());
        assertTrue(row(run, "003_drop_legacy.sql").matches("003_drop_legacy.sql\\s+no\\s+no\\s+no\\s+held\\s+-\\s+\\w{12}\\s+not in manifest.*"),
                run.out());
        assertTrue(run.out().contains("3 row(s): 2 applied, 1 held"), run.out());
        assertTrue(run.err().lines().noneMatch(l -> l.startsWith("SCHEMA_GUARD")), "a table for a person, not a boot's lines: " + run.err());
    }

    @Test
    void anAppliedFileEditedAfterwards_isMarkedDriftedOnItsOwnRow() throws Exception {
        Files.writeString(project.migrations().resolve("002_users_email.sql"), "ALTER TABLE users ADD COLUMN email TEXT NOT NULL DEFAULT '';");

        CliRun run = info();

        assertEquals(1, run.exitCode(), "a boot now would fail: " + run.out());
        assertTrue(row(run, "002_users_email.sql").matches("002_users_email.sql\\s+yes\\s+yes\\s+no\\s+drifted\\s+\\d{4}-.*"
                + "changed after it was applied: the ledger recorded sha256=\\w{12}\\.\\.\\., the file has sha256=\\w{12}\\.\\.\\."), run.out());
        assertTrue(row(run, "001_users.sql").contains(" applied "), run.out());
        assertTrue(run.out().contains("verdict of a boot now: FAIL CHECKSUM_DRIFT"), run.out());
    }

    @Test
    void aLedgerRowTheChangelogDoesNotHave_isListedAsUnknownWithItsDate() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("INSERT INTO DATABASECHANGELOG (ID, AUTHOR, FILENAME, DATEEXECUTED, ORDEREXECUTED, EXECTYPE, MD5SUM) "
                    + "VALUES ('000_from_a_newer_build.sql', 'x', '000_from_a_newer_build.sql', '2026-01-02 03:04:05', 99, 'EXECUTED', NULL)");
        }

        CliRun run = info();

        assertTrue(row(run, "000_from_a_newer_build.sql").matches("000_from_a_newer_build.sql\\s+-\\s+no\\s+no\\s+unknown\\s+"
                + "2026-01-02 03:04:05\\s+-\\s+in the ledger, not in the changelog.*"), run.out());
    }

    @Test
    void formatJson_hasEveryFieldWithIsoDates() throws Exception {
        CliRun run = info("--format", "json");

        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals(1, json.get("schemaVersion").asInt());
        JsonNode users = json.get("migrations").get(0);
        assertEquals("001_users.sql", users.get("name").asText());
        assertEquals("applied", users.get("status").asText());
        assertTrue(users.get("required").asBoolean() && users.get("inManifest").asBoolean() && users.get("pinned").asBoolean());
        assertTrue(users.get("appliedAt").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d.*"), users.toString());
        assertEquals(64, users.get("checksum").asText().length());
        assertEquals("held", json.get("migrations").get(2).get("status").asText());
        assertFalse(json.get("migrations").get(2).get("reason").isNull());
    }

    @Test
    void planJson_carriesTheLedgerDatesAsIsoText() throws Exception {
        CliRun run = CliRun.of("plan", "--config", project.writeYaml("").toString(), "--format", "json");

        assertEquals(0, run.exitCode(), run.err());
        JsonNode users = new ObjectMapper().readTree(run.out()).get("migrations").get(0);
        assertEquals("ALREADY_APPLIED", users.get("status").asText());
        assertTrue(users.get("appliedAt").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d.*"), users.toString());
    }

    @Test
    void aMissingDatabase_isNotCreated() throws Exception {
        Files.delete(db);
        project.fresh(FreshDatabase.FAIL);

        CliRun run = info();

        assertEquals(1, run.exitCode());
        assertTrue(run.out().contains("verdict of a boot now: FAIL DATABASE_MISSING"), run.out());
        assertFalse(Files.exists(db), "info reads; it never creates the database");
    }
}
