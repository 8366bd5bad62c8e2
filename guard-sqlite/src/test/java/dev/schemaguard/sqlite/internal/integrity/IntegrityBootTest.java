package dev.schemaguard.sqlite.internal.integrity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.BootListener;
import dev.schemaguard.BootReport;
import dev.schemaguard.Code;
import dev.schemaguard.GuardConfig;
import dev.schemaguard.GuardConfig.FreshDatabase;
import dev.schemaguard.IntegritySettings;
import dev.schemaguard.SchemaGuard;
import dev.schemaguard.Verdict;
import dev.schemaguard.internal.boot.BootRunner;
import dev.schemaguard.internal.time.NanoClock;
import dev.schemaguard.testing.Await;
import dev.schemaguard.testing.ExpireIn;
import dev.schemaguard.testing.GuardLines;
import dev.schemaguard.testing.Project;
import dev.schemaguard.testing.TestClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Size-aware integrity as a boot shows it: the verdict, the integrity= key, the progress lines. */
class IntegrityBootTest {
    @TempDir
    Path dir;
    Path db;
    Project project;
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalErr;

    @BeforeEach
    void setUp() {
        db = dir.resolve("app.db");
        project = new Project(dir.resolve("project"), "jdbc:sqlite:" + db).fresh(FreshDatabase.FAIL);
        originalErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setErr(originalErr);
    }

    private BootReport boot(UnaryOperator<GuardConfig.Builder> tweak) {
        return SchemaGuard.of(tweak.apply(project.config().toBuilder()).build()).boot();
    }

    private BootReport boot(UnaryOperator<GuardConfig.Builder> tweak, BootListener listener, NanoClock clock) {
        return BootRunner.boot(tweak.apply(project.config().toBuilder()).build(), listener, clock);
    }

    private static IntegritySettings settings(IntegritySettings.Mode mode, long skipAbove, boolean stamp, boolean deferred) {
        return new IntegritySettings(mode, skipAbove, stamp, null, deferred);
    }

    private String log() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aCorruptedBtreePageBelowTheThreshold_failsWithIntegrityFailedAndSqlitesMessages() throws Exception {
        TestDatabases.createSample(db, 2000);
        CorruptPage corrupted = CorruptPage.scribbleOnIndexRoot(db, "items_name");

        BootReport report = boot(b -> b);

        assertEquals(Code.INTEGRITY_FAILED, report.code(), report.line());
        Map<String, String> line = GuardLines.parse(report.line());
        assertEquals("failed", line.get("integrity"));
        assertEquals("integrity_check", line.get("phase"));
        assertTrue(line.get("reason").contains("page " + corrupted.page()), line.get("reason"));
    }

    @Test
    void aTruncatedFile_isCaughtByTheHeaderProbeAsDatabaseCorrupt() throws Exception {
        TestDatabases.createLarge(db, 8);
        TestDatabases.truncate(db, Files.size(db) / 2);

        BootReport report = boot(b -> b);

        assertEquals(Code.DATABASE_CORRUPT, report.code(), report.line());
        assertEquals("failed", GuardLines.parse(report.line()).get("integrity"));
        assertTrue(report.message().toLowerCase().contains("truncated"), report.message());
        assertFalse(log().contains("phase=integrity_check status=STARTED"), "no pragma runs on a bad header");
    }

    @Test
    void atTheThreshold_thePragmaIsSkippedBySizeWithAProgressLine_andJustBelowItRuns() throws Exception {
        TestDatabases.createSample(db, 2000);
        long size = Files.size(db);

        BootReport below = boot(b -> b.integrity(settings(IntegritySettings.Mode.QUICK, size + 1, false, false)));
        BootReport at = boot(b -> b.integrity(settings(IntegritySettings.Mode.QUICK, size, false, false)));

        assertEquals("ok", GuardLines.parse(below.line()).get("integrity"));
        assertEquals(Verdict.PASS, at.verdict(), at.line());
        assertEquals("skipped_size", GuardLines.parse(at.line()).get("integrity"));
        assertTrue(log().lines().anyMatch(l -> l.contains("phase=integrity_check status=DONE") && l.contains("size=" + size)
                && l.contains("threshold=" + size) && l.contains("reason=\"size-based integrity_check skip\"")), log());
        // Two boots, two verdicts: no progress line may read as a verdict to a watchdog.
        assertEquals(2, log().lines().filter(GuardLines::readsAsVerdict).count(), log());
    }

