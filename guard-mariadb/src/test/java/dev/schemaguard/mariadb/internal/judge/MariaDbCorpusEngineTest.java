package dev.schemaguard.mariadb.internal.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.internal.sql.LabelledCorpus;
import dev.schemaguard.internal.sql.StatementSplitter;
import dev.schemaguard.mariadb.MariaDbServer;
import dev.schemaguard.mariadb.MariaDbTestDatabase;
import dev.schemaguard.mariadb.internal.sql.MariaDbSql;
import dev.schemaguard.spi.Dialect.AdvanceJudge.Verdict;
import dev.schemaguard.spi.Dialect.EngineJudge;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The MariaDB corpus on a real server, judged by the engine alone (the rehearsal on a scratch copy), each
 * case on a fresh connection bounded as the guard bounds a migration, against the corpus's {@code @fixture}.
 * The fixture is never changed (every case only rehearses), and no scratch database is left.
 *
 * <p>The corpus was written for the classifier, and some of its additive cases cannot run on any server as
 * written (a default longer than its column, a database that does not exist, two cases that add and read
 * the same column): a case that fails on the copy and fails the same way when run for real on a fresh copy
 * of the fixture is not the judge's to pass, and is counted apart.
 */
class MariaDbCorpusEngineTest {
    private static final EngineJudge.GuardTables LEDGER = new EngineJudge.GuardTables("databasechangelog",
            Set.of("databasechangelog", "databasechangeloglock", "schema_guard_progress"));

    private final RehearsalJudge judge = new RehearsalJudge();
    private LabelledCorpus.Corpus corpus;
    private MariaDbTestDatabase db;
    private String before;

    @BeforeEach
    void fixture() throws Exception {
        corpus = LabelledCorpus.load("mariadb.corpus", 300);
        db = MariaDbServer.shared().newDatabase();
        db.execute(fixtureStatements().toArray(String[]::new));
        before = db.schemaDump();
    }

    /** None of the additive cases is refused as not additive, and at least 95% of those that can run pass. */
    @Test
    void theEngineAcceptsTheAdditiveCases() throws Exception {
        List<String> passed = new ArrayList<>();
        List<String> notJudged = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        List<String> failedOnTheCopy = new ArrayList<>();
        List<String> failsForReal = new ArrayList<>();
        for (LabelledCorpus.Entry entry : corpus.entries()) {
            if (!entry.expected().equals("additive")) {
                continue;
            }
            Verdict verdict = rehearse(entry.sql());
            String where = entry.source() + ":" + entry.line() + " " + entry.sql().strip().replace('\n', ' ') + " => " + verdict;
            if (verdict instanceof Verdict.Failed failed && failsTheSameForReal(entry.sql(), failed)) {
                failsForReal.add(where);
            } else {
                (verdict instanceof Verdict.Additive ? passed : verdict instanceof Verdict.NotJudged ? notJudged
                        : verdict instanceof Verdict.NotAdditive ? refused : failedOnTheCopy).add(where);
            }
        }
        int runnable = passed.size() + notJudged.size() + refused.size() + failedOnTheCopy.size();
        System.out.printf("mariadb.corpus on the engine: %d of %d additive cases that run pass the judge (%.1f%%); not judged %d, "
                        + "failed on the copy only %d, refused %d; %d more fail for real as written (%d additive cases in all)%n",
                passed.size(), runnable, 100.0 * passed.size() / runnable, notJudged.size(), failedOnTheCopy.size(),
                refused.size(), failsForReal.size(), runnable + failsForReal.size());
        notJudged.forEach(c -> System.out.println("  not judged: " + c));
        failedOnTheCopy.forEach(c -> System.out.println("  failed on the copy only: " + c));
        failsForReal.forEach(c -> System.out.println("  fails for real as written: " + c));

        assertEquals(List.of(), refused, "additive cases the engine refuses as not additive");
        assertTrue(passed.size() * 100 >= runnable * 95, passed.size() + " of " + runnable + " additive cases pass the judge");
        assertNothingChanged();
    }

    /**
     * The unsafe cases, rehearsed: however unsafe, a rehearsal never changes the real database and leaves no
     * scratch database; how many the engine alone refuses is printed. About a minute, so not part of the
     * test run: {@code -Djudge.corpus.unsafe=true}.
     */
    @Test
    @EnabledIfSystemProperty(named = "judge.corpus.unsafe", matches = "true")
    void theUnsafeCases_neverChangeTheRealDatabase() throws Exception {
        int unsafe = 0;
        int refused = 0;
        int notJudged = 0;
        int failed = 0;
        for (LabelledCorpus.Entry entry : corpus.entries()) {
            if (entry.expected().equals("additive")) {
                continue;
            }
            Verdict verdict = rehearse(entry.sql());
            unsafe++;
            refused += verdict instanceof Verdict.NotAdditive ? 1 : 0;
            notJudged += verdict instanceof Verdict.NotJudged ? 1 : 0;
            failed += verdict instanceof Verdict.Failed ? 1 : 0;
        }
        System.out.printf("mariadb.corpus on the engine: of %d unsafe cases the engine alone refuses %d, does not judge %d, "
                + "sees fail on the copy %d (the classifier refuses every one of them)%n", unsafe, refused, notJudged, failed);
        assertNothingChanged();
    }

    private void assertNothingChanged() throws SQLException {
        assertEquals(before, db.schemaDump(), "a rehearsal never changes the real database");
        assertEquals(List.of(), MariaDbServer.shared().scratchDatabases());
    }

    private Verdict rehearse(String sql) throws SQLException {
        try (Connection c = db.connect()) {
            try (Statement limits = c.createStatement()) { // as the guard bounds every migration
                limits.execute("SET SESSION lock_wait_timeout = 2, innodb_lock_wait_timeout = 2, max_statement_time = 5");
            }
            return judge.judge(c, LEDGER, new EngineJudge.Applied("case", statements(sql), false));
        }
    }

    /** Whether the case, run for real on a fresh copy of the fixture, fails at the same statement with the same error. */
    private static boolean failsTheSameForReal(String sql, Verdict.Failed failed) throws Exception {
        MariaDbTestDatabase fresh = MariaDbServer.shared().newDatabase();
        fresh.execute(fixtureStatements().toArray(String[]::new));
        List<String> statements = statements(sql);
        try (Connection c = fresh.connect(); Statement s = c.createStatement()) {
            for (int i = 0; i < statements.size(); i++) {
                try {
                    s.execute(statements.get(i));
                } catch (SQLException e) {
                    return i == failed.statement() && e.getErrorCode() == failed.error().getErrorCode();
                }
            }
            return false;
        }
    }

    private static List<String> statements(String sql) {
        return StatementSplitter.split(sql, new MariaDbSql()).stream().map(s -> s.text()).toList();
    }

    /** The corpus's {@code @fixture} lines: the objects its {@code @before} names, with a few rows. */
    private static List<String> fixtureStatements() throws IOException {
        try (InputStream in = MariaDbCorpusEngineTest.class.getResourceAsStream("/classifier/mariadb.corpus")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("@fixture "))
                    .map(l -> l.substring("@fixture ".length())).toList();
        }
    }
}
