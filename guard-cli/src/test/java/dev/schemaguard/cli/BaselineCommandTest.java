package dev.schemaguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.testing.GuardLines;
import dev.schemaguard.testing.Project;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code baseline} as a user runs it: the dry run's table, the exit codes, the line, the ledger afterwards. */
class BaselineCommandTest {
    @TempDir
    Path dir;
    Project project;
    String url;

    @BeforeEach
    void setUp() throws Exception {
        url = "jdbc:sqlite:" + dir.resolve("app.db");
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT, email TEXT)");
            s.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER)");
            s.execute("CREATE INDEX orders_user ON orders (user_id)");
            s.execute("CREATE TABLE audit (id INTEGER PRIMARY KEY, what TEXT)");
        }
        project = new Project(dir.resolve("project"), url)
                .migration("001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);\n")
                .migration("002_orders.sql", "ALTER TABLE users ADD COLUMN email TEXT;\n"
                        + "CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER);\nCREATE INDEX orders_user ON orders (user_id);\n")
                .migration("003_audit.sql", "CREATE TABLE audit (id INTEGER PRIMARY KEY, what TEXT);\nCREATE INDEX audit_what ON audit (what);\n");
    }

    @Test
    void dryRun_printsWhatItWouldRecordAndWhy_namesTheMissingIndex_exitsOne_andRecordsNothing() throws Exception {
        CliRun run = CliRun.of("baseline", "--config", project.writeYaml("").toString(), "--dry-run");

        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.out().contains("ledger: liquibase"), run.out());
        assertTrue(run.out().matches("(?s).*001_users\\.sql\\s+not recorded\\s+its objects are there \\(table users\\(id, name\\)\\).*"), run.out());
        assertTrue(run.out().matches("(?s).*003_audit\\.sql\\s+not recordable\\s+not recordable: index audit_what is missing.*"), run.out());
        Map<String, String> line = GuardLines.parse(run.verdictLine());
        assertEquals("BASELINE_MISMATCH", line.get("code"));
        assertEquals("baseline_dry_run", line.get("mode"));
        assertEquals("003_audit.sql", line.get("migration"));
        assertEquals(List.of("audit", "orders", "users"), tables());
    }

    @Test
    void to_recordsExactlyTheMigrationsUpToIt_andTheNextBootIsANoOpPass() throws Exception {
        Path yaml = project.writeYaml("");
        CliRun run = CliRun.of("baseline", "--config", yaml.toString(), "--to", "002_orders.sql");

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().matches("(?s).*002_orders\\.sql\\s+recorded\\s+found column users\\.email, table orders\\(id, user_id\\), index orders_user.*"), run.out());
        assertEquals("2", GuardLines.parse(run.verdictLine()).get("recorded"));
        assertEquals(List.of("001_users.sql", "002_orders.sql"), ledger());

        CliRun boot = CliRun.of("boot", "--config", yaml.toString());
        assertEquals(0, boot.exitCode(), boot.err());
        assertEquals("0", GuardLines.parse(boot.verdictLine()).get("applied"));
    }

    @Test
    void unknownTo_isAConfigurationError() {
        CliRun run = CliRun.of("baseline", "--config", project.writeYaml("").toString(), "--to", "009_nothing.sql");

        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("--to 009_nothing.sql names no migration"), run.err());
    }

    @Test
    void planNamesTheLedgerKindFromTheConfig() {
        CliRun run = CliRun.of("plan", "--config", project.writeYaml("ledger:\n  kind: schema_migrations\n  column: filename\n").toString());

        assertTrue(run.out().startsWith("ledger: schema_migrations"), run.out());
        assertEquals("schema_migrations", GuardLines.parse(run.verdictLine()).get("ledger"));
    }

    @Test
    void verify_readsRequiredEntriesAsTheLedgerRecordsThem_andFlywayNames() {
        Project flyway = new Project(dir.resolve("flyway"), url)
                .migration("V1__users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);\n")
                .migration("V2__orders.sql", "CREATE TABLE orders (id INTEGER PRIMARY KEY);\n")
                .allow("V1__users.sql", "V2__orders.sql").require("1", "V2");

        CliRun passing = CliRun.of("verify", "--config", flyway.writeYaml("ledger: flyway\n").toString());
        assertEquals(0, passing.exitCode(), passing.out() + passing.err());

        flyway.migration("003_audit.sql", "CREATE TABLE audit (id INTEGER PRIMARY KEY);\n").require("9");
        CliRun failing = CliRun.of("verify", "--config", flyway.writeYaml("ledger: flyway\n").toString());
        assertEquals(1, failing.exitCode(), failing.out() + failing.err());
        assertTrue(failing.out().contains("ledger-name") && failing.out().contains("rename 003_audit.sql"), failing.out());
        assertTrue(failing.out().contains("9 is required but is not in the changelog"), failing.out());
    }

    private List<String> tables() throws Exception {
        return column("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
    }

    private List<String> ledger() throws Exception {
        return column("SELECT ID FROM DATABASECHANGELOG ORDER BY ORDEREXECUTED");
    }

    private List<String> column(String sql) throws Exception {
        List<String> values = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
