package dev.schemaguard;

import dev.schemaguard.DataExpectations.Canary;
import dev.schemaguard.internal.Dialects;
import dev.schemaguard.internal.data.RowCount;
import dev.schemaguard.internal.data.RowCounter;
import dev.schemaguard.internal.data.TableName;
import dev.schemaguard.internal.report.Redactor;
import dev.schemaguard.internal.time.NanoClock;
import dev.schemaguard.spi.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;
import javax.sql.DataSource;

/**
 * A health check that touches the data: each canary table is counted (up to its min_rows, so it
 * stays cheap) with a short query timeout, inside a total budget. It is {@code up} only when every
 * canary table exists and holds at least min_rows rows; a database error is "down" with the reason,
 * never an exception. Immutable and thread-safe: build one, call {@link #check()} from /health.
 *
 * <pre>{@code
 * DataPathProbe probe = DataPathProbe.of(dataSource, List.of(new Canary("users", 1)));
 * DataPathProbe.Result result = probe.check();   // result.up(), result.reason(), result.canaries()
 * }</pre>
 */
public final class DataPathProbe {
    public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(5);

    private final DataSource dataSource;
    private final String url;
    private final List<Canary> canaries;
    private final Duration queryTimeout;
    private final Duration budget;
    private final LongSupplier nanoClock;

    DataPathProbe(DataSource dataSource, String url, List<Canary> canaries, Duration queryTimeout, Duration budget,
                  LongSupplier nanoClock) {
        this.dataSource = dataSource;
        this.url = url;
        this.canaries = List.copyOf(canaries);
        this.queryTimeout = positive(queryTimeout, "queryTimeout");
        this.budget = positive(budget, "budget");
        this.nanoClock = nanoClock;
        if (this.canaries.isEmpty()) {
            throw new IllegalArgumentException("DataPathProbe needs at least one canary: a probe that reads no table proves nothing.");
        }
        for (Canary canary : this.canaries) {
            if (canary.minRows() < 1) {
                throw new IllegalArgumentException("DataPathProbe: canary " + canary.table() + " has min_rows 0; a health "
                        + "probe must never call an empty table healthy, so give it min_rows 1 or more.");
            }
        }
    }

    /** A probe that borrows connections from the service's own pool: it exercises the path requests take. */
    public static DataPathProbe of(DataSource dataSource, List<Canary> canaries) {
        return new DataPathProbe(Objects.requireNonNull(dataSource, "dataSource"), null, canaries,
                DEFAULT_QUERY_TIMEOUT, DEFAULT_BUDGET, NanoClock.system()::nanoTime);
    }

    /**
     * A probe that opens a read-only connection per check through Schema Guard's dialect, which never
     * creates a missing database (a SQLite file). Credentials go in the URL; they never appear in reasons.
     */
    public static DataPathProbe of(String jdbcUrl, List<Canary> canaries) {
        Dialects.forUrl(Objects.requireNonNull(jdbcUrl, "jdbcUrl"));
        return new DataPathProbe(null, jdbcUrl, canaries, DEFAULT_QUERY_TIMEOUT, DEFAULT_BUDGET, NanoClock.system()::nanoTime);
    }

    /** A copy with another per-query timeout (whole seconds, as JDBC takes it; at least 1 s). */
    public DataPathProbe withQueryTimeout(Duration timeout) {
        return new DataPathProbe(dataSource, url, canaries, timeout, budget, nanoClock);
    }

    /** A copy with another total budget: canaries not reached within it make the probe down. */
    public DataPathProbe withBudget(Duration total) {
        return new DataPathProbe(dataSource, url, canaries, queryTimeout, total, nanoClock);
    }

    DataPathProbe withNanoClock(LongSupplier clock) {
        return new DataPathProbe(dataSource, url, canaries, queryTimeout, budget, clock);
    }

    /** Runs every canary's query; never throws for a database problem. */
    public Result check() {
        long start = nanoClock.getAsLong();
        Redactor redactor = Redactor.forUrl(url, List.of());
        List<CanaryStatus> statuses = new ArrayList<>();
        String connectFailure = null;
        Connection connection = null;
        try {
            connection = connect();
            Dialect dialect = dialectOf(connection);
            for (Canary canary : canaries) {
                long left = budget.toNanos() - (nanoClock.getAsLong() - start);
                if (left <= 0) {
                    statuses.add(new CanaryStatus(canary.table(), canary.minRows(), 0, false,
                            "not checked: the probe's " + budget.toMillis() + "ms budget was spent"));
                    continue;
                }
                long seconds = Math.max(1, (Math.min(queryTimeout.toNanos(), left) + 999_999_999L) / 1_000_000_000L);
                RowCount count = new RowCounter(dialect, (int) Math.min(Integer.MAX_VALUE, seconds), RowCounter.Watcher.NONE)
                        .count(connection, TableName.parse(canary.table()), canary.minRows());
                String shortfall = redactor.redact(count.shortfall(canary.minRows()));
                statuses.add(new CanaryStatus(canary.table(), canary.minRows(), count.rows(), shortfall.isEmpty(), shortfall));
            }
        } catch (SQLException | RuntimeException e) {
            connectFailure = "cannot reach the database: " + redactor.redact(firstLine(e));
        } finally {
            closeQuietly(connection);
        }
        Duration elapsed = Duration.ofNanos(nanoClock.getAsLong() - start);
        if (connectFailure != null) {
            return new Result(false, connectFailure, List.of(), elapsed);
        }
        String reason = statuses.stream().filter(s -> !s.ok()).map(CanaryStatus::reason).findFirst().orElse("");
        return new Result(reason.isEmpty(), reason, statuses, elapsed);
    }

    private Connection connect() throws SQLException {
        if (dataSource != null) {
            return dataSource.getConnection();
        }
        Dialect.Database database = Dialects.forUrl(url).database(url);
        if (!database.exists()) {
            throw new SQLException("the database " + url + " does not exist");
        }
        return database.open(Dialect.Access.READ_ONLY, ConnectionSettings.DEFAULT);
    }

    /** The dialect tells a missing table from another error; without one, every error is "could not be read". */
    private Dialect dialectOf(Connection connection) {
        try {
            return Dialects.forUrl(url != null ? url : connection.getMetaData().getURL());
        } catch (SQLException | RuntimeException e) {
            return null;
        }
    }

    private static String firstLine(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse("").trim();
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // The check's answer is already known; a failed close is the pool's business.
            }
        }
    }

    private static Duration positive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("DataPathProbe: " + name + " must be positive, not " + d);
        }
        return d;
    }

    /**
     * One check's answer.
     *
     * @param up        every canary table exists with at least min_rows rows
     * @param reason    why it is down (the first canary that failed, or the connection error); empty when up
     * @param canaries  each canary's status, in order; empty when the database could not be reached
     * @param elapsed   how long the check took
     */
    public record Result(boolean up, String reason, List<CanaryStatus> canaries, Duration elapsed) {
        public Result {
            canaries = List.copyOf(canaries);
        }
    }

    /**
     * One canary's status.
     *
     * @param table    the table
     * @param minRows  the rows it must have
     * @param rows     rows counted, up to min_rows (counting stops there)
     * @param ok       it exists and has at least min_rows rows
     * @param reason   why not, naming the table; empty when ok
     */
    public record CanaryStatus(String table, long minRows, long rows, boolean ok, String reason) {
    }
}
