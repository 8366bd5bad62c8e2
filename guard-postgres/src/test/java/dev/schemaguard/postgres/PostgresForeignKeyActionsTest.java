package dev.schemaguard.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.BootReport;
import dev.schemaguard.Code;
import dev.schemaguard.testing.GuardLines;
import dev.schemaguard.testing.Project;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cascading foreign key harms only rows that exist: both judges allow it on a table an earlier
 * migration of the same boot created (still empty), and refuse it on a table that holds rows.
 */
class PostgresForeignKeyActionsTest {
    private static final String USERS = "CREATE TABLE users (id INTEGER PRIMARY KEY);";
    private static final String ORDERS = "CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER);";
    private static final String CASCADE = "ALTER TABLE orders ADD CONSTRAINT orders_user FOREIGN KEY (user_id) "
            + "REFERENCES users (id) ON DELETE CASCADE;";

    @TempDir
    Path dir;

    @Test
    void onATableAnEarlierMigrationOfTheSameBootCreated_theKeyIsApplied() throws Exception {
        PostgresTestDatabase db = PostgresServer.defaultMajor().newDatabase();
        Project project = new Project(dir, db.url());
        project.migration("001_users.sql", USERS).migration("002_orders.sql", ORDERS).migration("003_orders_user.sql", CASCADE)
                .allow("001_users.sql", "002_orders.sql", "003_orders_user.sql");

        BootReport report = project.boot();

        assertEquals(Code.OK, report.code(), report.line());
        assertEquals(3, report.applied());
        assertEquals(List.of("001_users.sql", "002_orders.sql", "003_orders_user.sql"), db.ledger());
        assertEquals(List.of("c"), db.column("SELECT confdeltype::text FROM pg_constraint WHERE conname = 'orders_user'"));
    }

    @Test
    void onATableThatHoldsRows_theKeyIsRefused_andNothingOfItRuns() throws Exception {
        PostgresTestDatabase db = PostgresServer.defaultMajor().newDatabase();
        Project project = new Project(dir, db.url());
        project.migration("001_users.sql", USERS).migration("002_orders.sql", ORDERS).allow("001_users.sql", "002_orders.sql");
        assertEquals(Code.OK, project.boot().code());
        db.execute("INSERT INTO users VALUES (1)", "INSERT INTO orders VALUES (1, 1)");
        project.migration("003_orders_user.sql", CASCADE).allow("003_orders_user.sql");

        BootReport report = project.boot();

        assertEquals(Code.MIGRATION_NOT_ADDITIVE, report.code(), report.line());
        assertTrue(GuardLines.parse(report.line()).get("reason").startsWith("fk-action at 003_orders_user.sql:1"), report.line());
        assertEquals(List.of("001_users.sql", "002_orders.sql"), db.ledger());
        assertEquals(List.of(), db.column("SELECT conname::text FROM pg_constraint WHERE conname = 'orders_user'"));
    }
}
