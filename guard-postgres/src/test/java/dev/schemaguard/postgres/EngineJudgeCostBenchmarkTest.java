package dev.schemaguard.postgres;

import dev.schemaguard.spi.Dialect.EngineJudge;
import dev.schemaguard.testing.Median;
import dev.schemaguard.testing.RedTeamEngineRun;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * What the second judge costs per applied migration on PostgreSQL: the catalog evidence before and
 * after one ALTER TABLE ADD COLUMN, in the migration's transaction, on a database of 50 tables (8
 * columns, a primary key, an index, a foreign key and 1,000 rows each). Not part of the test run:
 * {@code -Dbench.engineJudge=true}.
 */
@EnabledIfSystemProperty(named = "bench.engineJudge", matches = "true")
class EngineJudgeCostBenchmarkTest {
    static final int TABLES = 50;
    static final int RUNS = 101;

    @Test
    void medianCostOfTheEngineJudgePerAppliedMigration() throws Exception {
        PostgresTestDatabase db = PostgresServer.defaultMajor().newDatabase();
        for (int t = 0; t < TABLES; t++) {
            db.execute("CREATE TABLE t" + t + " (id bigint PRIMARY KEY, a text, b text, c int, d numeric, e timestamptz,"
                    + " f jsonb, parent bigint" + (t > 0 ? " REFERENCES t" + (t - 1) + " (id)" : "") + ")",
                    "CREATE INDEX t" + t + "_a ON t" + t + " (a)",
                    "INSERT INTO t" + t + " (id, a, c) SELECT g, 'a' || g, g FROM generate_series(1, 1000) g");
        }
        EngineJudge judge = new PostgresDialect().migrations().engineJudge().orElseThrow();
        List<Long> judged = new ArrayList<>();
        List<Long> statementOnly = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            for (int run = 0; run < RUNS; run++) {
                long start = System.nanoTime();
                s.execute("ALTER TABLE t7 ADD COLUMN added text");
                statementOnly.add(System.nanoTime() - start);
                c.rollback();
                start = System.nanoTime();
                try (EngineJudge.Evidence evidence = judge.before(c, RedTeamEngineRun.LIQUIBASE_LEDGER)) {
                    s.execute("ALTER TABLE t7 ADD COLUMN added text");
                    evidence.changes(c, new EngineJudge.Applied("bench", List.of(), false), false);
                }
                judged.add(System.nanoTime() - start);
                c.rollback();
            }
        }
        System.out.printf("PostgreSQL %s, %d tables: one ADD COLUMN %.2f ms; with the engine's evidence %.2f ms; the judge's "
                + "cost %.2f ms per applied migration (median of %d)%n", db.column("SHOW server_version").get(0), TABLES,
                Median.millis(statementOnly), Median.millis(judged), Median.millis(judged) - Median.millis(statementOnly), RUNS);
    }
}
