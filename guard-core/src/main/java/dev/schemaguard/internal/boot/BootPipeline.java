package dev.schemaguard.internal.boot;

import dev.schemaguard.Code;
import dev.schemaguard.GuardConfig;
import dev.schemaguard.GuardConfig.FreshDatabase;
import dev.schemaguard.MigrationOutcome;
import dev.schemaguard.internal.changelog.Changelog;
import dev.schemaguard.internal.changelog.ChangelogLoader;
import dev.schemaguard.internal.changelog.Migration;
import dev.schemaguard.internal.ledger.ActiveLedger;
import dev.schemaguard.internal.ledger.Ledger;
import dev.schemaguard.internal.ledger.LedgerChoice;
import dev.schemaguard.internal.ledger.LedgerKind;
import dev.schemaguard.internal.ledger.LedgerTable;
import dev.schemaguard.internal.ledger.ProgressTable;
import dev.schemaguard.internal.ledger.RequiredNames;
import dev.schemaguard.internal.manifest.Manifest;
import dev.schemaguard.spi.Dialect;
import dev.schemaguard.spi.Dialect.Access;
import dev.schemaguard.spi.IntegritySession;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One boot, top to bottom: load the changelog and manifest, open the database without creating it
 * by accident, read the ledger, plan, and (unless planning only, or the plan fails) apply.
 */
final class BootPipeline {
    private final GuardConfig config;
    private final Target target;
    private final boolean planOnly;
    private final Progress progress;
    private final Interrupter interrupter;
    private final String deploymentId;
    private final ExpectedSchemas schemas;

    BootPipeline(GuardConfig config, Target target, boolean planOnly, Progress progress, Interrupter interrupter,
                 String deploymentId) {
        this.config = config;
        this.target = target;
        this.planOnly = planOnly;
        this.progress = progress;
        this.interrupter = interrupter;
        this.deploymentId = deploymentId;
        this.schemas = new ExpectedSchemas(config.data().schemas());
    }

    Outcome run() throws SQLException {
        Reconnect reconnect = new Reconnect(target, progress);
        if (target.database().opensAhead()) {
            reconnect.openAhead(access());
        }
        DataChecks dataChecks = DataChecks.prepare(config, target, planOnly, progress, interrupter);
        progress.enter("load");
        ChangelogLoader.Loading loading = ChangelogLoader.start(config.changelog());
        try {
            return run(dataChecks, loading, reconnect);
        } finally {
            loading.cancel(); // a boot stopped early stops the read too
            reconnect.abandon(); // and a connection it started ahead and never used is closed
        }
    }

    private Access access() {
        return planOnly ? Access.READ_ONLY : Access.READ_WRITE;
    }

    private Outcome run(DataChecks dataChecks, ChangelogLoader.Loading loading, Reconnect reconnect) throws SQLException {
        Manifest manifest;
        MigrationStatements statements;
        IntegritySession integrity;
        Opened db;
        try {
            manifest = Manifest.read(config.manifest()).requireUniqueNames();
            statements = new MigrationStatements(target.dialect().sql(), target.dialect().name());
            integrity = target.database().integrity(config.integrity(), progress.clock());
            progress.enter("open");
            db = open(integrity, loading, statements, reconnect);
        } catch (Interrupter.DeadlineExceeded e) {
            throw e;
        } catch (SQLException | RuntimeException e) {
            // The changelog is read first, as far as anyone can tell: its error is the boot's, whatever else failed.
            try {
                changelogOf(loading);
            } catch (SQLException | RuntimeException changelogError) {
                // The ledger may have been chosen while the files were read: a boot stopped by its changelog names none.
                progress.ledger(null);
                throw changelogError;
            }
            throw e;
        }
        Changelog changelog = db.changelog();
        try {
            progress.pending((int) changelog.migrations().stream().filter(m -> db.ledger().row(m.name()).isEmpty()).count());
            progress.enter("plan");
            Planner planner = new Planner(statements, target.dialect().sql(), config.allowGaps() && db.active().allowsGaps());
            Changelog ordered = new Changelog(changelog.source(), db.migrations());
            List<String> required = RequiredNames.resolve(config.required(), db.migrations(), List.of(db.active().kept()));
            Plan plan;
            try {
                plan = checkBeforeApply(planner.plan(ordered, db.ledger(), manifest, required, db.objects()), db.objects(),
                        db.connection());
            } catch (CatalogObjects.Unreadable e) {
                throw e.getCause();
            }
            MigrationOutcomes outcomes = new MigrationOutcomes(manifest, db.ledger());
            if (!plan.failures().isEmpty() || planOnly) {
                return dataChecks.check(new Outcome(outcomes.of(plan, List.of(), null, planOnly && plan.failures().isEmpty()),
                        plan.failures().isEmpty() ? null : plan.failures().get(0), null, false), db.connection());
            }
            Applied done = apply(plan, db.connection(), statements, db.active(), outcomes);
            boolean defer = db.integrity().status() == IntegritySession.Status.SKIPPED_SIZE && config.integrity().deferred();
            return dataChecks.check(new Outcome(done.migrations(), done.failure(), integrity, defer), db.connection());
        } finally {
            if (db.connection() != null) {
                db.connection().close();
            }
        }
    }

