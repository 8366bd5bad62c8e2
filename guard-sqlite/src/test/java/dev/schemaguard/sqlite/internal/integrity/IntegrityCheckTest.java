package dev.schemaguard.sqlite.internal.integrity;

import static dev.schemaguard.sqlite.internal.integrity.TestDatabases.createSample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.sqlite.internal.integrity.IntegrityCheck.Mode;
import dev.schemaguard.sqlite.internal.integrity.IntegrityResult.Outcome;
import dev.schemaguard.testing.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntegrityCheckTest {

    @TempDir
    Path dir;

    @Test
    void aHealthyDatabasePassesBothChecks() throws Exception {
        Path db = createSample(dir.resolve("app.db"), 2_000);
        try (Connection c = TestDatabases.open(db)) {
            for (Mode mode : Mode.values()) {
                IntegrityResult result = IntegrityCheck.run(c, mode, 10);

                assertEquals(Outcome.PASSED, result.outcome(), mode + ": " + result.messages());
                assertEquals(List.of("ok"), result.messages());
                assertEquals(Files.size(db), result.bytesChecked());
            }
        }
    }

    @Test
    void aScribbledIndexPageIsFoundByBothChecksInSqlitesOwnWords() throws Exception {
        Path db = createSample(dir.resolve("app.db"), 60);
        CorruptPage corrupted = CorruptPage.scribbleOnIndexRoot(db, "items_name");

        for (Mode mode : Mode.values()) {
            try (Connection c = TestDatabases.open(db)) {
                IntegrityResult result = IntegrityCheck.run(c, mode, 5);

                assertEquals(Outcome.FAILED, result.outcome(), mode + ": " + result.messages());
                assertTrue(result.messages().stream().anyMatch(m -> m.contains("page " + corrupted.page())),
                        mode + " names the damaged page " + corrupted.page() + ": " + result.messages());
                assertTrue(result.messages().size() <= 5);
            }
        }
    }

    @Test
    void maxMessagesCapsWhatIsReturned() throws Exception {
        Path db = createSample(dir.resolve("app.db"), 3_000);
        CorruptPage.scribbleOnIndexRoot(db, "items_name");
        CorruptPage.scribbleOnIndexRoot(db, "items_qty");
        try (Connection c = TestDatabases.open(db)) {
            IntegrityResult result = IntegrityCheck.run(c, Mode.FULL, 1);

            assertEquals(Outcome.FAILED, result.outcome());
            assertEquals(1, result.messages().size(), result.messages().toString());
        }
    }

    @Test
    void aLongCheckIsInterruptedFromAnotherThreadWithinAFewHundredMilliseconds() throws Exception {
        Path db = TestDatabases.createIndexHeavy(dir.resolve("large.db"), 300_000); // ~43 MB, ~2 s to check
        try (Connection c = TestDatabases.open(db)) {
            IntegrityCheck check = IntegrityCheck.on(c, Mode.FULL, 10);
            CompletableFuture<IntegrityResult> running = CompletableFuture.supplyAsync(check::run);
            Await.until(check::executing, Duration.ofSeconds(30), "the pragma runs");
            assertFalse(running.isDone(), "the check must still be running for this test to mean anything");

            long interruptedAt = System.nanoTime();
            check.interrupt();
            IntegrityResult result = running.get(5, TimeUnit.SECONDS);
            long stopMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - interruptedAt);

            assertEquals(Outcome.INTERRUPTED, result.outcome(), result.messages().toString());
            assertTrue(result.messages().get(0).contains("interrupt"), result.messages().toString());
            assertTrue(stopMillis < 300, "stopped " + stopMillis + " ms after the interrupt");
            System.out.println("interrupt stopped integrity_check after " + stopMillis + " ms; " + result);
        }
    }

    @Test
    void anInterruptBeforeTheRunStartsIsNotLost() throws Exception {
        Path db = createSample(dir.resolve("app.db"), 2_000);
        try (Connection c = TestDatabases.open(db)) {
            IntegrityCheck check = IntegrityCheck.on(c, Mode.QUICK, 10);
            check.interrupt();

            IntegrityResult result = check.run();

            assertEquals(Outcome.INTERRUPTED, result.outcome());
            assertEquals(Outcome.PASSED, IntegrityCheck.run(c, Mode.QUICK, 10).outcome(),
                    "the connection is usable again afterwards");
        }
    }
}
