package dev.schemaguard.internal.boot;

import dev.schemaguard.Code;
import dev.schemaguard.GuardConfig;
import dev.schemaguard.MigrationOutcome;
import dev.schemaguard.MigrationOutcome.Status;
import dev.schemaguard.internal.baseline.CatalogCheck;
import dev.schemaguard.internal.baseline.ExpectedObjects;
import dev.schemaguard.internal.changelog.Changelog;
import dev.schemaguard.internal.changelog.ChangelogLoader;
import dev.schemaguard.internal.changelog.Migration;
import dev.schemaguard.internal.ledger.ActiveLedger;
import dev.schemaguard.internal.ledger.Ledger;
import dev.schemaguard.internal.ledger.LedgerKind;
import dev.schemaguard.internal.sql.SchemaCatalog;
import dev.schemaguard.spi.Dialect;
import dev.schemaguard.spi.Dialect.Access;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code baseline}: adopts a database that holds the schema but not (all of) its ledger. Each
 * migration up to {@code --to} is recorded as applied only if every object it creates is in the
 * database as it would create it, by the dialect's catalog ({@link ExpectedObjects}); a migration
 * whose objects are missing or differ is reported, naming the object, and then nothing at all is
 * recorded, so that a half-true baseline never reaches the ledger. Rows go to the ledger the service
 * keeps, in one transaction under the apply lock. Never on a database that does not exist or is empty:
 * there is nothing to baseline, and the boot's fresh_database rule decides what happens to those.
 */
final class BaselinePipeline {
    private final GuardConfig config;
    private final Target target;
    private final Progress progress;
    private final Interrupter interrupter;
    private final String deploymentId;
    private final String to;
    private final boolean dryRun;

    BaselinePipeline(GuardConfig config, Target target, Progress progress, Interrupter interrupter, String deploymentId,
                     String to, boolean dryRun) {
        this.config = config;
        this.target = target;
        this.progress = progress;
        this.interrupter = interrupter;
        this.deploymentId = deploymentId;
        this.to = to;
        this.dryRun = dryRun;
    }

    Outcome run() throws SQLException {
        progress.enter("load");
        Changelog changelog = ChangelogLoader.load(config.changelog());
        Dialect dialect = target.dialect();
        MigrationStatements statements = new MigrationStatements(dialect.sql(), dialect.name());
        progress.enter("open");
        if (!target.exists()) {
            throw stop(Code.DATABASE_MISSING, "the database " + target.redacted() + " does not exist, and baseline records "
                    + "only what a database already holds; nothing was created", "does not exist");
        }
        try (Connection connection = new Reconnect(target, progress).open(dryRun ? Access.READ_ONLY : Access.READ_WRITE)) {
            progress.enter("ledger");
            Set<String> objects = dialect.catalog().objects(connection);
            ActiveLedger ledger = BootPipeline.chooseLedger(config, progress, objects, connection, statements);
            if (!BootPipeline.hasOwnObjects(objects, ledger)) {
                throw stop(Code.DATABASE_MISSING, "the database " + target.redacted() + " is empty (no tables), and baseline "
                        + "records only what a database already holds; on a new database, boot applies the migrations", "empty database");
            }
            SchemaCatalog catalog = dialect.catalog().describe(connection).orElseThrow(() -> stop(Code.CONFIG_INVALID, "the "
                    + dialect.name() + " dialect cannot describe its catalog (tables, columns, indexes, views), so baseline "
                    + "cannot check what it would record; nothing was recorded", "no catalog"));
            List<Migration> migrations = ledger.migrations(changelog);
            int last = lastIndex(migrations, ledger.kept());
            Ledger recorded = ledger.existsIn(objects) ? ledger.read(connection, objects, migrations) : Ledger.absent();
            progress.enter("baseline", "migrations", Integer.toString(last + 1));
            List<MigrationOutcome> outcomes = new ArrayList<>();
            List<Migration> toRecord = new ArrayList<>();
            List<String> unverified = new ArrayList<>();
            ExpectedObjects expected = new ExpectedObjects(dialect.sql());
            for (int i = 0; i < migrations.size(); i++) {
                Migration m = migrations.get(i);
                Status status;
                String reason;
                if (recorded.row(m.name()).isPresent()) {
                    status = Status.ALREADY_APPLIED;
                    reason = "already in " + ledger.kept().table();
                } else if (i > last) {
                    status = Status.HELD;
                    reason = "after --to " + migrations.get(last).name();
                } else if (recorded.blocked().containsKey(m.name())) {
                    status = Status.UNVERIFIED;
                    reason = recorded.blocked().get(m.name());
                    unverified.add(m.name() + ": " + reason);
                } else {
                    CatalogCheck check = expected.check(statements.of(m), catalog);
                    if (check.problems().isEmpty()) {
                        status = dryRun ? Status.WOULD_RECORD : Status.RECORDED;
                        reason = "found " + String.join(", ", check.found());
                        toRecord.add(m);
                    } else {
                        status = Status.UNVERIFIED;
                        reason = "not recordable: " + String.join("; ", check.problems());
                        unverified.add(m.name() + ": " + String.join("; ", check.problems()));
                    }
                }
                outcomes.add(new MigrationOutcome(m.name(), status, false, reason, List.of(), 0));
            }
            if (!unverified.isEmpty()) {
                return new Outcome(unrecorded(outcomes), Failure.of(Code.BASELINE_MISMATCH, "the database does not hold what "
                        + String.join("; ", unverified) + ". Nothing was recorded. Apply what is missing (or fix it) and run "
                        + "baseline again, or baseline only up to the last migration that is there with --to <name>.",
                        "migration", unverified.get(0).substring(0, unverified.get(0).indexOf(':')),
                        "reason", unverified.get(0).substring(unverified.get(0).indexOf(':') + 2)), null, false);
            }
            if (!dryRun && !toRecord.isEmpty()) {
                record(connection, ledger, toRecord, statements);
            }
            return new Outcome(outcomes, null, null, false);
        }
    }