    /**
     * What is there: the database opened (never created: a missing one is refused unless
     * bootstrapping, and then opened only to apply), its integrity checked, its objects and ledger read;
     * and the changelog, read meanwhile.
     *
     * @param connection  null when the database does not exist yet
     * @param active      the ledger it keeps (or will keep), and where the guard records
     * @param migrations  the changelog in the order that ledger applies it
     */
    private record Opened(Connection connection, Changelog changelog, Ledger ledger, Set<String> objects,
                          IntegritySession.Outcome integrity, ActiveLedger active, List<Migration> migrations) {
    }

    /**
     * The changelog the background read gives (read once; asking again costs nothing). While this
     * thread waits for it (or reads files with it), the boot's phase is {@code load} again: a read
     * that hangs is reported as one.
     */
    private Changelog changelogOf(ChangelogLoader.Loading loading) throws SQLException {
        if (loading.isDone()) {
            return join(loading);
        }
        String phase = progress.phase();
        progress.resume("load");
        try {
            return join(loading);
        } finally {
            progress.resume(phase);
        }
    }

    private static Changelog join(ChangelogLoader.Loading loading) throws SQLException {
        try {
            return loading.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Interrupter.DeadlineExceeded();
        }
    }

    private Opened open(IntegritySession integrity, ChangelogLoader.Loading loading, MigrationStatements statements,
                        Reconnect reconnect) throws SQLException {
        if (!target.exists()) {
            Changelog changelog = changelogOf(loading);
            refuseFresh("the database " + target.redacted() + " does not exist");
            ActiveLedger active = chooseLedger(Set.of(), null, statements);
            // A database this boot creates holds nothing yet that could be damaged.
            progress.integrity(IntegritySession.Status.OK);
            return new Opened(null, changelog, Ledger.absent(), Set.of(), new IntegritySession.Outcome(IntegritySession.Status.OK,
                    null, "fresh database", Map.of()), active, active.migrations(changelog));
        }
        IntegritySession.Outcome checked = integrity.beforeOpen().map(this::report).orElse(null);
        Connection connection = reconnect.open(access());
        try {
            if (checked == null) {
                if (!integrity.answersAtOnce()) {
                    // A bad changelog is reported before a check that may take minutes, not after it. (Any error
                    // the boot meets while the files are still read is reported after the changelog's: run.)
                    changelogOf(loading);
                }
                progress.enter("integrity_check", "mode", config.integrity().mode().name().toLowerCase(Locale.ROOT));
                progress.integrity(IntegritySession.Status.UNFINISHED); // what a verdict reached during the check reports
                checked = report(integrity.check(connection, this::onDeadline));
            }
            progress.enter("ledger");
            CatalogObjects objects = CatalogObjects.asking(target.dialect().catalog(), connection, namesAsked());
            ActiveLedger active = chooseLedger(objects, connection, statements);
            // The ledger's query runs while the files may still be read; a reader that matches rows to
            // migrations (Flyway's, schema_migrations) asks for them after its query.
            LedgerKind.Migrations ordered = LedgerKind.Migrations.once(() -> active.migrations(changelogOf(loading)));
            Ledger ledger = Ledger.absent();
            if (active.existsIn(objects)) {
                ledger = active.read(connection, objects, ordered);
            } else {
                ordered.get();
                if (!hasOwnObjects(objects.all(), active)) {
                    refuseFresh("the database " + target.redacted() + " is empty (no ledger, no tables)");
                }
            }
            List<Migration> migrations = ordered.get();
            Ledger read = ledger;
            if (migrations.stream().anyMatch(m -> read.row(m.name()).isEmpty()) || !schemas.allIn(objects)) {
                // A migration to plan against what exists, or a schema to look for inside every name. The ledger is
                // read again after the listing, as when everything was listed first: an object a concurrent boot
                // created since the first read is then matched by its ledger row, never taken for the service's.
                objects.all();
                if (active.existsIn(objects)) {
                    ledger = active.read(connection, objects, ordered);
                }
            }
            return new Opened(connection, changelogOf(loading), ledger, objects, checked, active, migrations);
        } catch (CatalogObjects.Unreadable e) {
            connection.close();
            throw e.getCause(); // the full listing failed where a question could not throw it: the error it always was
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /**
     * What a boot with nothing to apply asks of the catalog: the tables a ledger may be kept in, the
     * progress table, the expected schemas. Anything else is answered by listing every object.
     */
    private Set<String> namesAsked() {
        Set<String> names = new HashSet<>(LedgerChoice.tablesAsked(config.ledger()));
        names.add(ProgressTable.NAME);
        names.addAll(schemas.names());
        return names;
    }

    /** Whether the database holds anything besides ledger tables and Schema Guard's progress table. */
    static boolean hasOwnObjects(Set<String> objects, ActiveLedger active) {
        return objects.stream().anyMatch(o -> !active.isLedgerObject(o) && !o.contains(ProgressTable.NAME));
    }

    /** The ledger the database keeps (configured, or detected and said so), named in the boot's lines. */
    private ActiveLedger chooseLedger(Set<String> objects, Connection connection, MigrationStatements statements) throws SQLException {
        return chooseLedger(config, progress, objects, connection, statements);
    }

    static ActiveLedger chooseLedger(GuardConfig config, Progress progress, Set<String> objects, Connection connection,
                                     MigrationStatements statements) throws SQLException {
        ActiveLedger active = LedgerChoice.resolve(config.ledger(), objects, connection, statements::liquibase);
        progress.ledger(active.describe());
        Map<String, String> pairs = new LinkedHashMap<>();
        pairs.put("ledger", active.describe());
        pairs.put("table", active.kept().table());
        pairs.put("chosen", active.detection());
        progress.done("ledger", "DONE", pairs);
        if (active.detection().equals("detected") && !active.kept().table().equals(LedgerTable.NAME)) {
            progress.note("ledger: detected " + active.kept().table() + " (" + active.kept().name() + "), the only known ledger in "
                    + "the database; the guard reads it and records what it applies there. Set ledger: to make this explicit.");
        }
        return active;
    }

    /** Prints the integrity result as a phase line and stops the boot when it failed. */
    private IntegritySession.Outcome report(IntegritySession.Outcome outcome) {
        progress.integrity(outcome.status());
        Map<String, String> pairs = new LinkedHashMap<>(outcome.details());
        pairs.putIfAbsent("integrity", outcome.status().text());
        progress.done("integrity_check", "DONE", pairs);
        if (outcome.failed()) {
            Map<String, String> details = new LinkedHashMap<>();
            details.put("phase", "integrity_check");
            details.put("reason", outcome.details().getOrDefault("reason", outcome.message()));
            throw new BootStop(new Failure(outcome.failure(), outcome.message(), details));
        }
        return outcome;
    }

    private void onDeadline(Runnable stop) {
        try {
            interrupter.watch(stop);
        } catch (SQLException e) {
            stop.run(); // already past the deadline
        }
    }

    /** What applying did: each migration's outcome, and the failure that stopped it, if any. */
    private record Applied(List<MigrationOutcome> migrations, Failure failure) {
    }

    /** What must hold before anything is applied: the expected schemas, and a server that can write. */
    private Plan checkBeforeApply(Plan plan, Set<String> existing, Connection connection) throws SQLException {
        boolean bootstrap = config.freshDatabase() == FreshDatabase.BOOTSTRAP;
        Plan checked = schemas.beforeApply(existing, plan.objectsAfter(), bootstrap).map(plan::failingWith).orElse(plan);
        if (!checked.toApply().isEmpty() && connection != null) {
            Optional<String> readOnly = target.dialect().catalog().readOnly(connection);
            if (readOnly.isPresent()) {
                checked = checked.failingWith(Failure.of(Code.DATABASE_READ_ONLY, "the database " + target.redacted()
                                + " cannot be written and " + checked.toApply().size() + " migration(s) are to be applied; "
                                + "nothing was applied. " + readOnly.get(), "reason", "read-only"));
            }
        }
        if (connection != null && ProgressTable.existsIn(existing)) {
            checked = UnfinishedMigrations.check(checked, ProgressTable.read(connection), progress::note);
        }
        return checked;
    }

    private Applied apply(Plan plan, Connection existingConnection, MigrationStatements statements, ActiveLedger ledger,
                          MigrationOutcomes outcomes)
            throws SQLException {
        List<PlannedMigration> toApply = plan.toApply();
        if (toApply.isEmpty()) {
            return new Applied(outcomes.of(plan, List.of(), null, false), null);
        }
        progress.enter("apply", "migrations", Integer.toString(toApply.size()));
        Applier applier = new Applier(target.dialect(), statements, interrupter, deploymentId, progress::remaining,
                config.connection(), ledger, progress.clock(), config.engineJudge(), progress::warn);
        Connection connection = existingConnection != null ? existingConnection : new Reconnect(target, progress).open(Access.CREATE);
        List<String> applied = new ArrayList<>();
        List<String> appliedElsewhere = new ArrayList<>();
        // The wait ends before the deadline, so that a lock held elsewhere is reported as LOCK_TIMEOUT, not HANG.
        Duration lockWait = progress.remaining().minus(Reconnect.RESERVE);
        Dialect.ApplyLock lock;
        try {
            lock = target.dialect().migrations().lock(connection, lockWait.isNegative() ? Duration.ZERO : lockWait);
        } catch (Interrupter.DeadlineExceeded e) {
            throw e;
        } catch (SQLException e) {
            Failure failure = Failure.of(target.codeFor(e).orElse(Code.MIGRATION_FAILED), e.getMessage() + ", so nothing was "
                    + "applied. Boot again once that boot has finished; if none is running, end the session holding it.",
                    "reason", e.getMessage());
            return new Applied(outcomes.of(plan, List.of(), failure, false), failure);
        }
        try (lock) {
            Set<String> recordedMeanwhile = recordedMeanwhile(connection, ledger, toApply);
            if (!recordedMeanwhile.isEmpty()) {
                progress.note(recordedMeanwhile.size() + " migration(s) were applied by another boot while this one waited "
                        + "for the apply lock; skipped");
            }
            for (PlannedMigration planned : toApply) {
                if (recordedMeanwhile.contains(planned.name())) {
                    appliedElsewhere.add(planned.name());
                    progress.migrationDone(false);
                    continue;
                }
                progress.enter("apply", "migration", planned.name());
                try {
                    boolean byThisBoot = applier.apply(connection, planned);
                    (byThisBoot ? applied : appliedElsewhere).add(planned.name());
                    progress.migrationDone(byThisBoot);
                } catch (Interrupter.DeadlineExceeded e) {
                    throw e;
                } catch (SQLException e) {
                    if (interrupter.expired()) {
                        throw new Interrupter.DeadlineExceeded();
                    }
                    Failure failure = applier.failureOf(planned, e);
                    return new Applied(outcomes.of(plan, applied, appliedElsewhere, failure, false), failure);
                }
            }
            Failure schemaFailure = schemas.afterApply(target.dialect().catalog().objects(connection)).orElse(null);
            return new Applied(outcomes.of(plan, applied, appliedElsewhere, schemaFailure, false), schemaFailure);
        } finally {
            if (connection != existingConnection) {
                connection.close();
            }
        }
    }

    /**
     * What other boots recorded while this one waited for the apply lock, read once: replicas that boot
     * together each find the first one's work done, and checking it migration by migration (a transaction,
     * the catalog and the ledger each time) while holding the lock made every later replica wait for the
     * ones before it to do the same. Each migration not skipped here is still checked under the lock.
     */
    private Set<String> recordedMeanwhile(Connection connection, ActiveLedger ledger, List<PlannedMigration> toApply)
            throws SQLException {
        // Only whether the ledger's tables exist: a dialect answers that without listing every object.
        Set<String> objects = target.dialect().catalog().objects(connection, ledger.tables());
        if (!ledger.existsIn(objects)) {
            return Set.of();
        }
        Ledger now = ledger.read(connection, objects, toApply.stream().map(PlannedMigration::migration).toList());
        Set<String> recorded = new HashSet<>();
        for (PlannedMigration planned : toApply) {
            if (now.row(planned.name()).isPresent()) {
                recorded.add(planned.name());
            }
        }
        return recorded;
    }

    private void refuseFresh(String what) {
        if (config.freshDatabase() == FreshDatabase.FAIL) {
            throw new BootStop(Failure.of(Code.DATABASE_MISSING, what + ", and fresh_database is fail, so nothing was "
                            + "created. Mount the volume that holds the data (or restore it); set fresh_database: bootstrap "
                            + "only for a deliberate first boot.",
                    "reason", what.contains("empty") ? "empty database" : "does not exist"));
        }
    }
}
