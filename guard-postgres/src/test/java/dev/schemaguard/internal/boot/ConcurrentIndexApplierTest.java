package dev.schemaguard.internal.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.Code;
import dev.schemaguard.ConnectionSettings;
import dev.schemaguard.internal.changelog.SqlFileMigration;
import dev.schemaguard.internal.ledger.ActiveLedger;
import dev.schemaguard.internal.sql.SqlStatement;
import dev.schemaguard.internal.sql.StatementSplitter;
import dev.schemaguard.internal.time.NanoClock;
import dev.schemaguard.postgres.PostgresDialect;
import dev.schemaguard.postgres.PostgresServer;
import dev.schemaguard.postgres.PostgresTestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Applier's outside-a-transaction path on a real server, driven directly with a migration
 * planned as {@code outsideTransaction} (what the PostgreSQL classifier decides for CREATE INDEX
 * CONCURRENTLY), so that it is proven independently of which classifier is on the class path.
 */
class ConcurrentIndexApplierTest {
    private final PostgresDialect dialect = new PostgresDialect();
    private PostgresTestDatabase db;
    private Applier applier;

    @BeforeEach
    void setUp() throws Exception {
        db = PostgresServer.defaultMajor().newDatabase();
        db.execute("CREATE TABLE accounts (id INTEGER, email TEXT)",
                "INSERT INTO accounts VALUES (1, 'a@example.com'), (2, 'a@example.com'), (3, 'c@example.com')");
        MigrationStatements statements = new MigrationStatements(dialect.sql(), "postgresql");
        applier = new Applier(dialect, statements, new Interrupter(), "test", () -> Duration.ofSeconds(30),
                ConnectionSettings.DEFAULT, ActiveLedger.liquibase(statements::liquibase), NanoClock.system());
    }

    @Test
    void aConcurrentIndexBuild_runsOutsideATransaction_andItsLedgerRowFollows() throws Exception {
        PlannedMigration planned = outside("010_email_index.sql", "CREATE INDEX CONCURRENTLY IF NOT EXISTS accounts_email ON accounts (email);");

        try (Connection c = db.connect()) {
            assertTrue(applier.apply(c, planned));
            assertTrue(c.getAutoCommit(), "the connection is left in autocommit");
        }

        assertEquals(List.of("010_email_index.sql"), db.ledger());
        assertEquals(List.of("true"), db.column("SELECT i.indisvalid::text FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                + " WHERE c.relname = 'accounts_email'"));
    }

    @Test
    void aFailedConcurrentBuild_hasItsInvalidIndexDropped_andTheFailureSaysSo() throws Exception {
        PlannedMigration planned = outside("011_unique_email.sql", "CREATE UNIQUE INDEX CONCURRENTLY accounts_email_key ON accounts (email);");

        SQLException error;
        try (Connection c = db.connect()) {
            error = assertThrows(SQLException.class, () -> applier.apply(c, planned));
        }
        Failure failure = applier.failureOf(planned, error);

        assertEquals(Code.MIGRATION_FAILED, failure.code());
        assertEquals("011_unique_email.sql", failure.details().get("migration"));
        assertTrue(failure.details().get("reason").contains("could not create unique index"), failure.details().get("reason"));
        assertTrue(failure.message().contains("the invalid index public.accounts_email_key that the failed concurrent build left was dropped"),
                failure.message());
        assertEquals(List.of(), db.column("SELECT relname FROM pg_class WHERE relname = 'accounts_email_key'"), "no invalid index is left");
        assertEquals(List.of(), db.ledger(), "no ledger row for a failed migration");
    }

    @Test
    void aConcurrentBuildAlreadyInTheLedger_isNotRunAgain() throws Exception {
        PlannedMigration planned = outside("010_email_index.sql", "CREATE INDEX CONCURRENTLY accounts_email ON accounts (email);");
        try (Connection c = db.connect()) {
            assertTrue(applier.apply(c, planned));
            assertEquals(false, applier.apply(c, planned), "a second replica finds it in the ledger and skips it");
        }
        assertEquals(List.of("010_email_index.sql"), db.ledger());
    }

    private static PlannedMigration outside(String name, String sql) {
        SqlFileMigration migration = new SqlFileMigration(name, Path.of(name), sql, "0".repeat(64));
        List<SqlStatement> statements = StatementSplitter.split(sql, new PostgresDialect().sql());
        return new PlannedMigration(migration, PlannedMigration.Decision.APPLY, false, "", List.of(), statements, true);
    }
}
