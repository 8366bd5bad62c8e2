package dev.schemaguard;

import dev.schemaguard.DataExpectations.Canary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.DataPathProbe.CanaryStatus;
import dev.schemaguard.DataPathProbe.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/** The health probe on a real SQLite file: up only when every canary table has its rows; down, never an exception, otherwise. */
class DataPathProbeTest {
    private static final List<Canary> USERS = List.of(new Canary("users", 1));

    @TempDir
    Path dir;
    String url;

    @BeforeEach
    void setUp() throws Exception {
        url = "jdbc:sqlite:" + dir.resolve("app.db");
        execute("CREATE TABLE users (id INTEGER PRIMARY KEY)", "INSERT INTO users VALUES (1), (2), (3)");
    }

    private void execute(String... sql) throws SQLException {
        try (var c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            for (String each : sql) {
                s.execute(each);
            }
        }
    }

    @Test
    void up_whenTheCanaryHasItsRows_countingStopsAtMinRows() {
        Result result = DataPathProbe.of(url, USERS).check();

        assertTrue(result.up(), result.reason());
        assertEquals("", result.reason());
        assertEquals(List.of(new CanaryStatus("users", 1, 1, true, "")), result.canaries(), "3 rows, counted up to 1");
    }

    @Test
    void down_whenTheCanaryTableIsEmpty() throws Exception {
        execute("DELETE FROM users");

        Result result = DataPathProbe.of(url, USERS).check();

        assertFalse(result.up());
        assertEquals("table users has 0 rows, fewer than min_rows 1", result.reason());
    }

    @Test
    void down_whenTheCanaryTableIsMissing_evenIfAnotherOneIsFine() {
        Result result = DataPathProbe.of(url, List.of(new Canary("users", 1), new Canary("auth.sessions", 1))).check();

        assertFalse(result.up());
        assertEquals("table auth.sessions does not exist", result.reason());
        assertTrue(result.canaries().get(0).ok());
    }

    @Test
    void down_whenTheDatabaseIsUnreachable_withoutCreatingIt_andWithoutItsSecret() {
        Path missing = dir.resolve("gone/app.db");

        Result result = DataPathProbe.of("jdbc:sqlite:" + missing + "?password=hunter2", USERS).check();

        assertFalse(result.up());
        assertTrue(result.reason().startsWith("cannot reach the database: the database jdbc:sqlite:" + missing), result.reason());
        assertFalse(result.reason().contains("hunter2"), result.reason());
        assertFalse(Files.exists(missing), "a probe must never create the database");
    }

    @Test
    void withTheServicesDataSource_upThenDownWhenItFails() {
        SQLiteDataSource pool = new SQLiteDataSource();
        pool.setUrl(url);
        assertTrue(DataPathProbe.of(pool, USERS).check().up());

        javax.sql.DataSource broken = new SQLiteDataSource() {
            @Override
            public java.sql.Connection getConnection() throws SQLException {
                throw new SQLException("Connection refused (host db:5432)");
            }
        };
        Result result = DataPathProbe.of(broken, USERS).check();

        assertFalse(result.up());
        assertEquals("cannot reach the database: Connection refused (host db:5432)", result.reason());
    }

    @Test
    void aCanaryNotReachedWithinTheBudget_isDown() throws Exception {
        AtomicLong seconds = new AtomicLong();
        DataPathProbe probe = DataPathProbe.of(url, List.of(new Canary("users", 1), new Canary("users", 2)))
                .withBudget(java.time.Duration.ofSeconds(5))
                .withNanoClock(() -> seconds.getAndAdd(3) * 1_000_000_000L); // every look at the clock: 3 s later

        Result result = probe.check();

        assertFalse(result.up());
        assertTrue(result.canaries().get(0).ok());
        assertEquals("not checked: the probe's 5000ms budget was spent", result.canaries().get(1).reason());
    }

    @Test
    void aProbeThatCouldSayUpForAnEmptyTable_isRefusedWhenBuilt() {
        assertThrows(IllegalArgumentException.class, () -> DataPathProbe.of(url, List.of(new Canary("users", 0))));
        assertThrows(IllegalArgumentException.class, () -> DataPathProbe.of(url, List.of()));
    }
}
