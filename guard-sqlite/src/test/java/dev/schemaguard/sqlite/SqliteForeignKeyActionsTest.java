package dev.schemaguard.sqlite;

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
 * A column whose foreign key nulls rows harms only rows that exist: both judges allow it on a table an
 * earlier migration of the same boot created (still empty), and refuse it on a table that holds rows.
 */
class SqliteForeignKeyActionsTest {
    private static final String COUPONS = "CREATE TABLE coupons (id INTEGER PRIMARY KEY);";
    private static final String ORDERS = "CREATE TABLE orders (id INTEGER PRIMARY KEY);";
    private static final String COUPON = "ALTER TABLE orders ADD COLUMN coupon_id INTEGER REFERENCES coupons (id) ON DELETE SET NULL;";

    @TempDir
    Path dir;

    @Test
    void onATableAnEarlierMigrationOfTheSameBootCreated_theKeyIsApplied() throws Exception {
        SqliteTestDatabase db = new SqliteTestDatabase(dir.resolve("app.db"));
        Project project = new Project(dir.resolve("project"), db.url());
        project.migration("001_coupons.sql", COUPONS).migration("002_orders.sql", ORDERS).migration("003_coupon.sql", COUPON)
                .allow("001_coupons.sql", "002_orders.sql", "003_coupon.sql");

        BootReport report = project.boot();

        assertEquals(Code.OK, report.code(), report.line());
        assertEquals(List.of("001_coupons.sql", "002_orders.sql", "003_coupon.sql"), db.ledger());
        assertTrue(db.columns("orders").contains("coupon_id"));
    }

    @Test
    void onATableThatHoldsRows_theKeyIsRefused_andNothingOfItRuns() throws Exception {
        SqliteTestDatabase db = new SqliteTestDatabase(dir.resolve("app.db"));
        Project project = new Project(dir.resolve("project"), db.url());
        project.migration("001_coupons.sql", COUPONS).migration("002_orders.sql", ORDERS).allow("001_coupons.sql", "002_orders.sql");
        assertEquals(Code.OK, project.boot().code());
        db.execute("INSERT INTO orders (id) VALUES (1)");
        project.migration("003_coupon.sql", COUPON).allow("003_coupon.sql");

        BootReport report = project.boot();

        assertEquals(Code.MIGRATION_NOT_ADDITIVE, report.code(), report.line());
        assertTrue(GuardLines.parse(report.line()).get("reason").startsWith("fk-action at 003_coupon.sql:1"), report.line());
        assertEquals(List.of("001_coupons.sql", "002_orders.sql"), db.ledger());
        assertEquals(List.of("id"), db.columns("orders"));
    }
}
