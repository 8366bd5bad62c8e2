package dev.schemaguard.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.IntegritySettings;
import dev.schemaguard.spi.IntegrityOutcome;
import java.sql.Connection;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link PostgresDialect#checkIntegrity} directly (the pipeline does not call it yet). */
class AmcheckTest {
    private final PostgresDialect dialect = new PostgresDialect();
    private PostgresTestDatabase db;

    @BeforeEach
    void setUp() throws Exception {
        db = PostgresServer.defaultMajor().newDatabase();
        db.execute("CREATE TABLE small (id INTEGER PRIMARY KEY)", "INSERT INTO small SELECT generate_series(1, 100)",
                "CREATE TABLE big (id INTEGER PRIMARY KEY, v TEXT)",
                "INSERT INTO big SELECT i, md5(i::text) FROM generate_series(1, 20000) i", "CREATE INDEX big_v ON big (v)");
    }

    @Test
    void withAmcheckInstalled_everyBtreeIndexBelowTheThresholdIsChecked() throws Exception {
        db.execute("CREATE EXTENSION amcheck");

        IntegrityOutcome outcome = check(IntegritySettings.DEFAULT_SKIP_ABOVE);

        assertEquals("ok", outcome.status(), outcome.message());
        assertNull(outcome.failure());
        assertEquals("3", outcome.details().get("checked"), outcome.message());
        assertEquals("0", outcome.details().get("skipped"));
    }

    @Test
    void anIndexAtOrAboveTheThreshold_isSkippedAndNamed_theSmallOnesStillChecked() throws Exception {
        db.execute("CREATE EXTENSION amcheck");
        long threshold = 100 * 1024; // big_pkey and big_v are several hundred kB; small_pkey is 16 kB

        IntegrityOutcome outcome = check(threshold);

        assertEquals("skipped_size", outcome.status(), outcome.message());
        assertFalse(outcome.failed());
        assertEquals("1", outcome.details().get("checked"));
        assertEquals("2", outcome.details().get("skipped"));
        assertTrue(outcome.message().contains("public.big_pkey") && outcome.message().contains("public.big_v"), outcome.message());
        assertFalse(outcome.message().contains("small_pkey ("), outcome.message());
    }

    @Test
    void withoutTheExtension_nothingIsCheckedAndTheGuardDoesNotInstallIt() throws Exception {
        IntegrityOutcome outcome = check(IntegritySettings.DEFAULT_SKIP_ABOVE);

        assertEquals("off", outcome.status());
        assertTrue(outcome.message().contains("CREATE EXTENSION amcheck"), outcome.message());
        assertEquals(java.util.List.of(), db.column("SELECT extname FROM pg_extension WHERE extname = 'amcheck'"));
    }

    @Test
    void aModeOtherThanAmcheck_checksNothing() throws Exception {
        db.execute("CREATE EXTENSION amcheck");
        try (Connection c = db.connect()) {
            assertEquals("off", dialect.checkIntegrity(c, db.url(), IntegritySettings.DEFAULT).status());
        }
    }

    private IntegrityOutcome check(long skipAbove) throws Exception {
        try (Connection c = db.connect()) {
            return dialect.checkIntegrity(c, db.url(), new IntegritySettings(IntegritySettings.Mode.AMCHECK, skipAbove, false, null, false));
        }
    }
}
