package dev.schemaguard.internal.boot;

import dev.schemaguard.Code;
import dev.schemaguard.DataExpectations.Canary;
import dev.schemaguard.GuardConfig;
import dev.schemaguard.GuardConfigException;
import dev.schemaguard.internal.data.RowCount;
import dev.schemaguard.internal.data.RowCounter;
import dev.schemaguard.internal.data.ShrinkCounts;
import dev.schemaguard.internal.data.TableName;
import dev.schemaguard.spi.Dialect.Access;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last step: does the data look like this service's data? Each canary table must exist with
 * at least min_rows rows (CANARY_FAILED), and with the shrink guard no canary may have lost more
 * than max_drop of its rows since the last PASS (DATA_SHRINK). A passing boot records the counts;
 * a plan compares against them but writes nothing.
 */
final class DataChecks {
    private static final Logger LOG = LoggerFactory.getLogger("dev.schemaguard");

    private final Target target;
    private final boolean planOnly;
    private final Progress progress;
    private final Interrupter interrupter;
    private final List<Canary> canaries;
    private final List<TableName> tables;
    private final Double maxDrop;
    private final ShrinkCounts counts;

    private DataChecks(Target target, boolean planOnly, Progress progress, Interrupter interrupter,
                       List<Canary> canaries, List<TableName> tables, Double maxDrop, ShrinkCounts counts) {
        this.target = target;
        this.planOnly = planOnly;
        this.progress = progress;
        this.interrupter = interrupter;
        this.canaries = canaries;
        this.tables = tables;
        this.maxDrop = maxDrop;
        this.counts = counts;
    }

    /** Checks the data settings before anything runs, so a mistake there stops the boot before it changes the database. */
    static DataChecks prepare(GuardConfig config, Target target, boolean planOnly, Progress progress, Interrupter interrupter) {
        List<Canary> canaries = config.data().canaries();
        List<TableName> tables = canaries.stream().map(c -> TableName.parse(c.table())).toList();
        Double maxDrop = config.data().shrinkMaxDrop();
        ShrinkCounts counts = null;
        if (maxDrop != null) {
            String where = config.source() == null ? "" : config.source() + ": ";
            if (canaries.isEmpty()) {
                throw new GuardConfigException(where + "shrink_guard: watches the canaries' row counts, and there are no "
                        + "canaries. Add canaries: [{table: <a table that always holds data>, min_rows: 1}].");
            }
            counts = ShrinkCounts.locate(target.database().file().orElse(null), config.integrity().stampDir(),
                    target.redacted());
            if (counts == null) {
                throw new GuardConfigException(where + "shrink_guard: needs a folder that outlives the database to keep "
                        + "its counts in, and a server database has no file to keep them next to. Set integrity.stamp_dir "
                        + "(for example /var/lib/schema-guard, on a persistent volume).");
            }
        }
        return new DataChecks(target, planOnly, progress, interrupter, canaries, tables, maxDrop, counts);
    }

    /**
     * The outcome unchanged when it already failed or the data is as expected, else the outcome with
     * the data's failure.
     *
     * @param connection  the boot's open connection, or null (then one is opened here, read-only)
     */
    Outcome check(Outcome outcome, Connection connection) throws SQLException {
        if (outcome.failure() != null || canaries.isEmpty()) {
            return outcome;
        }
        progress.enter("data_check", "canaries", Integer.toString(canaries.size()));
        List<RowCount> found = count(connection);
        if (interrupter.expired()) {
            throw new Interrupter.DeadlineExceeded();
        }
        Failure failure = canaryFailure(found);
        if (failure == null && counts != null) {
            failure = shrinkFailure(found);
            if (failure == null && !planOnly) {
                record(found);
            }
        }
        return failure == null ? outcome : new Outcome(outcome.migrations(), failure, outcome.integrity(), outcome.deferIntegrity(), outcome.tally());
    }

    private List<RowCount> count(Connection connection) throws SQLException {
        if (connection != null) {
            return count(connection, counter());
        }
        if (!target.exists()) {
            // A plan against a database that a boot would create: its canaries do not exist yet.
            return tables.stream().map(t -> new RowCount(t, 0, true, null)).toList();
        }
        try (Connection own = target.open(Access.READ_ONLY, progress.remaining())) {
            return count(own, counter());
        }
    }

