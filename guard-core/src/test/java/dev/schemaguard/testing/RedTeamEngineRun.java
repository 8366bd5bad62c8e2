package dev.schemaguard.testing;

import static org.junit.jupiter.api.Assertions.fail;

import dev.schemaguard.internal.sql.Classification;
import dev.schemaguard.internal.sql.MigrationClassifier;
import dev.schemaguard.internal.sql.SqlStatement;
import dev.schemaguard.internal.sql.SqlSupport;
import dev.schemaguard.internal.sql.StatementSplitter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A red-team corpus on a real engine: both judges must agree that every additive case is additive,
 * and the engine alone must refuse every case of the classes its evidence covers (an error counts:
 * nothing would commit), except those marked "[static only" in their source. Each dialect's module
 * runs its corpus with its own way of judging one case.
 */
public final class RedTeamEngineRun {
    private static final Pattern TRANSACTION_CONTROL = Pattern.compile(
            "(?i)^(BEGIN|START|COMMIT|END|ROLLBACK|SAVEPOINT|RELEASE|ABORT|PREPARE)\\b.*", Pattern.DOTALL);

    /** The guard's tables when it keeps Liquibase's ledger, as the red-team fixtures create them. */
    public static final dev.schemaguard.spi.Dialect.EngineJudge.GuardTables LIQUIBASE_LEDGER = new dev.schemaguard.spi.Dialect.EngineJudge.GuardTables(
            "databasechangelog", Set.of("databasechangelog", "databasechangeloglock"));

    /** Runs one case on the engine; returns why the engine refuses it (an error, or what changed), or null. */
    public interface CaseJudge {
        String verdict(RedTeamCorpus.Case rc, List<SqlStatement> executed, boolean outsideTransaction) throws Exception;
    }

    private RedTeamEngineRun() {
    }

    public static void assertJudgesAgree(RedTeamCorpus corpus, SqlSupport sql, Set<String> engineSees, CaseJudge judge)
            throws Exception {
        List<String> disagreements = new ArrayList<>();
        int refusedByEngine = 0;
        int unsafe = 0;
        for (RedTeamCorpus.Case rc : corpus.cases()) {
            Classification classification = MigrationClassifier.classify(StatementSplitter.split(rc.sql(), sql), sql,
                    corpus.view());
            String verdict = judge.verdict(rc, classification.executed(), classification.outsideTransaction());
            if (rc.additive() && verdict != null) {
                disagreements.add(rc.where() + " is additive, but the engine says: " + verdict);
            } else if (!rc.additive()) {
                unsafe++;
                refusedByEngine += verdict != null ? 1 : 0;
                if (verdict == null && engineSees.contains(rc.expected()) && !rc.source().contains("[static only")) {
                    disagreements.add(rc.where() + " (" + rc.expected() + ") ran and the engine saw nothing: " + rc.sql());
                }
            }
        }
        System.out.println(corpus.file() + " on the engine: the engine alone refused " + refusedByEngine + " of " + unsafe
                + " unsafe cases; " + disagreements.size() + " disagreements");
        if (!disagreements.isEmpty()) {
            fail(String.join("\n", disagreements));
        }
    }

    /** Runs a case's statements as the guard would, less transaction control (the test's transaction is the guard's). */
    public static String run(Connection c, List<SqlStatement> statements) {
        try (Statement s = c.createStatement()) {
            for (SqlStatement statement : statements) {
                if (!TRANSACTION_CONTROL.matcher(statement.text().strip()).matches()) {
                    s.execute(statement.text());
                }
            }
            return null;
        } catch (SQLException e) {
            return "error: " + e.getMessage().lines().findFirst().orElse("");
        }
    }

    /**
     * Runs a case's statements, tells the evidence they are done, and writes the ledger row as the
     * guard would; returns the first error, or null.
     */
    public static String runAndRecord(Connection c, dev.schemaguard.spi.Dialect.EngineJudge.Evidence evidence, RedTeamCorpus.Case rc,
                                      List<SqlStatement> statements) throws SQLException {
        String error = run(c, statements);
        if (error != null) {
            return error;
        }
        evidence.statementsDone(c);
        return writeLedgerRow(c, rc);
    }

    /** What the guard does next: its ledger row, by the unqualified name (a shadow would catch it). */
    public static String writeLedgerRow(Connection c, RedTeamCorpus.Case rc) {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO DATABASECHANGELOG (ID, AUTHOR, FILENAME,"
                + " DATEEXECUTED, ORDEREXECUTED, EXECTYPE) VALUES (?, 'redteam', ?, CURRENT_TIMESTAMP, 2, 'EXECUTED')")) {
            ps.setString(1, rc.where());
            ps.setString(2, rc.where());
            ps.executeUpdate();
            return null;
        } catch (SQLException e) {
            return "error: " + e.getMessage().lines().findFirst().orElse("");
        }
    }
}
