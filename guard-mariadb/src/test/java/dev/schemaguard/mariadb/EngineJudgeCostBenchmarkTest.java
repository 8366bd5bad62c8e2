package dev.schemaguard.mariadb;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.spi.Dialect.AdvanceJudge;
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
 * What the second judge costs per applied migration on MariaDB: the rehearsal of one ALTER TABLE ADD COLUMN
 * (a scratch database, the copies of the table and of its foreign key's parent, the evidence before and
 * after, the statement itself, dropping the scratch database), on a database of 50 tables (8 columns, a
 * primary key, an index, a foreign key to the previous table and 1,000 rows each), next to the statement
 * alone. Not part of the test run: {@code -Dbench.engineJudge=true}.
 */
@EnabledIfSystemProperty(named = "bench.engineJudge", matches = "true")
class EngineJudgeCostBenchmarkTest {
    static final int TABLES = 50;
    static final int RUNS = 101;
    static final String ADD = "ALTER TABLE t7 ADD COLUMN added TEXT, ALGORITHM=INSTANT";

    @Test
    void medianCostOfTheEngineJudgePerAppliedMigration() throws Exception {
        MariaDbTestDatabase db = MariaDbServer.shared().newDatabase();
        for (int t = 0; t < TABLES; t++) {
            db.execute("CREATE TABLE t" + t + " (id BIGINT PRIMARY KEY, a VARCHAR(100), b VARCHAR(100), c INT, d DECIMAL(12,2),"
                    + " e DATETIME, f TEXT, parent BIGINT" + (t > 0 ? ", FOREIGN KEY (parent) REFERENCES t" + (t - 1) + " (id)" : "") + ")",
                    "CREATE INDEX t" + t + "_a ON t" + t + " (a)",
                    "INSERT INTO t" + t + " (id, a, c) SELECT seq, CONCAT('a', seq), seq FROM seq_1_to_1000");
        }
        AdvanceJudge judge = new MariaDbDialect().migrations().advanceJudge().orElseThrow();
        EngineJudge.Applied applied = new EngineJudge.Applied("bench", List.of(ADD), false);
        List<Long> judged = new ArrayList<>();
        List<Long> statementOnly = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("SET SESSION lock_wait_timeout = 5, innodb_lock_wait_timeout = 5, max_statement_time = 30");
            for (int run = 0; run < RUNS; run++) {
                long start = System.nanoTime();
                s.execute(ADD);
                statementOnly.add(System.nanoTime() - start);
                s.execute("ALTER TABLE t7 DROP COLUMN added");
                start = System.nanoTime();
                AdvanceJudge.Verdict verdict = judge.judge(c, RedTeamEngineRun.LIQUIBASE_LEDGER, applied);
                s.execute(ADD);
                judged.add(System.nanoTime() - start);
                assertTrue(verdict instanceof AdvanceJudge.Verdict.Additive, verdict.toString());
                s.execute("ALTER TABLE t7 DROP COLUMN added");
            }
        }
        System.out.printf("MariaDB %s, %d tables: one ADD COLUMN %.2f ms; with the engine's rehearsal %.2f ms; the judge's cost "
                + "%.2f ms per applied migration (median of %d)%n", MariaDbServer.VERSION, TABLES, Median.millis(statementOnly),
                Median.millis(judged), Median.millis(judged) - Median.millis(statementOnly), RUNS);
    }
}
