package dev.schemaguard.sqlite.internal.integrity;

import static dev.schemaguard.sqlite.internal.integrity.TestDatabases.createSample;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.sqlite.internal.integrity.IntegrityCheck.Mode;
import dev.schemaguard.sqlite.internal.integrity.IntegrityResult.Outcome;
import dev.schemaguard.testing.Await;
import dev.schemaguard.testing.TestClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeferredIntegrityCheckTest {

    @TempDir
    Path dir;

    @Test
    void aGoodFilePassesInTheBackgroundWithoutBeingWrittenAndTheStampIsRefreshed() throws Exception {
        Path db = createSample(dir.resolve("app.db"), 2_000);
        byte[] before = Files.readAllBytes(db);
        // Past the stamp's racy window by the check's clock: a file written within the last second is never stamped.
        TestClock later = TestClock.ahead(Duration.ofSeconds(2));

        DeferredCheckResult result = DeferredIntegrityCheck.start(db, Mode.FULL, 10, later).result().get(30, TimeUnit.SECONDS);

        assertEquals(Outcome.PASSED, result.integrity().outcome(), result.integrity().messages().toString());
        assertArrayEquals(before, Files.readAllBytes(db));
        Path stampFile = TrustedStamp.stampFileNextTo(db);
        assertTrue(result.refreshStamp(stampFile, later).written());
        assertTrue(TrustedStamp.check(db, stampFile).trusted());
    }

    @Test
    void aCorruptFileFailsWithSqlitesMessagesAndGetsNoStamp() throws Exception {
        Path db = createSample(dir.resolve("app.db"), 60);
        CorruptPage corrupted = CorruptPage.scribbleOnIndexRoot(db, "items_qty");

        DeferredCheckResult result = DeferredIntegrityCheck.start(db, Mode.FULL, 10, Clock.systemUTC()).result().get(30, TimeUnit.SECONDS);

        assertEquals(Outcome.FAILED, result.integrity().outcome());
        assertTrue(result.integrity().messages().get(0).contains("page " + corrupted.page()),
                result.integrity().messages().toString());
        Path stampFile = TrustedStamp.stampFileNextTo(db);
        assertFalse(result.refreshStamp(stampFile, Clock.systemUTC()).written());
        assertFalse(Files.exists(stampFile));
    }

    @Test
    void aMissingFileIsReportedAndNeverCreated() throws Exception {
        Path db = dir.resolve("absent.db");

        DeferredCheckResult result = DeferredIntegrityCheck.start(db, Mode.FULL, 10, Clock.systemUTC()).result().get(30, TimeUnit.SECONDS);

        assertEquals(Outcome.ERROR, result.integrity().outcome());
        assertTrue(result.integrity().messages().get(0).contains("does not exist"));
        assertFalse(Files.exists(db));
    }

    @Test
    void theCheckingConnectionNeverCreatesTheFileAndCannotWrite() throws Exception {
        Path missing = dir.resolve("never-created.db");
        java.sql.SQLException cannotOpen = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
                () -> DeferredIntegrityCheck.openReadOnly(missing).close());
        assertTrue(cannotOpen.getMessage().contains("CANTOPEN"), cannotOpen.getMessage());
        assertFalse(Files.exists(missing));

        Path db = createSample(dir.resolve("app.db"), 10);
        try (java.sql.Connection c = DeferredIntegrityCheck.openReadOnly(db);
             java.sql.Statement s = c.createStatement()) {
            java.sql.SQLException readOnly = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
                    () -> s.execute("DELETE FROM items"));
            assertTrue(readOnly.getMessage().contains("READONLY"), readOnly.getMessage());
        }
    }

    @Test
    void cancellingStopsALongCheckAsInterrupted() throws Exception {
        Path db = TestDatabases.createIndexHeavy(dir.resolve("large.db"), 300_000);
        DeferredIntegrityCheck check = DeferredIntegrityCheck.start(db, Mode.FULL, 10, Clock.systemUTC());
        Await.until(check::executing, Duration.ofSeconds(30), "the check's pragma runs");
        java.util.List<Thread> checkers = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("schema-guard-deferred-integrity_check")).toList();
        assertFalse(checkers.isEmpty(), "the check runs on its own thread");
        assertTrue(checkers.stream().allMatch(Thread::isDaemon), "a daemon thread never holds up JVM shutdown");

        check.cancel();
        DeferredCheckResult result = check.result().get(5, TimeUnit.SECONDS);

        assertEquals(Outcome.INTERRUPTED, result.integrity().outcome(), result.integrity().messages().toString());
        assertFalse(result.refreshStamp(TrustedStamp.stampFileNextTo(db), Clock.systemUTC()).written());
    }
}
