package dev.schemaguard.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.schemaguard.BootReport;
import dev.schemaguard.GuardConfig;
import dev.schemaguard.IntegritySettings;
import dev.schemaguard.SchemaGuard;
import dev.schemaguard.Verdict;
import dev.schemaguard.testing.GuardLines;
import dev.schemaguard.testing.Project;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service that hands the guard its own pool: every connection is HikariCP's proxy, never
 * sqlite-jdbc's class, so each place that needs the driver's type must unwrap it.
 */
class PooledConnectionBootTest {
    @TempDir
    Path dir;

    @Test
    void bootingTwiceThroughAHikariPool_passesWithTheIntegrityCheckRunningOnTheSecondBoot() throws Exception {
        SqliteTestDatabase db = new SqliteTestDatabase(dir.resolve("app.db"));
        Project project = new Project(dir.resolve("project"), db.url());
        project.migration("001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);").allow("001_users.sql");
        // No stamp: the second boot must run quick_check itself, on a pooled connection.
        IntegritySettings checkEveryBoot = new IntegritySettings(IntegritySettings.Mode.QUICK,
                IntegritySettings.DEFAULT_SKIP_ABOVE, false, null, false);

        try (HikariDataSource pool = new HikariDataSource()) {
            pool.setJdbcUrl(db.url());
            pool.setMaximumPoolSize(2);
            GuardConfig config = project.config().toBuilder().dataSource(pool).integrity(checkEveryBoot).build();

            BootReport first = SchemaGuard.of(config).boot();
            BootReport second = SchemaGuard.of(config).boot();

            assertEquals(Verdict.PASS, first.verdict(), first.line());
            assertEquals(1, first.applied());
            assertEquals(Verdict.PASS, second.verdict(), second.line());
            assertEquals(0, second.applied());
            assertEquals("ok", GuardLines.parse(second.line()).get("integrity"), second.line());
            assertTrue(pool.getHikariPoolMXBean().getTotalConnections() >= 1, "the boots went through the pool");
        }
        assertEquals(List.of("001_users.sql"), db.ledger());
    }
}
