package dev.schemaguard.mariadb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.BootReport;
import dev.schemaguard.IntegritySettings;
import dev.schemaguard.SchemaGuard;
import dev.schemaguard.Verdict;
import dev.schemaguard.testing.GuardLines;
import dev.schemaguard.testing.Project;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** integrity.mode: check_table runs CHECK TABLE ... QUICK below skip_above; every other mode checks nothing on MariaDB. */
class MariaDbIntegrityTest {
    @TempDir
    Path dir;
    Project project;

    @BeforeEach
    void twoTables() throws Exception {
        MariaDbTestDatabase db = MariaDbServer.shared().newDatabase();
        project = new Project(dir, db.url());
        project.migration("001_users.sql", "CREATE TABLE users (id BIGINT PRIMARY KEY, email VARCHAR(255));").allow("001_users.sql");
        assertEquals(Verdict.PASS, project.boot().verdict());
        db.execute("INSERT INTO users VALUES (1, 'a'), (2, 'b')");
    }

    @Test
    void theDefaultMode_checksNothingAndSaysSo() {
        BootReport report = project.boot();

        assertEquals("off", GuardLines.parse(report.line()).get("integrity"), report.line());
    }

    @Test
    void checkTable_checksEveryTableBelowTheThreshold() {
        BootReport report = boot(new IntegritySettings(IntegritySettings.Mode.CHECK_TABLE, 5_000_000_000L, false, null, false));

        assertEquals(Verdict.PASS, report.verdict(), report.line());
        assertEquals("ok", GuardLines.parse(report.line()).get("integrity"));
    }

    @Test
    void checkTable_skipsTablesAtOrAboveTheThreshold_andNamesThem() {
        BootReport report = boot(new IntegritySettings(IntegritySettings.Mode.CHECK_TABLE, 1, false, null, false));

        assertEquals(Verdict.PASS, report.verdict(), report.line());
        Map<String, String> line = GuardLines.parse(report.line());
        assertEquals("skipped_size", line.get("integrity"));
    }

    private BootReport boot(IntegritySettings integrity) {
        return SchemaGuard.of(project.config().toBuilder().integrity(integrity).build()).boot();
    }
}