    /** Every row in one transaction under the apply lock: all of them, or none. */
    private void record(Connection connection, ActiveLedger ledger, List<Migration> migrations, MigrationStatements statements)
            throws SQLException {
        List<LedgerKind.Entry> entries = new ArrayList<>();
        for (Migration m : migrations) {
            entries.add(ledger.writer().entry(m, statements.of(m), deploymentId));
        }
        Duration wait = progress.remaining().minus(Reconnect.RESERVE);
        Dialect dialect = target.dialect();
        try (Dialect.ApplyLock lock = dialect.migrations().lock(connection, wait.isNegative() ? Duration.ZERO : wait)) {
            dialect.migrations().begin(connection, progress.remaining());
            try {
                Set<String> objects = dialect.catalog().objects(connection);
                for (LedgerKind.Entry entry : entries) {
                    if (ledger.contains(connection, objects, entry.migration())) {
                        continue; // another boot recorded it meanwhile
                    }
                    if (!ledger.writer().existsIn(objects)) {
                        ledger.writer().create(connection);
                        objects = dialect.catalog().objects(connection);
                    }
                    ledger.writer().record(connection, entry, 0);
                }
                interrupter.commitUnlessExpired(connection);
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    /** The index of the last migration to record: {@code --to}'s, or the last one. */
    private int lastIndex(List<Migration> migrations, LedgerKind kind) {
        if (to == null) {
            return migrations.size() - 1;
        }
        for (int i = 0; i < migrations.size(); i++) {
            if (migrations.get(i).name().equals(to) || kind.recordsAs(migrations.get(i), to)) {
                return i;
            }
        }
        throw stop(Code.CONFIG_INVALID, "--to " + to + " names no migration of the changelog " + config.changelog()
                + "; name one of its migrations (a file name, or the version the ledger records)", "unknown --to");
    }

    /** A failed baseline records nothing: what it would have recorded is reported as not recorded. */
    private static List<MigrationOutcome> unrecorded(List<MigrationOutcome> outcomes) {
        return outcomes.stream().map(o -> o.status() == Status.RECORDED || o.status() == Status.WOULD_RECORD
                ? new MigrationOutcome(o.name(), Status.HELD, false, "its objects are there (" + o.reason().replaceFirst("^found ", "")
                + "), but nothing is recorded while another migration's are not", List.of(), 0) : o).toList();
    }

    private static BootStop stop(Code code, String message, String reason) {
        return new BootStop(Failure.of(code, message + ".", "reason", reason));
    }
}
