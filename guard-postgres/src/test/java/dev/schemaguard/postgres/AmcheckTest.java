package dev.schemaguard.postgres;

import dev.schemaguard.BootReport;
import dev.schemaguard.SchemaGuard;
import dev.schemaguard.Verdict;
import dev.schemaguard.testing.GuardLines;
import dev.schemaguard.testing.Project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.IntegritySettings;
import dev.schemaguard.spi.IntegritySession;
import dev.schemaguard.spi.IntegritySession.Outcome;
import dev.schemaguard.spi.IntegritySession.Status;
import java.sql.Connection;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** amcheck on PostgreSQL: {@link PostgresDialect#checkIntegrity} directly, and as a boot runs it. */
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

        Outcome outcome = check(IntegritySettings.DEFAULT_SKIP_ABOVE);

        assertEquals(Status.OK, outcome.status(), outcome.message());
        assertNull(outcome.failure());
        assertEquals("3", outcome.details().get("checked"), outcome.message());
        assertEquals("0", outcome.details().get("skipped"));
    }

    @Test
    void anIndexAtOrAboveTheThreshold_isSkippedAndNamed_theSmallOnesStillChecked() throws Exception {
        db.execute("CREATE EXTENSION amcheck");
        long threshold = 100 * 1024; // big_pkey and big_v are several hundred kB; small_pkey is 16 kB

        Outcome outcome = check(threshold);

        assertEquals(Status.SKIPPED_SIZE, outcome.status(), outcome.message());
        assertFalse(outcome.failed());
        assertEquals("1", outcome.details().get("checked"));
        assertEquals("2", outcome.details().get("skipped"));
        assertTrue(outcome.message().contains("public.big_pkey") && outcome.message().contains("public.big_v"), outcome.message());
        assertFalse(outcome.message().contains("small_pkey ("), outcome.message());
    }

    @Test
    void withoutTheExtension_nothingIsCheckedAndTheGuardDoesNotInstallIt() throws Exception {
        Outcome outcome = check(IntegritySettings.DEFAULT_SKIP_ABOVE);

        assertEquals(Status.OFF, outcome.status());
        assertTrue(outcome.message().contains("CREATE EXTENSION amcheck"), outcome.message());
        assertEquals(java.util.List.of(), db.column("SELECT extname FROM pg_extension WHERE extname = 'amcheck'"));
    }

    @Test
    void aModeOtherThanAmcheck_checksNothing() throws Exception {
        db.execute("CREATE EXTENSION amcheck");
        try (Connection c = db.connect()) {
            assertEquals(Status.OFF, dialect.database(db.url()).integrity(IntegritySettings.DEFAULT, java.time.Clock.systemUTC()).check(c, stop -> { }).status());
        }
    }

    @Test
    void aBootWithIntegrityModeAmcheck_checksTheIndexesAndSaysSoInItsLine() throws Exception {
        db.execute("CREATE EXTENSION amcheck");
        Project project = new Project(java.nio.file.Files.createTempDirectory("amcheck"), db.url());
        project.migration("001_small.sql", "CREATE TABLE IF NOT EXISTS small (id INTEGER PRIMARY KEY);").allow("001_small.sql");

        BootReport checked = SchemaGuard.of(project.config().toBuilder()
                .integrity(new IntegritySettings(IntegritySettings.Mode.AMCHECK, IntegritySettings.DEFAULT_SKIP_ABOVE, false, null, false))
                .build()).boot();
        BootReport skipped = SchemaGuard.of(project.config().toBuilder()
                .integrity(new IntegritySettings(IntegritySettings.Mode.AMCHECK, 100 * 1024, false, null, false))
                .build()).boot();

        assertEquals(Verdict.PASS, checked.verdict(), checked.line());
        assertEquals("ok", GuardLines.parse(checked.line()).get("integrity"));
        assertEquals(Verdict.PASS, skipped.verdict(), skipped.line());
        assertEquals("skipped_size", GuardLines.parse(skipped.line()).get("integrity"));
    }

    private Outcome check(long skipAbove) throws Exception {
        try (Connection c = db.connect()) {
            IntegritySession session = dialect.database(db.url())
                    .integrity(new IntegritySettings(IntegritySettings.Mode.AMCHECK, skipAbove, false, null, false), java.time.Clock.systemUTC());
            return session.check(c, stop -> { });
        }
    }
}
