package dev.schemaguard.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.BootReport;
import dev.schemaguard.Code;
import dev.schemaguard.GuardConfig.FreshDatabase;
import dev.schemaguard.IntegritySettings;
import dev.schemaguard.spi.IntegritySession;
import dev.schemaguard.testing.Project;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mode PostgreSQL has no check for is said at once, so the boot reads the ledger while the changelog's
 * files are still read; a bad changelog is still the error a boot reports, whatever the database says.
 */
class PostgresIntegrityModesTest {
    @TempDir
    Path dir;

    @Test
    void quickAndFull_answerAtOnceWithoutAConnection_amcheckAndOffDoNot() throws Exception {
        PostgresDatabase database = new PostgresDatabase("jdbc:postgresql://localhost:1/none");
        for (IntegritySettings.Mode mode : new IntegritySettings.Mode[] {IntegritySettings.Mode.QUICK, IntegritySettings.Mode.FULL}) {
            IntegritySession session = database.integrity(settings(mode), Clock.systemUTC());
            assertTrue(session.answersAtOnce(), mode.toString());
            assertTrue(session.beforeOpen().isEmpty(), "reported on the connection, with the same lines as before");
            IntegritySession.Outcome outcome = session.check(null, stop -> { });
            assertEquals(IntegritySession.Status.OFF, outcome.status());
            assertTrue(outcome.message().contains("has no PostgreSQL check; set integrity.mode: amcheck"), outcome.message());
        }
        assertFalse(database.integrity(settings(IntegritySettings.Mode.AMCHECK), Clock.systemUTC()).answersAtOnce());
        assertFalse(database.integrity(settings(IntegritySettings.Mode.OFF), Clock.systemUTC()).answersAtOnce());
    }

    @Test
    void aBadChangelog_isReportedBeforeAnEmptyDatabase_thoughTheLedgerIsLookedForMeanwhile() throws Exception {
        PostgresTestDatabase db = PostgresServer.defaultMajor().newDatabase();
        Project project = new Project(dir, db.url()).fresh(FreshDatabase.FAIL)
                .migration("001_users\u0001.sql", "CREATE TABLE users (id INTEGER);");

        BootReport report = project.boot();

        assertEquals(Code.CONFIG_INVALID, report.code(), report.line());
        assertTrue(report.message().contains("contains a control character"), report.message());
        assertFalse(report.line().contains("ledger="), "as when the changelog was read before the ledger: " + report.line());
    }

    private static IntegritySettings settings(IntegritySettings.Mode mode) {
        IntegritySettings d = IntegritySettings.DEFAULT;
        return new IntegritySettings(mode, d.skipAboveBytes(), d.stamp(), d.stampDir(), d.deferred());
    }
}
