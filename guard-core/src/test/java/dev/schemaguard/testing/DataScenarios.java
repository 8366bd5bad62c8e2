package dev.schemaguard.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.BootReport;
import dev.schemaguard.Code;
import dev.schemaguard.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Canaries and the shrink guard, on a real database, as a user sees them: the verdict, the keys of
 * the line, the counts file. The shrink guard keeps its counts in {@code integrity.stamp_dir}
 * here, which works for every dialect; where SQLite keeps them by default is tested with SQLite.
 */
public abstract class DataScenarios {
    @TempDir
    protected Path dir;
    protected TestDatabase db;
    protected Project project;
    protected Path stamps;

    protected abstract TestDatabase database(Path tempDir) throws Exception;

    @BeforeEach
    void freshDatabase() throws Exception {
        db = database(dir);
        stamps = dir.resolve("stamps");
        project = new Project(dir.resolve("project"), db.url())
                .migration("001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT);")
                .allow("001_users.sql").require("001_users.sql");
    }

    protected void insertUsers(int from, int to) throws Exception {
        StringBuilder sql = new StringBuilder("INSERT INTO users (id, email) VALUES ");
        for (int i = from; i <= to; i++) {
            sql.append(i == from ? "" : ", ").append('(').append(i).append(", 'u").append(i).append("@example.com')");
        }
        db.execute(sql.toString());
    }

    @Test
    void incident4_aFreshVolumeBootstrappedAndMigrated_butTheCanaryIsEmpty_failsWithCanaryFailed() {
        project.canary("users", 1);

        BootReport report = project.boot();

        assertEquals(Verdict.FAIL, report.verdict(), report.line());
        assertEquals(Code.CANARY_FAILED, report.code());
        Map<String, String> line = GuardLines.parse(report.line());
        assertEquals("users", line.get("table"));
        assertEquals("0", line.get("rows"));
        assertEquals("1", line.get("min_rows"));
        assertEquals("1", line.get("applied"), "the migrations ran; the data is what is missing");
        assertTrue(report.message().contains("restore the data"), report.message());
    }

    @Test
    void aCanaryTableThatDoesNotExist_failsWithCanaryFailedSayingSo() throws Exception {
        project.canary("sessions", 1);

        BootReport report = project.boot();

        assertEquals(Code.CANARY_FAILED, report.code(), report.line());
        Map<String, String> line = GuardLines.parse(report.line());
        assertEquals("sessions", line.get("table"));
        assertEquals("table sessions does not exist", line.get("reason"));
    }

    @Test
    void canariesWithEnoughRows_pass() throws Exception {
        assertEquals(Verdict.PASS, project.boot().verdict());
        insertUsers(1, 3);
        project.canary("users", 3);

        BootReport report = project.boot();

        assertEquals(Verdict.PASS, report.verdict(), report.line());
    }

    @Test
    void aShortCanary_isReportedWithItsCountAndMinimum_andPlanSaysTheSame() throws Exception {
        assertEquals(Verdict.PASS, project.boot().verdict());
        insertUsers(1, 2);
        project.canary("users", 5);

        BootReport boot = project.boot();
        BootReport plan = project.plan();

        for (BootReport report : List.of(boot, plan)) {
            assertEquals(Code.CANARY_FAILED, report.code(), report.line());
            Map<String, String> line = GuardLines.parse(report.line());
            assertEquals("2", line.get("rows"));
            assertEquals("5", line.get("min_rows"));
        }
    }

    @Test
    void shrinkGuard_aPassRecordsTheCounts_thenADropOfMoreThanMaxDropFailsWithDataShrink() throws Exception {
        assertEquals(Verdict.PASS, project.boot().verdict());
        insertUsers(1, 10);
        project.canary("users", 1).shrinkGuard(0.5).stampDir(stamps);
        assertEquals(Verdict.PASS, project.boot().verdict());
        assertEquals("users=10", countsLine());

        db.execute("DELETE FROM users WHERE id <= 6");
        BootReport report = project.boot();

        assertEquals(Verdict.FAIL, report.verdict(), report.line());
        assertEquals(Code.DATA_SHRINK, report.code());
        Map<String, String> line = GuardLines.parse(report.line());
        assertEquals("users", line.get("table"));
        assertEquals("10", line.get("before"));
        assertEquals("4", line.get("rows"));
        assertEquals("60%", line.get("drop"));
        assertEquals("50%", line.get("max_drop"));
        assertTrue(report.message().contains(countsFile().toString()), "the message names the file to delete: " + report.message());
        assertEquals("users=10", countsLine(), "a failed boot keeps the last PASS's counts");
    }

    @Test
    void shrinkGuard_aDropWithinMaxDropPasses_andBecomesTheNewBaseline() throws Exception {
        assertEquals(Verdict.PASS, project.boot().verdict());
        insertUsers(1, 10);
        project.canary("users", 1).shrinkGuard(0.5).stampDir(stamps);
        assertEquals(Verdict.PASS, project.boot().verdict());

        db.execute("DELETE FROM users WHERE id <= 4");
        BootReport report = project.boot();

        assertEquals(Verdict.PASS, report.verdict(), report.line());
        assertEquals("users=6", countsLine());
    }

    @Test
    void shrinkGuard_planComparesButWritesNothing() throws Exception {
        assertEquals(Verdict.PASS, project.boot().verdict());
        insertUsers(1, 10);
        project.canary("users", 1).shrinkGuard(0.5).stampDir(stamps);
        assertEquals(Verdict.PASS, project.boot().verdict());
        db.execute("DELETE FROM users WHERE id <= 9");
        String before = Files.readString(countsFile());

        BootReport plan = project.plan();

        assertEquals(Code.DATA_SHRINK, plan.code(), plan.line());
        assertEquals(before, Files.readString(countsFile()));
    }

    protected Path countsFile() throws Exception {
        try (Stream<Path> files = Files.list(stamps)) {
            List<Path> counts = files.filter(f -> f.getFileName().toString().endsWith(".schema-guard-counts")).toList();
            assertEquals(1, counts.size(), counts.toString());
            return counts.get(0);
        }
    }

    /** The counts file's one data line (its other lines are comments). */
    protected String countsLine() throws Exception {
        List<String> data = Files.readAllLines(countsFile()).stream().filter(l -> !l.startsWith("#")).toList();
        assertFalse(data.isEmpty(), "no counts recorded");
        return String.join("\n", data);
    }
}
