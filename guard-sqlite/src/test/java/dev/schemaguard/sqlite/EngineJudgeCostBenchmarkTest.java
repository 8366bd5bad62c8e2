package dev.schemaguard.sqlite;

import dev.schemaguard.ConnectionSettings;
import dev.schemaguard.spi.Dialect.Access;
import dev.schemaguard.spi.Dialect.EngineJudge;
import dev.schemaguard.testing.Median;
import dev.schemaguard.testing.RedTeamEngineRun;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the second judge costs per applied migration on SQLite: the evidence before and after one
 * ALTER TABLE ADD COLUMN, in the migration's transaction, on a database of 50 tables (8 columns, an
 * index and 1,000 rows each). Not part of the test run: {@code -Dbench.engineJudge=true}.
 */
@EnabledIfSystemProperty(named = "bench.engineJudge", matches = "true")
class EngineJudgeCostBenchmarkTest {
    static final int TABLES = 50;
    static final int RUNS = 101;

    @TempDir
    Path dir;

    @Test
    void medianCostOfTheEngineJudgePerAppliedMigration() throws Exception {
        SqliteDialect dialect = new SqliteDialect();
        String url = "jdbc:sqlite:" + dir.resolve("bench.db");
        try (Connection c = dialect.database(url).open(Access.CREATE, ConnectionSettings.DEFAULT); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            for (int t = 0; t < TABLES; t++) {
                s.execute("CREATE TABLE t" + t + " (id INTEGER PRIMARY KEY, a TEXT, b TEXT, c INTEGER, d REAL, e TEXT, f BLOB, g TEXT)");
                s.execute("CREATE INDEX t" + t + "_a ON t" + t + " (a)");
                s.execute("WITH RECURSIVE n(v) AS (SELECT 1 UNION ALL SELECT v + 1 FROM n WHERE v < 1000) INSERT INTO t" + t + " (a, b, c) SELECT 'a' || v, 'b', v FROM n");
            }
            c.commit();
        }
        EngineJudge judge = dialect.migrations().engineJudge().orElseThrow();
        List<Long> judged = new ArrayList<>();
        List<Long> statementOnly = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            try (Connection c = dialect.database(url).open(Access.READ_WRITE, ConnectionSettings.DEFAULT); Statement s = c.createStatement()) {
                c.setAutoCommit(false);
                long start = System.nanoTime();
                s.execute("ALTER TABLE t7 ADD COLUMN added_" + run + " TEXT");
                statementOnly.add(System.nanoTime() - start);
                c.rollback();
                start = System.nanoTime();
                try (EngineJudge.Evidence evidence = judge.before(c, RedTeamEngineRun.LIQUIBASE_LEDGER)) {
                    s.execute("ALTER TABLE t7 ADD COLUMN added_" + run + " TEXT");
                    evidence.changes(c, new EngineJudge.Applied("bench", List.of(), false), false);
                }
                judged.add(System.nanoTime() - start);
                c.rollback();
            }
        }
        System.out.printf("SQLite, %d tables: one ADD COLUMN %.2f ms; with the engine's evidence %.2f ms; the judge's cost "
                + "%.2f ms per applied migration (median of %d)%n", TABLES, Median.millis(statementOnly), Median.millis(judged),
                Median.millis(judged) - Median.millis(statementOnly), RUNS);
    }
}
