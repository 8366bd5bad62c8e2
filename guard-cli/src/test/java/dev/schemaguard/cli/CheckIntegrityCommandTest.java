package dev.schemaguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.schemaguard.testing.GuardLines;
import dev.schemaguard.testing.Project;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckIntegrityCommandTest {
    @TempDir
    Path dir;
    Path db;
    Path yaml;

    @BeforeEach
    void setUp() throws Exception {
        db = dir.resolve("app.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT)");
            s.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000) "
                    + "INSERT INTO items (name) SELECT hex(randomblob(20)) FROM n");
            s.execute("CREATE INDEX items_name ON items (name)");
        }
        Project project = new Project(dir.resolve("project"), "jdbc:sqlite:" + db);
        // skip_above 1 byte: a boot would never check this file; check-integrity always does.
        yaml = project.writeYaml("integrity:\n  mode: quick\n  skip_above: 1\n");
    }

    @Test
    void aCorruptIndexFails_withIntegrityFailedAndExitOne() throws Exception {
        long rootPage;
        int pageSize;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery("SELECT rootpage FROM sqlite_master WHERE name = 'items_name'");
            rs.next();
            rootPage = rs.getLong(1);
            ResultSet ps = s.executeQuery("PRAGMA page_size");
            ps.next();
            pageSize = ps.getInt(1);
        }
        try (RandomAccessFile raf = new RandomAccessFile(db.toFile(), "rw")) {
            raf.seek((rootPage - 1) * pageSize + 12); // the root page's cell pointer array
            raf.write(new byte[] {(byte) 0xFF, (byte) 0x00, (byte) 0xFF, (byte) 0x00, (byte) 0xFF, (byte) 0x00});
        }

        CliRun run = CliRun.of("check-integrity", "--config", yaml.toString());

        assertEquals(1, run.exitCode(), run.err());
        Map<String, String> line = GuardLines.parse(run.verdictLine());
        assertEquals("INTEGRITY_FAILED", line.get("code"));
        assertEquals("failed", line.get("integrity"));
    }
}
