package dev.schemaguard.postgres;

import dev.schemaguard.ConnectionSettings;
import dev.schemaguard.internal.changelog.SqlFileMigration;
import dev.schemaguard.internal.ledger.LedgerTable;
import dev.schemaguard.internal.ledger.ProgressTable;
import dev.schemaguard.internal.liquibase.LiquibaseSql;
import dev.schemaguard.spi.Dialect.Access;
import dev.schemaguard.spi.Dialect.ApplyLock;
import dev.schemaguard.spi.Dialect.EngineJudge;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The apply phase of one boot on PostgreSQL, step for step as the Applier runs it, with one engine judge
 * for all its migrations: the apply lock held on the boot's connection throughout, the statement limits
 * set again before each migration (from a budget that shrinks), and in each migration's transaction the
 * ledger created if missing, read, the evidence taken, the statements run, the guard's ledger row
 * written, and the changes asked for with {@code ledgerRowWritten = true}; committed when clean, else
 * rolled back. The ledger row matters to the judge: its evidence must tell the guard's write from the
 * migration's, and it finds the ledger by name, so the boot is judged with the ledger a real boot has.
 */
final class JudgedBoot implements AutoCloseable {
    /** What the Applier passes as the guard's tables when it keeps Liquibase's ledger. */
    private static final EngineJudge.GuardTables GUARD_TABLES = new EngineJudge.GuardTables(LedgerTable.NAME,
            Set.of(LedgerTable.NAME, LedgerTable.NAME + "lock", ProgressTable.NAME));
    private static List<String> ledgerDdl;

    /** Something another session does at a chosen moment inside a migration. */
    interface Interlude {
        void run() throws SQLException;
    }

    private final PostgresDialect dialect = new PostgresDialect();
    private final Connection connection;
    private final EngineJudge judge;
    private final ApplyLock lock;
    private int migrations;

    private JudgedBoot(Connection connection, EngineJudge judge, int migrations) throws SQLException {
        this.connection = connection;
        this.judge = judge;
        this.migrations = migrations;
        this.lock = dialect.migrations().lock(connection, Duration.ofSeconds(10));
    }

    /** A boot on a connection opened as the guard opens it, from a URL that may carry the user's options. */
    static JudgedBoot start(String url) throws SQLException {
        return new JudgedBoot(open(url), new PostgresDialect().migrations().engineJudge().orElseThrow(), 0);
    }

    /**
     * This boot's judge, carried on over a new connection (this one closed): no Applier does that, but a
     * judge must not take what it knew of one session's statistics for another's.
     */
    JudgedBoot continueOnNewConnection(String url) throws SQLException {
        close();
        return new JudgedBoot(open(url), judge, migrations);
    }

    private static Connection open(String url) throws SQLException {
        return new PostgresDialect().database(url).open(Access.CREATE, ConnectionSettings.DEFAULT);
    }

    /** One migration in its transaction; returns what the engine objects to (empty: it committed). */
    List<String> migrate(String... statements) throws SQLException {
        return migrate(() -> { }, statements);
    }

    /**
     * The same, with {@code afterEvidence} run once the evidence was taken and before the statements:
     * where another session's commit lands in the middle of the migration.
     */
    List<String> migrate(Interlude afterEvidence, String... statements) throws SQLException {
        return inTransaction(nextMigration(), afterEvidence, List.of(statements), false);
    }

    /**
     * A migration that must run outside a transaction (CREATE INDEX CONCURRENTLY), as the Applier runs
     * it: judged in autocommit around its statements, then its ledger row in a transaction of its own,
     * judged again. Returns the first judgment's objections, or the second's.
     */
    List<String> migrateOutsideTransaction(String... statements) throws SQLException {
        String name = nextMigration();
        List<String> changes;
        connection.setAutoCommit(true);
        try (EngineJudge.Evidence evidence = judge.before(connection, GUARD_TABLES)) {
            execute(List.of(statements));
            changes = evidence.changes(connection, new EngineJudge.Applied(name, List.of(statements), true), false);
        }
        return changes.isEmpty() ? inTransaction(name, () -> { }, List.of(statements), true) : changes;
    }

    /** The migration's transaction, committed when the engine objects to nothing, else rolled back. */
    private List<String> inTransaction(String name, Interlude afterEvidence, List<String> statements, boolean ranOutsideTransaction)
            throws SQLException {
        dialect.migrations().begin(connection, Duration.ofSeconds(10));
        try {
            List<String> changes = applyInTransaction(name, afterEvidence, statements, ranOutsideTransaction);
            if (changes.isEmpty()) {
                connection.commit();
            } else {
                connection.rollback();
            }
            return changes;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** The boot's own connection, for what a user set on it before the boot. */
    Connection connection() {
        return connection;
    }

    private String nextMigration() throws SQLException {
        migrations++;
        // The Applier sets both limits before each migration, from what is left of the boot's budget.
        Duration statementTimeout = Duration.ofSeconds(30).minusMillis(37L * migrations);
        dialect.migrations().limitStatements(connection, statementTimeout.multipliedBy(9).dividedBy(10), statementTimeout);
        return String.format("%03d_migration.sql", migrations);
    }

    private List<String> applyInTransaction(String name, Interlude afterEvidence, List<String> statements,
                                            boolean ranOutsideTransaction) throws SQLException {
        Set<String> objects = dialect.catalog().objects(connection);
        if (LedgerTable.existsIn(objects)) {
            if (LedgerTable.contains(connection, name)) {
                throw new IllegalStateException(name + " is already in the ledger");
            }
        } else {
            LedgerTable.create(connection, ledgerDdl());
        }
        try (EngineJudge.Evidence evidence = judge.before(connection, GUARD_TABLES)) {
            afterEvidence.run();
            if (!ranOutsideTransaction) {
                execute(statements);
            }
            evidence.statementsDone(connection);
            String script = String.join(";\n", statements);
            LedgerTable.insert(connection, new SqlFileMigration(name, Path.of(name), script, "0".repeat(64)),
                    "9:00000000000000000000000000000000", "sql", "test");
            List<String> changes = new ArrayList<>(evidence.changes(connection,
                    new EngineJudge.Applied(name, statements, ranOutsideTransaction), true));
            if (!LedgerTable.contains(connection, name)) {
                changes.add("the ledger row of " + name + " is not visible in " + LedgerTable.NAME);
            }
            return changes;
        }
    }

    private void execute(List<String> statements) throws SQLException {
        for (String sql : statements) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
        }
    }

    /** Liquibase's own DDL for the ledger, as the guard creates it; Liquibase starts once per test JVM. */
    private static synchronized List<String> ledgerDdl() {
        if (ledgerDdl == null) {
            ledgerDdl = LiquibaseSql.forDialect("postgresql").ledgerTableDdl();
        }
        return ledgerDdl;
    }

    @Override
    public void close() throws SQLException {
        try (connection) {
            lock.close();
        }
    }
}