    @Test
    void aVerifiedUnchangedFile_isTrustedThroughItsStamp_andAWriteEndsTheTrust() throws Exception {
        TestDatabases.createSample(db, 2000);
        // A file written within the last second is never stamped (timestamp granularity): these boots
        // run two seconds later, by their clock.
        TestClock later = TestClock.ahead(Duration.ofSeconds(2));

        BootReport first = boot(b -> b, BootListener.NONE, later);
        BootReport second = boot(b -> b, BootListener.NONE, later);
        assertTrue(Files.exists(TrustedStamp.stampFileNextTo(db)), "the stamp sits next to the database");
        TestDatabases.exec(db, "INSERT INTO items (name, qty) VALUES ('one more', 1)");
        BootReport afterWrite = boot(b -> b, BootListener.NONE, later);

        assertEquals("ok", GuardLines.parse(first.line()).get("integrity"));
        assertEquals("skipped_stamp", GuardLines.parse(second.line()).get("integrity"));
        assertEquals("ok", GuardLines.parse(afterWrite.line()).get("integrity"), "a changed file is checked again");
    }

    @Test
    void aDeadlineShorterThanTheCheck_endsInHangWithinASecond() throws Exception {
        TestDatabases.createIndexHeavy(db, 400_000);
        // No phase before the check can use up this budget on any machine; the clock runs out as the check begins.
        Duration budget = Duration.ofSeconds(60);
        TestClock clock = TestClock.realTime();
        ExpireIn expireInCheck = ExpireIn.phase("integrity_check", clock, budget);

        BootReport report = boot(b -> b.deadline(budget)
                .integrity(settings(IntegritySettings.Mode.FULL, IntegritySettings.DEFAULT_SKIP_ABOVE, false, false)),
                expireInCheck, clock);

        assertTrue(expireInCheck.expired(), "the boot reached the check");
        assertEquals(Verdict.HANG, report.verdict(), report.line());
        assertEquals("integrity_check", GuardLines.parse(report.line()).get("phase"));
        assertEquals("unfinished", GuardLines.parse(report.line()).get("integrity"), "the check ran and did not finish: not off");
        assertTrue(report.elapsedMs() < budget.toMillis() + 1000, report.line());
    }

    @Test
    void heartbeatLinesAppearWhileALongCheckRuns() throws Exception {
        TestDatabases.createIndexHeavy(db, 400_000);
        Duration heartbeat = Duration.ofMillis(100);
        TestClock clock = TestClock.at(java.time.Instant.parse("2026-01-01T00:00:00Z"));
        // Once the check has started, two heartbeats' worth of time passes on the boot's clock.
        BootListener twoHeartbeatsIntoTheCheck = new BootListener() {
            private final java.util.concurrent.atomic.AtomicInteger running = new java.util.concurrent.atomic.AtomicInteger();

            @Override
            public void progress(String bootId, String phase, String status) {
                if (status.equals("RUNNING")) {
                    running.incrementAndGet();
                } else if (phase.equals("integrity_check")) {
                    for (int beat = 1; beat <= 2; beat++) {
                        clock.advance(heartbeat);
                        int expected = beat;
                        Await.until(() -> running.get() >= expected, Duration.ofSeconds(30), "heartbeat " + beat);
                    }
                }
            }
        };

        BootReport report = boot(b -> b.heartbeat(heartbeat)
                .integrity(settings(IntegritySettings.Mode.FULL, IntegritySettings.DEFAULT_SKIP_ABOVE, false, false)),
                twoHeartbeatsIntoTheCheck, clock);

        assertEquals(Verdict.PASS, report.verdict(), report.line());
        long heartbeats = log().lines().filter(l -> l.contains("phase=integrity_check status=RUNNING")).count();
        assertTrue(heartbeats >= 2, "heartbeats: " + heartbeats + "\n" + log());
    }

    @Test
    void aFileSkippedForItsSize_isFullyCheckedInTheBackgroundAfterBoot_andAFailurePrintsItsOwnLine() throws Exception {
        TestDatabases.createSample(db, 2000);
        CorruptPage.scribbleOnIndexRoot(db, "items_name");

        BootReport report = boot(b -> b.integrity(settings(IntegritySettings.Mode.QUICK, 1, true, true)));

        assertEquals(Verdict.PASS, report.verdict(), "skipped at boot: " + report.line());
        Await.until(() -> log().contains("phase=deferred_integrity_check"), Duration.ofSeconds(20), log());
        String deferred = log().lines().filter(l -> l.contains("phase=deferred_integrity_check")).findFirst().orElseThrow();
        String line = deferred.substring(deferred.indexOf("SCHEMA_GUARD"));
        Map<String, String> pairs = GuardLines.parse(line);
        assertEquals("FAIL", pairs.get("result"));
        assertEquals("INTEGRITY_FAILED", pairs.get("code"));
        assertEquals(GuardLines.parse(report.line()).get("boot"), pairs.get("boot"));
    }
}