    private List<RowCount> count(Connection connection, RowCounter counter) {
        List<RowCount> found = new ArrayList<>();
        for (int i = 0; i < canaries.size(); i++) {
            long limit = counts == null ? canaries.get(i).minRows() : Math.max(canaries.get(i).minRows(), ShrinkCounts.COUNT_CAP);
            found.add(counter.count(connection, tables.get(i), limit));
        }
        return found;
    }

    private RowCounter counter() {
        int seconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, (progress.remaining().toMillis() + 999) / 1000));
        return new RowCounter(target.dialect(), seconds, new RowCounter.Watcher() {
            @Override
            public void watch(Statement statement) throws SQLException {
                interrupter.watch(statement);
            }

            @Override
            public void unwatch() {
                interrupter.unwatch();
            }
        });
    }

    private Failure canaryFailure(List<RowCount> found) {
        List<String> shortfalls = new ArrayList<>();
        RowCount first = null;
        long firstMin = 0;
        for (int i = 0; i < found.size(); i++) {
            String shortfall = found.get(i).shortfall(canaries.get(i).minRows());
            if (!shortfall.isEmpty()) {
                shortfalls.add(shortfall);
                if (first == null) {
                    first = found.get(i);
                    firstMin = canaries.get(i).minRows();
                }
            }
        }
        if (first == null) {
            return null;
        }
        return Failure.of(Code.CANARY_FAILED, "canary check failed: " + String.join("; ", shortfalls)
                        + ". The database looks new or emptied (a fresh volume, a re-initialized data directory, an empty "
                        + "backup restored): check which volume or database is mounted and restore the data. Lower min_rows "
                        + "only if the table may legitimately hold fewer rows.",
                "table", first.table().toString(), "rows", Long.toString(first.rows()), "min_rows", Long.toString(firstMin),
                "reason", shortfalls.get(0));
    }

    private Failure shrinkFailure(List<RowCount> found) {
        Map<String, Long> before = readCounts();
        for (RowCount now : found) {
            Long was = before.get(now.table().toString());
            if (was == null || was <= 0) {
                continue;
            }
            double drop = (double) (was - now.rows()) / was;
            if (drop > maxDrop) {
                return Failure.of(Code.DATA_SHRINK, "canary " + now.table() + " shrank from " + was + " to " + now.rows()
                                + " rows (" + Percent.of(drop) + ") since the last PASS, more than shrink_guard.max_drop "
                                + Percent.of(maxDrop) + ": an old or empty backup restored, or a mass delete. Investigate "
                                + "before serving traffic; if the loss was intended, delete " + counts.file()
                                + " and the next PASS records the new counts.",
                        "table", now.table().toString(), "before", Long.toString(was), "rows", Long.toString(now.rows()),
                        "drop", Percent.of(drop), "max_drop", Percent.of(maxDrop),
                        "reason", now.table() + " shrank from " + was + " to " + now.rows() + " rows");
            }
        }
        return null;
    }

    private Map<String, Long> readCounts() {
        try {
            return counts.read();
        } catch (IOException e) {
            LOG.warn("shrink_guard: cannot read the recorded counts ({}); this boot compares against nothing and, "
                    + "if it passes, records new counts", e.getMessage());
            return Map.of();
        }
    }

    /** A failed write costs the next boot its comparison, not this boot its verdict. */
    private void record(List<RowCount> found) {
        Map<String, Long> rows = new LinkedHashMap<>();
        found.forEach(c -> rows.put(c.table().toString(), c.rows()));
        try {
            counts.write(rows, progress.bootId());
        } catch (IOException e) {
            LOG.warn("shrink_guard: cannot record the canary counts in {} ({}); the next boot cannot detect a shrink. "
                    + "Make that folder writable, or set integrity.stamp_dir.", counts.file(), e.getMessage());
        }
    }

    /** A share as the config writes it: 0.5 is 50%, 0.125 is 12.5%. */
    static final class Percent {
        private Percent() {
        }

        static String of(double share) {
            return java.math.BigDecimal.valueOf(share * 100).setScale(1, java.math.RoundingMode.HALF_UP)
                    .stripTrailingZeros().toPlainString() + "%";
        }
    }
}
