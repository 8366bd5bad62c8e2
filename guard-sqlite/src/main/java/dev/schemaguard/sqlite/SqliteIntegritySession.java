package dev.schemaguard.sqlite;

import dev.schemaguard.Code;
import dev.schemaguard.GuardConfigException;
import dev.schemaguard.IntegritySettings;
import dev.schemaguard.internal.text.Sizes;
import dev.schemaguard.spi.IntegritySession;
import dev.schemaguard.sqlite.internal.integrity.DeferredIntegrityCheck;
import dev.schemaguard.sqlite.internal.integrity.FileFingerprint;
import dev.schemaguard.sqlite.internal.integrity.HeaderProbe;
import dev.schemaguard.sqlite.internal.integrity.HeaderProblem;
import dev.schemaguard.sqlite.internal.integrity.IntegrityCheck;
import dev.schemaguard.sqlite.internal.integrity.IntegrityResult;
import dev.schemaguard.sqlite.internal.integrity.SqliteHeaderProbe;
import dev.schemaguard.sqlite.internal.integrity.StampVerdict;
import dev.schemaguard.sqlite.internal.integrity.TrustedStamp;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Size-aware integrity for one SQLite boot. The header probe always runs and is O(1); a file at or
 * above {@code skip_above} is never checked at boot (incident 1: a 30-minute integrity_check against
 * a 60 s health grace); a file verified before and unchanged since is trusted through its stamp;
 * anything else gets the configured pragma, interrupted when the deadline runs out.
 */
final class SqliteIntegritySession implements IntegritySession {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteIntegritySession.class);
    private static final int MAX_MESSAGES = 5;

    private final Path db;
    private final IntegritySettings settings;
    private final Path stampFile;
    private final Clock clock;
    private FileFingerprint beforeCheck;
    private boolean passedNow;

    SqliteIntegritySession(Path db, IntegritySettings settings, Clock clock) {
        if (settings.mode() == IntegritySettings.Mode.AMCHECK) {
            throw new GuardConfigException("integrity.mode: amcheck is PostgreSQL's; for SQLite use quick, full or off.");
        }
        this.db = db;
        this.settings = settings;
        this.clock = clock;
        this.stampFile = settings.stampDir() == null ? TrustedStamp.stampFileNextTo(db) : TrustedStamp.stampFileIn(settings.stampDir(), db);
    }

    @Override
    public Optional<Outcome> beforeOpen() {
        HeaderProbe probe;
        try {
            probe = SqliteHeaderProbe.probe(db);
        } catch (IOException e) {
            return Optional.empty(); // opening will report why the file cannot be read
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("size", Long.toString(probe.fileSize()));
        if (probe.hotJournal()) {
            details.put("hot_journal", "true");
        }
        if (probe.walFilePresent()) {
            details.put("wal", "true");
        }
        if (!probe.sound()) {
            List<String> problems = probe.problems().stream().map(HeaderProblem::message).toList();
            details.put("reason", String.join("; ", problems));
            return Optional.of(new Outcome(Status.FAILED, Code.DATABASE_CORRUPT, db + " is damaged: " + String.join("; ", problems)
                    + ". Restore it from a backup; do not start the service on it.", details));
        }
        if (settings.mode() == IntegritySettings.Mode.OFF) {
            return Optional.of(new Outcome(Status.OFF, null, "integrity.mode is off; the header probe passed", details));
        }
        if (probe.fileSize() >= settings.skipAboveBytes()) {
            details.put("threshold", Long.toString(settings.skipAboveBytes()));
            details.put("reason", "size-based integrity_check skip");
            return Optional.of(new Outcome(Status.SKIPPED_SIZE, null, "size-based integrity_check skip: " + Sizes.format(probe.fileSize())
                    + " is at or above skip_above " + Sizes.format(settings.skipAboveBytes())
                    + (settings.deferred() ? "; a full check runs in the background after boot" : ""), details));
        }
        if (settings.stamp()) {
            StampVerdict stamp = TrustedStamp.check(db, stampFile);
            if (stamp.trusted()) {
                details.put("reason", "unchanged since verified");
                return Optional.of(new Outcome(Status.SKIPPED_STAMP, null, "trusted stamp: " + stamp.reason(), details));
            }
            try {
                beforeCheck = FileFingerprint.capture(db, clock);
            } catch (IOException e) {
                beforeCheck = null;
            }
        }
        return Optional.empty();
    }

    @Override
    public Outcome check(Connection connection, Consumer<Runnable> onDeadline) throws SQLException {
        IntegrityCheck check = IntegrityCheck.on(connection, mode(), MAX_MESSAGES);
        onDeadline.accept(check::interrupt);
        IntegrityResult result = check.run();
        return switch (result.outcome()) {
            case PASSED -> {
                passedNow = true;
                yield new Outcome(Status.OK, null, mode().pragma() + " passed", Map.of());
            }
            case FAILED -> failed(result);
            case INTERRUPTED -> throw new SQLException("the integrity check was interrupted");
            case ERROR -> throw new SQLException("the integrity check could not run: " + String.join("; ", result.messages()));
        };
    }

    @Override
    public void recordPass() {
        if (passedNow && settings.stamp() && beforeCheck != null) {
            try {
                TrustedStamp.write(db, stampFile, beforeCheck, mode().pragma(), clock);
            } catch (IOException e) {
                LOG.warn("could not write the trusted stamp {}: {}", stampFile, e.getMessage());
            }
        }
    }

    @Override
    public Optional<CompletableFuture<Outcome>> deferredCheck() {
        DeferredIntegrityCheck deferred = DeferredIntegrityCheck.start(db, IntegrityCheck.Mode.FULL, MAX_MESSAGES, clock);
        return Optional.of(deferred.result().thenApply(done -> {
            IntegrityResult result = done.integrity();
            if (result.passed()) {
                if (settings.stamp()) {
                    try {
                        done.refreshStamp(stampFile, clock);
                    } catch (IOException e) {
                        LOG.warn("could not refresh the trusted stamp {}: {}", stampFile, e.getMessage());
                    }
                }
                return new Outcome(Status.OK, null, "full integrity_check passed", Map.of());
            }
            if (result.outcome() == IntegrityResult.Outcome.FAILED) {
                return failed(result);
            }
            return new Outcome(Status.FAILED, Code.INTEGRITY_FAILED, "the full integrity_check did not finish: "
                    + String.join("; ", result.messages()), Map.of("reason", result.outcome().name().toLowerCase()));
        }));
    }

    private Outcome failed(IntegrityResult result) {
        String first = String.join("; ", result.messages());
        return new Outcome(Status.FAILED, Code.INTEGRITY_FAILED, db + " failed " + result.mode().pragma() + ": " + first
                + ". Restore the file from a backup, or recover it (sqlite3 .recover), before starting the service.",
                Map.of("reason", first));
    }

    private IntegrityCheck.Mode mode() {
        return settings.mode() == IntegritySettings.Mode.FULL ? IntegrityCheck.Mode.FULL : IntegrityCheck.Mode.QUICK;
    }
}
