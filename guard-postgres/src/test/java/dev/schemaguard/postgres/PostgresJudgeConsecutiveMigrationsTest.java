package dev.schemaguard.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One engine judge serves every migration of a boot. Reading the whole catalog before and after each
 * migration is slow, so the judge may take one migration's "after" as the next one's "before" when no
 * other transaction committed in between, and read after a migration only the catalog rows its own
 * transaction wrote. These are the cases where such shortcuts would lie: another session's commits
 * between or during migrations, an earlier migration of the same boot whose work a later one undoes,
 * changes that write no catalog row of their own (a rename seen through another object's name, a
 * shadowing by search_path, rows, settings, locks), deletions, and subtransactions. Each test runs the
 * boot's migrations on one connection with one judge, as the Applier does ({@link JudgedBoot}).
 */
class PostgresJudgeConsecutiveMigrationsTest {
    private static final String[] FIXTURE = {
        "CREATE TYPE mood AS ENUM ('happy', 'sad')",
        "CREATE SEQUENCE kept_serial",
        "CREATE TABLE kept (id int PRIMARY KEY, name text NOT NULL DEFAULT 'anonymous',"
                + " code int CONSTRAINT kept_code_positive CHECK (code > 0), mood mood, serial_no bigint DEFAULT nextval('kept_serial'))",
        "CREATE INDEX kept_name ON kept (name)",
        "INSERT INTO kept (id, name, code) VALUES (1, 'one', 1)",
        "CREATE VIEW kept_names AS SELECT name FROM kept",
        "GRANT SELECT ON kept_names TO PUBLIC",
        "CREATE FUNCTION kept_touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$",
        "CREATE TRIGGER kept_audit BEFORE UPDATE ON kept FOR EACH ROW EXECUTE FUNCTION kept_touch()",
        // an old helper whose EXCEPTION clause runs its DDL in a subtransaction when a migration calls it
        "CREATE FUNCTION tidy_kept() RETURNS void LANGUAGE plpgsql AS"
                + " $$BEGIN ALTER TABLE kept RENAME COLUMN serial_no TO serial; EXCEPTION WHEN others THEN NULL; END$$",
        "CREATE SCHEMA billing",
        "CREATE TABLE billing.invoices (id int PRIMARY KEY)",
        "CREATE TABLE events (at date NOT NULL) PARTITION BY RANGE (at)",
        "CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
        "CREATE DOMAIN score AS int NOT NULL DEFAULT 1 CONSTRAINT score_positive CHECK (VALUE > 0)",
        "CREATE TYPE pair AS (a int, b int)",
        "CREATE TABLE typed (id int PRIMARY KEY, s score, p pair)",
        "INSERT INTO typed VALUES (1, 3, (1, 2))",
        "CREATE PUBLICATION invoices_feed FOR TABLE billing.invoices",
        "CREATE FUNCTION same(int, int) RETURNS bool LANGUAGE sql AS 'SELECT $1 = $2'",
        "CREATE OPERATOR === (LEFTARG = int, RIGHTARG = int, FUNCTION = same)",
        "CREATE FUNCTION text_pair(text) RETURNS pair LANGUAGE sql AS 'SELECT (1, 2)::pair'",
        "CREATE CAST (text AS pair) WITH FUNCTION text_pair(text)",
    };

    /** How often, at most, a PostgreSQL 14 session sends its table statistics (PGSTAT_STAT_INTERVAL). */
    private static final long STATISTICS_INTERVAL_MS = 500;

    private PostgresTestDatabase db;

    /** The server the cases run on; {@link PostgresJudgeConsecutiveMigrations17Test} runs them on the newer major. */
    PostgresServer server() {
        return PostgresServer.defaultMajor();
    }

    @BeforeEach
    void createDatabase() throws SQLException {
        db = server().newDatabase();
        db.execute(FIXTURE);
    }

    // ---- another session between two migrations of the boot ----

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "CREATE TABLE other_table (id int)                       | DROP TABLE other_table                          | relation public.other_table was dropped",
        "ALTER TABLE kept ADD COLUMN extra text                  | ALTER TABLE kept DROP COLUMN extra              | column kept.extra changed: name kept.extra -> kept.........pg.dropped.",
        "CREATE INDEX kept_code ON kept (code)                   | DROP INDEX kept_code                            | relation public.kept_code was dropped",
        "CREATE TRIGGER kept_watch AFTER INSERT ON kept FOR EACH ROW EXECUTE FUNCTION kept_touch() | DROP TRIGGER kept_watch ON kept | trigger kept_watch was dropped",
        "CREATE POLICY kept_mine ON kept USING (true)            | DROP POLICY kept_mine ON kept                   | policy kept_mine was dropped",
        "CREATE RULE kept_quiet AS ON DELETE TO kept DO INSTEAD NOTHING | DROP RULE kept_quiet ON kept             | rule kept_quiet was dropped",
        "CREATE SCHEMA extra                                     | DROP SCHEMA extra                               | schema extra was dropped",
        "CREATE TYPE colour AS ENUM ('red')                      | DROP TYPE colour                                | enum label red was dropped",
        "CREATE FUNCTION other_fn() RETURNS int LANGUAGE sql AS 'SELECT 1' | DROP FUNCTION other_fn()              | function public.other_fn() was dropped",
        "GRANT SELECT ON kept TO PUBLIC                          | REVOKE SELECT ON kept FROM PUBLIC               | relation public.kept changed: acl",
        "ALTER TABLE kept ALTER COLUMN mood SET DEFAULT 'happy'  | ALTER TABLE kept ALTER COLUMN mood DROP DEFAULT | column kept.mood changed: default 'happy'::mood -> ",
        "ALTER TABLE kept ADD CONSTRAINT kept_id_positive CHECK (id > 0) | ALTER TABLE kept DROP CONSTRAINT kept_id_positive | constraint kept_id_positive was dropped",
        "CREATE TABLE other_table (id int)                       | ALTER TABLE other_table RENAME TO renamed       | relation public.other_table changed: name public.other_table -> public.renamed",
        "CREATE VIEW other_view AS SELECT 1 AS one               | CREATE OR REPLACE VIEW other_view AS SELECT 2 AS one | relation public.other_view changed: query",
    })
    void whatAnotherSessionCommittedBetweenMigrations_isSeenWhenTheNextOneUndoesIt(String others, String migration,
                                                                                    String change) throws SQLException {
        try (JudgedBoot boot = JudgedBoot.start(db.url())) {
            warmUp(boot);
            db.execute(others);
            assertReports(boot.migrate(migration), change);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "ALTER TABLE kept DROP COLUMN mood",
        "ALTER TABLE kept RENAME TO kept_old",
        "ALTER TABLE kept RENAME COLUMN serial_no TO serial",
        "ALTER TYPE mood RENAME TO feeling",
        "ALTER SEQUENCE kept_serial RENAME TO kept_numbers",
        "ALTER SCHEMA billing RENAME TO accounts",
        "DROP TABLE billing.invoices",
        "DROP TRIGGER kept_audit ON kept",
        "GRANT SELECT ON kept TO PUBLIC",
        "INSERT INTO kept (id, name) VALUES (2, 'two')",
        "ALTER TABLE kept ALTER COLUMN code TYPE bigint",
    })
    void whatAnotherSessionCommittedBetweenMigrations_isNotBlamedOnTheNextOne(String others) throws SQLException {
        try (JudgedBoot boot = JudgedBoot.start(db.url())) {
            warmUp(boot);
            db.execute(others);
            assertEquals(List.of(), boot.migrate("CREATE TABLE second (id int)"));
            assertEquals(List.of(), boot.migrate("ALTER TABLE second ADD COLUMN note text"));
        }
    }

    @Test
    void anotherSessionsTransactionThatRolledBack_changesNothing_andWhatItUndidIsStillSeenLater() throws SQLException {
        try (JudgedBoot boot = JudgedBoot.start(db.url()); Connection other = db.connect()) {
            warmUp(boot);
            other.setAutoCommit(false);
            try (Statement s = other.createStatement()) {
                s.execute("ALTER TABLE kept DROP COLUMN mood");
                s.execute("CREATE TABLE ghost (id int)");
            }
            other.rollback();
            assertEquals(List.of(), boot.migrate("CREATE TABLE second (id int)"));
            assertReports(boot.migrate("ALTER TABLE kept DROP COLUMN mood"), "column kept.mood changed:");
        }
    }

    // ---- another session's transaction that straddles a migration ----

    /**
     * Another session's transaction is in progress while migration 2's evidence is taken, and commits
     * right after, before migration 2's statements, which drop its table. Today's judge reports nothing:
     * the table was not there when the evidence was taken, and is gone afterwards, so to the evidence
     * it never existed. That window is the evidence's, not a shortcut's (a full reading at the same
     * moment sees the same); this asserts today's behaviour so that a change to it is a decision.
     */
    @Test
    void aTableCommittedAfterTheEvidenceWasTaken_andDroppedByTheMigration_isNotSeenToday() throws SQLException {
        try (JudgedBoot boot = JudgedBoot.start(db.url()); Connection other = db.connect()) {
            warmUp(boot);
            other.setAutoCommit(false);
            try (Statement s = other.createStatement()) {
                s.execute("CREATE TABLE late (id int)");
            }
            assertEquals(List.of(), boot.migrate(other::commit, "DROP TABLE late"));
            assertEquals(List.of(), db.column("SELECT relname FROM pg_class WHERE relname = 'late'"), "the drop committed");
        }
    }

    /**
     * Another session's transaction was in progress (its xid assigned) all through migration 1, and
     * commits between migration 1 and 2: no new transaction began in between, but one ended. A proof
     * of "nothing committed" that only compares where the xid counter stands would take migration 1's
     * "after" (without the table) as migration 2's "before" and miss the drop.
     */
    @Test
    void aTransactionInProgressThroughAMigration_thatCommitsBeforeTheNext_isSeenWhenTheNextDropsItsTable() throws SQLException {
        try (JudgedBoot boot = JudgedBoot.start(db.url()); Connection other = db.connect()) {
            warmUp(boot);
            other.setAutoCommit(false);
            try (Statement s = other.createStatement()) {
                s.execute("CREATE TABLE straddling (id int)");
            }
            assertEquals(List.of(), boot.migrate("CREATE TABLE second (id int)"));
            other.commit();
            assertReports(boot.migrate("DROP TABLE straddling"), "relation public.straddling was dropped");
        }
    }

    /**
     * Another session commits a table in the middle of migration 2 (after its evidence was taken): the
     * table is new to migration 2, which is additive. Nothing commits between migration 2 and 3, so
     * migration 3 may start from migration 2's "after": that reading must hold the other session's
     * table (a reading of only migration 2's own catalog rows would not), or its drop goes unseen.
     */
    @Test
    void aTableCommittedDuringAMigration_isSeenWhenTheNextDropsIt() throws SQLException {
        try (JudgedBoot boot = JudgedBoot.start(db.url())) {
            warmUp(boot);
            assertEquals(List.of(), boot.migrate(() -> db.execute("CREATE TABLE midway (id int)"), "CREATE TABLE second (id int)"));
            assertReports(boot.migrate("DROP TABLE midway"), "relation public.midway was dropped");
        }
    }

    @Test
    void aColumnAddedByAnotherSessionDuringAMigration_isSeenWhenTheNextDropsIt() throws SQLException {
        try (JudgedBoot boot = JudgedBoot.start(db.url())) {
            warmUp(boot);
            assertEquals(List.of(), boot.migrate(() -> db.execute("ALTER TABLE billing.invoices ADD COLUMN total int"),
                    "CREATE TABLE second (id int)"));
            assertReports(boot.migrate("ALTER TABLE billing.invoices DROP COLUMN total"), "column invoices.total changed:");
        }
    }

    // ---- earlier migrations of the same boot ----

    @Test
    void aTableAnEarlierMigrationCreated_isSeenWhenALaterOneDropsIt() throws SQLException {
        try (JudgedBoot boot = JudgedBoot.start(db.url())) {
            assertEquals(List.of(), boot.migrate("CREATE TABLE first (id int PRIMARY KEY)"));
            assertEquals(List.of(), boot.migrate("ALTER TABLE first ADD COLUMN note text"));
            assertReports(boot.migrate("DROP TABLE first"), "relation public.first was dropped");
        }
    }

    /**
     * The columns of a table an earlier migration of the boot created are in that migration's "after"
     * (an incremental reading finds them through the new relation's row), so a later migration that
     * changes one of them is refused like a change to any existing column, not taken for a new column.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ALTER TABLE first ALTER COLUMN note SET NOT NULL   | column first.note changed: notnull false -> true",
        "ALTER TABLE first DROP COLUMN note                 | column first.note changed: name first.note -> first.........pg.dropped.",
        "ALTER TABLE first ALTER COLUMN code TYPE bigint    | column first.code changed: type integer -> bigint",
        "ALTER TABLE first ALTER COLUMN code SET DEFAULT 7  | column first.code changed: default  -> 7",
    })
    void aColumnOfATableAnEarlierMigrationCreated_isSeenWhenALaterOneChangesIt(String migration, String change)
            throws SQLException {
        try (JudgedBoot boot = JudgedBoot.start(db.url())) {
            // no default, no key: nothing updates an attribute row, so only the new relation's row leads to them
            assertEquals(List.of(), boot.migrate("CREATE TABLE first (id int, code int, note text)"));
            assertEquals(List.of(), boot.migrate("CREATE TABLE second (id int PRIMARY KEY)"));
            assertReports(boot.migrate(migration), change);
        }
    }

    /**
     * Migration 1 writes rows into its own new table (allowed); migration 2 writes as many into it, now
     * an existing table. The row counts are the statistics of the session, which PostgreSQL 14 keeps
     * across its transactions until it sends them, idle, at most every 500 ms (PGSTAT_STAT_INTERVAL):
     * a migration 1 that took longer than that has had its counts sent by the time migration 2 begins.
     * Then migration 1's "after" as migration 2's "before" holds counts migration 2 does not start
     * from, and the same counts cancel out: migration 2's writes would go unseen.
     */
    @Test
    void rowsALaterMigrationWritesInATableAnEarlierOneFilled_areSeenEvenWhenTheCountsMatch() throws Exception {
        try (JudgedBoot boot = JudgedBoot.start(db.url())) {
            String[] writes = {"INSERT INTO first VALUES (3, 'c'), (4, 'd')", "UPDATE first SET note = 'x' WHERE note <> 'x'",
                "DELETE FROM first WHERE id = 4"};
            assertEquals(List.of(), boot.migrate(concat("CREATE TABLE first (id int, note text)", writes)));
            Thread.sleep(STATISTICS_INTERVAL_MS + 100); // migration 1 as a slower one: the session sends its counts before migration 2
            List<String> changes = boot.migrate(writes);
            assertReports(changes, "2 row(s) inserted into existing public.first");
            assertReports(changes, "2 row(s) updated in existing public.first");
            assertReports(changes, "1 row(s) deleted from existing public.first");
        }
    }

    /**
     * Row counts the session has not sent yet, from its transactions before the boot: a migration that
     * only takes a lock on that table (an index, a column) must not be blamed for them, and rows it does
     * write must be counted from where they stood. Two quick transactions make sure the counts are still
     * unsent: the session sends them when idle at most every 500 ms, so the first may send, the second not.
     */
    @Test
    void rowsTheSessionWroteBeforeTheBoot_areNotBlamedOnMigrationsThatTouchTheirTable() throws SQLException {
        try (JudgedBoot boot = JudgedBoot.start(db.url())) {
            writeTwiceQuickly(boot.connection(), 10);
            assertEquals(List.of(), boot.migrate("CREATE INDEX kept_code ON kept (code)"));
            assertEquals(List.of(), boot.migrate("ALTER TABLE kept ADD COLUMN extra text"));
            assertEquals(List.of("1 row(s) inserted into existing public.kept"),
                    boot.migrate("CREATE TABLE later (id int)", "INSERT INTO kept (id, name, code) VALUES (20, 'x', 20)"));
        }
    }

    @Test
    void aJudgeCarriedOverToAnotherSession_doesNotTakeItsRowCountsForTheOldOnes() throws SQLException {
        JudgedBoot boot = JudgedBoot.start(db.url());
        try {
            assertEquals(List.of(), boot.migrate("CREATE TABLE first (id int)"));
            boot = boot.continueOnNewConnection(db.url());
            // rolled back: nothing committed since the judge's last reading, yet the attempts are counted
            boot.connection().setAutoCommit(false);
            writeTwiceQuickly(boot.connection(), 10);
            boot.connection().rollback();
            writeTwiceQuickly(boot.connection(), 10);
            boot.connection().rollback();
            boot.connection().setAutoCommit(true);
            assertEquals(List.of(), boot.migrate("ALTER TABLE kept ADD COLUMN extra text"));
            assertEquals(List.of("1 row(s) deleted from existing public.kept"),
                    boot.migrate("CREATE TABLE second (id int)", "DELETE FROM kept WHERE id = 1"));
        } finally {
            boot.close();
        }
    }

    /**
     * A migration that sets a setting for the session and then, with SET LOCAL, back for its own
     * transaction ends looking unchanged; at its commit the session's value comes back. The judge cannot
     * see that at the end of that migration, but the next one starts from the settings the last one was
     * judged with, so the boot stops there instead of running every later migration with it.
     */
    @Test
    void aSettingASetLocalHidUntilTheCommit_isSeenAtTheNextMigration() throws SQLException {
        try (JudgedBoot boot = JudgedBoot.start(db.url())) {
            assertEquals(List.of(), boot.migrate("CREATE TABLE first (id int)", "SET work_mem = '77MB'",
                    "SET LOCAL work_mem TO DEFAULT"), "unseen in its own transaction: at its end work_mem is what it was");
            assertReports(boot.migrate("CREATE TABLE second (id int)"), "setting work_mem changed");
        }
    }

    /** Two inserts into kept, one right after the other, from {@code id} on. */
    /**
     * Row counts the session still holds when a migration that runs outside a transaction is read: were
     * they sent between its two readings (here, forced at once, as a concurrent index build that takes
     * longer than the sending interval has them sent), they looked like rows it un-wrote ("-2 row(s)
     * inserted"). The judge has the session send them before its first reading. PostgreSQL 14 has no
     * way to ask for that (its sessions send every half second), so the case runs on 15 and later.
     */
    @Test
    void rowCountsSentWhileAMigrationRunsOutsideATransaction_areNotTakenForItsWrites() throws SQLException {
        try (JudgedBoot boot = JudgedBoot.start(db.url())) {
            org.junit.jupiter.api.Assumptions.assumeTrue(boot.connection().getMetaData().getDatabaseMajorVersion() >= 15,
                    "pg_stat_force_next_flush() is PostgreSQL 15's");
            writeTwiceQuickly(boot.connection(), 10);
            assertEquals(List.of(), boot.migrateOutsideTransaction("SELECT pg_stat_force_next_flush()",
                    "CREATE INDEX CONCURRENTLY kept_code ON kept (code)"));
        }
    }

    private static void writeTwiceQuickly(Connection connection, int id) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO kept (id, name, code) VALUES (" + id + ", 'pre', 1)");
            statement.execute("INSERT INTO kept (id, name, code) VALUES (" + (id + 1) + ", 'pre', 1)");
        }
    }

    @Test
    void aMigrationTheEngineRefused_isRolledBack_andTheSameChangeIsRefusedAgainAfterIt() throws SQLException {
        // The guard ends the boot at a refusal; still, a judge that keeps a reading between migrations
        // must not keep one of a migration that was rolled back.
        try (JudgedBoot boot = JudgedBoot.start(db.url())) {
            warmUp(boot);
            assertReports(boot.migrate("DROP TABLE billing.invoices"), "relation billing.invoices was dropped");
            assertReports(boot.migrate("DROP TABLE billing.invoices"), "relation billing.invoices was dropped");
        }
    }

    @Test
    void anIndexBuiltConcurrentlyByAnEarlierMigration_isSeenWhenALaterOneDropsIt() throws SQLException {
        try (JudgedBoot boot = JudgedBoot.start(db.url())) {
            warmUp(boot);
            assertEquals(List.of(), boot.migrateOutsideTransaction("CREATE INDEX CONCURRENTLY kept_code ON kept (code)"));
            assertEquals(List.of(), boot.migrate("CREATE TABLE second (id int)"));
            assertReports(boot.migrate("DROP INDEX kept_code"), "relation public.kept_code was dropped");
        }
    }

    // ---- what the migration changes, seen in a later migration of the boot ----

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "ALTER TABLE kept RENAME TO k2                                    | relation public.kept changed: name public.kept -> public.k2",
        "ALTER TABLE kept RENAME COLUMN name TO full_name                 | column kept.name changed: name kept.name -> kept.full_name",
        "ALTER SCHEMA billing RENAME TO accounts                          | relation billing.invoices changed: name billing.invoices -> accounts.invoices",
        "ALTER TYPE mood RENAME TO feeling                                | column kept.mood changed: type mood -> feeling",
        "ALTER SEQUENCE kept_serial RENAME TO kept_numbers                | column kept.serial_no changed: default nextval('kept_serial'::regclass) -> nextval('kept_numbers'::regclass)",
        "ALTER INDEX kept_name RENAME TO kept_by_name                     | relation public.kept_name changed: name public.kept_name -> public.kept_by_name",
        "ALTER TABLE kept RENAME CONSTRAINT kept_code_positive TO kept_ok | constraint kept_code_positive changed: name kept_code_positive -> kept_ok",
        "ALTER VIEW kept_names RENAME TO kept_labels                      | relation public.kept_names changed: name public.kept_names -> public.kept_labels",
        "ALTER FUNCTION kept_touch() RENAME TO kept_touched               | function public.kept_touch() changed: name public.kept_touch() -> public.kept_touched()",
        "ALTER TRIGGER kept_audit ON kept RENAME TO kept_watch            | trigger kept_audit changed: name kept_audit -> kept_watch",
        "ALTER TYPE mood RENAME VALUE 'happy' TO 'glad'                   | enum label happy changed: label happy -> glad",
        "ALTER TABLE billing.invoices SET SCHEMA public                   | relation billing.invoices changed: name billing.invoices -> public.invoices",
        "ALTER TYPE mood SET SCHEMA billing                               | column kept.mood changed: type mood -> billing.mood",
        "ALTER DOMAIN score RENAME TO points                              | column typed.s changed: type score -> points",
        "ALTER VIEW kept_names RENAME COLUMN name TO label                 | column kept_names.name changed: name kept_names.name -> kept_names.label",
    })
    void aRenameOfWhatExistedBeforeTheBoot_isSeenInALaterMigration(String migration, String change) throws SQLException {
        try (JudgedBoot boot = JudgedBoot.start(db.url())) {
            warmUp(boot);
            assertReports(boot.migrate(migration), change);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "ALTER TABLE kept DROP CONSTRAINT kept_code_positive             | constraint kept_code_positive was dropped",
        "ALTER TABLE kept DROP CONSTRAINT kept_pkey                      | constraint kept_pkey was dropped",
        "ALTER TABLE kept ALTER COLUMN name DROP DEFAULT                 | column kept.name changed: default 'anonymous'::text -> ",
        "ALTER TABLE kept ALTER COLUMN name DROP NOT NULL                | column kept.name changed: notnull true -> false",
        "ALTER TABLE kept ALTER COLUMN code TYPE bigint                  | column kept.code changed: type integer -> bigint",
        "ALTER TABLE kept DROP COLUMN mood                               | column kept.mood changed: name kept.mood -> kept.........pg.dropped.",
        "DROP INDEX kept_name                                            | relation public.kept_name was dropped",
        "DROP TRIGGER kept_audit ON kept                                 | trigger kept_audit was dropped",
        "DROP VIEW kept_names                                            | relation public.kept_names was dropped",
        "DROP SEQUENCE kept_serial CASCADE                               | column kept.serial_no changed: default nextval('kept_serial'::regclass) -> ",
        "DROP TYPE mood CASCADE                                          | column kept.mood changed:",
        "DROP SCHEMA billing CASCADE                                     | schema billing was dropped",
        "DROP FUNCTION kept_touch() CASCADE                              | function public.kept_touch() was dropped",
        "CREATE OR REPLACE VIEW kept_names AS SELECT name FROM kept WHERE id > 0 | relation public.kept_names changed: query",
        "CREATE OR REPLACE FUNCTION kept_touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NULL; END$$ | function public.kept_touch() changed: body",
        "REVOKE SELECT ON kept_names FROM PUBLIC                         | relation public.kept_names changed: acl",
        "GRANT SELECT ON kept TO PUBLIC                                  | relation public.kept changed: acl",
        "GRANT UPDATE (name) ON kept TO PUBLIC                           | column kept.name changed: acl",
        "ALTER TABLE kept DISABLE TRIGGER kept_audit                     | trigger kept_audit changed: enabled O -> D",
        "ALTER TABLE kept ENABLE ROW LEVEL SECURITY                      | relation public.kept changed: rowsecurity false/false -> true/false",
        "ALTER TABLE kept SET (fillfactor = 50)                          | relation public.kept changed: options",
        "ALTER TABLE kept REPLICA IDENTITY FULL                          | relation public.kept changed: replident d -> f",
        "TRUNCATE kept                                                   | relation public.kept changed: relfilenode",
        "ALTER TABLE kept ALTER COLUMN code TYPE int USING code + 1      | relation public.kept changed: relfilenode",
        "ALTER SEQUENCE kept_serial RESTART                              | relation public.kept_serial changed: relfilenode",
        "ALTER DOMAIN score DROP CONSTRAINT score_positive               | constraint score_positive was dropped",
        "ALTER FUNCTION kept_touch() SECURITY DEFINER                    | function public.kept_touch() changed: definer false -> true",
        "ALTER TABLE kept ALTER COLUMN name SET STORAGE EXTERNAL         | column kept.name changed: storage x -> e",
        "CLUSTER kept USING kept_name                                    | relation public.kept changed: relfilenode",
        "ALTER TABLE events DETACH PARTITION events_2024                 | inheritance of events was dropped",
        "DROP TABLE events_2024                                          | relation public.events_2024 was dropped",
        "UPDATE kept SET name = 'uno'                                    | 1 row(s) updated in existing public.kept",
        "DELETE FROM kept                                                | 1 row(s) deleted from existing public.kept",
        "INSERT INTO kept (id, name) VALUES (2, 'two')                   | 1 row(s) inserted into existing public.kept",
        "CREATE TRIGGER kept_new BEFORE INSERT ON kept FOR EACH ROW EXECUTE FUNCTION kept_touch() | trigger kept_new was created on public.kept",
        "CREATE POLICY kept_mine ON kept USING (true)                    | policy kept_mine was created on existing public.kept",
        "CREATE TEMP TABLE scratch (id int)                              | temporary scratch was created",
        "SET session_replication_role = replica                          | setting session_replication_role changed: origin -> replica",
        "SET LOCAL search_path = public                                  | setting search_path changed",
        "SET statement_timeout = 0                                       | statement_timeout was lifted",
        "SELECT pg_advisory_unlock_all()                                 | an advisory lock the guard held (its apply lock) was released",
        "DELETE FROM databasechangelog                                   | the ledger public.databasechangelog lost rows",
        "UPDATE databasechangelog SET COMMENTS = 'edited'                | the migration itself wrote rows of the guard's ledger public.databasechangelog (",
        "INSERT INTO databasechangelog (ID, AUTHOR, FILENAME, DATEEXECUTED, ORDEREXECUTED, EXECTYPE) VALUES ('x', 'y', 'z', now(), 99, 'EXECUTED') | the migration itself wrote rows of the guard's ledger public.databasechangelog (",
        "ALTER TABLE databasechangelog ADD COLUMN note text              | was added to the guard's own public.databasechangelog",
        "CREATE TEMP TABLE databasechangelog (LIKE public.databasechangelog INCLUDING ALL) | the name databasechangelog no longer resolves to the ledger public.databasechangelog (shadowed)",
    })
    void aChangeToWhatExistedBeforeTheBoot_isSeenInALaterMigration(String migration, String change) throws SQLException {
        try (JudgedBoot boot = JudgedBoot.start(db.url())) {
            warmUp(boot);
            assertReports(boot.migrate(migration), change);
        }
    }

    /**
     * Non-additive changes to things other than tables: a domain's default and NOT NULL, a composite
     * type's attributes, a type's owner and privileges, a publication or what it publishes, a cast, an
     * operator. The classifier refuses each of these statements too (unknown-statement, drop, rename,
     * owner-to, grant); the engine sees them on its own since its evidence has types, publications,
     * casts and operators. A sequence's position it cannot see (below).
     */
    @ParameterizedTest
    @ValueSource(strings = {
        "ALTER DOMAIN score DROP DEFAULT",
        "ALTER DOMAIN score SET DEFAULT 5",
        "ALTER DOMAIN score DROP NOT NULL",
        "ALTER TYPE pair RENAME ATTRIBUTE a TO z",
        "ALTER TYPE pair DROP ATTRIBUTE b CASCADE",
        "ALTER TYPE mood OWNER TO pg_monitor",
        "REVOKE USAGE ON TYPE mood FROM PUBLIC",
        "DROP PUBLICATION invoices_feed",
        "ALTER PUBLICATION invoices_feed DROP TABLE billing.invoices",
        "DROP CAST (text AS pair)",
        "DROP OPERATOR === (int, int)",
    })
    void aChangeToATypePublicationCastOrOperator_isSeenInALaterMigration(String migration) throws SQLException {
        try (JudgedBoot boot = JudgedBoot.start(db.url())) {
            warmUp(boot);
            assertTrue(!boot.migrate(migration).isEmpty(), migration + " committed as additive");
        }
    }

    @ParameterizedTest
    @Disabled("judge misses it: a sequence's position is not in the catalog, and setval is not transactional, so no"
            + " rollback could undo it anyway; the classifier refuses setval")
    @ValueSource(strings = "SELECT setval('kept_serial', 1)")
    void aSequenceMovedBack_isSeenInALaterMigration(String migration) throws SQLException {
        try (JudgedBoot boot = JudgedBoot.start(db.url())) {
            warmUp(boot);
            assertTrue(!boot.migrate(migration).isEmpty(), migration + " committed as additive");
        }
    }

    @ParameterizedTest
    @Disabled("judge misses it: the shorter readings trust the transaction's statistics, and a superuser's migration that"
            + " turns track_counts off and on again hides its catalog writes from them (a drop never showed in an xmin);"
            + " the classifier refuses SET, set_config and DO")
    @ValueSource(strings = {"DROP TABLE billing.invoices CASCADE", "ALTER TABLE kept ALTER COLUMN code SET NOT NULL",
        "ALTER TABLE kept RENAME TO kept_old"})
    void aChangeMadeWhileTrackCountsWasOff_isSeen(String change) throws SQLException {
        try (JudgedBoot boot = JudgedBoot.start(db.url())) {
            warmUp(boot);
            assertTrue(!boot.migrate("SET track_counts = off", change, "RESET track_counts").isEmpty(),
                    change + " with track_counts off committed as additive");
        }
    }

    @Test
    void aDropBalancedByACreate_isSeen_evenUnderTheSameName() throws SQLException {
        try (JudgedBoot boot = JudgedBoot.start(db.url())) {
            warmUp(boot);
            assertReports(boot.migrate("DROP TABLE billing.invoices", "CREATE TABLE billing.receipts (id int PRIMARY KEY)"),
                    "relation billing.invoices was dropped");
            assertReports(boot.migrate("DROP TABLE billing.invoices", "CREATE TABLE billing.invoices (id int PRIMARY KEY)"),
                    "relation billing.invoices was dropped");
            assertReports(boot.migrate("ALTER TABLE kept DROP COLUMN mood", "ALTER TABLE kept ADD COLUMN mood mood"),
                    "column kept.mood changed:");
        }
    }

    @Test
    void aConstraintAddedNotValid_passes_andValidatingItLaterIsSeen() throws SQLException {
        try (JudgedBoot boot = JudgedBoot.start(db.url())) {
            warmUp(boot);
            assertEquals(List.of(), boot.migrate("ALTER TABLE kept ADD CONSTRAINT kept_id_positive CHECK (id > 0) NOT VALID"));
            assertReports(boot.migrate("ALTER TABLE kept VALIDATE CONSTRAINT kept_id_positive"),
                    "constraint kept_id_positive changed: validated false -> true");
        }
    }

    @Test
    void aTableAnEarlierMigrationCreated_attachedAsAPartitionOfAnExistingTable_isSeen() throws SQLException {
        try (JudgedBoot boot = JudgedBoot.start(db.url())) {
            warmUp(boot);
            assertEquals(List.of(), boot.migrate("CREATE TABLE events_2025 (at date NOT NULL)"));
            assertReports(boot.migrate("ALTER TABLE events ATTACH PARTITION events_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')"),
                    "a table now inherits from existing public.events");
        }
    }

    // ---- subtransactions: catalog rows written under a subtransaction's xid, not the migration's ----

    @Test
    void aChangeMadeInsideASavepoint_isSeen() throws SQLException {
        try (JudgedBoot boot = JudgedBoot.start(db.url())) {
            warmUp(boot);
            assertReports(boot.migrate("CREATE TABLE fresh (id int)", "SAVEPOINT s", "ALTER TABLE kept DROP COLUMN mood",
                    "RELEASE SAVEPOINT s"), "column kept.mood changed:");
            assertReports(boot.migrate("SAVEPOINT s1", "SAVEPOINT s2", "ALTER TABLE kept ALTER COLUMN name DROP DEFAULT",
                    "RELEASE SAVEPOINT s2", "RELEASE SAVEPOINT s1"), "column kept.name changed: default");
        }
    }

    @Test
    void aChangeMadeInsideAnExceptionBlock_isSeen() throws SQLException {
        try (JudgedBoot boot = JudgedBoot.start(db.url())) {
            warmUp(boot);
            assertReports(boot.migrate("DO $$BEGIN ALTER TABLE kept DROP COLUMN mood; EXCEPTION WHEN undefined_column THEN NULL; END$$"),
                    "column kept.mood changed:");
            assertReports(boot.migrate("SELECT tidy_kept()"), "column kept.serial_no changed: name kept.serial_no -> kept.serial");
        }
    }

    @Test
    void aChangeUndoneByRollingBackToASavepoint_isNoChange_andDoingItLaterIsSeen() throws SQLException {
        try (JudgedBoot boot = JudgedBoot.start(db.url())) {
            warmUp(boot);
            assertEquals(List.of(), boot.migrate("SAVEPOINT s", "DROP TABLE billing.invoices", "ROLLBACK TO SAVEPOINT s",
                    "CREATE TABLE fresh (id int)"));
            assertReports(boot.migrate("DROP TABLE billing.invoices"), "relation billing.invoices was dropped");
        }
    }

    // ---- search_path: names that resolve elsewhere once something new exists ----

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "CREATE TABLE a.kept (id int)            | relation public.kept changed: visible true -> false",
        "CREATE TYPE a.mood AS ENUM ('other')    | column kept.mood changed: type mood -> public.mood",
        "CREATE TABLE a.mood (id int)            | column kept.mood changed: type mood -> public.mood",
        "CREATE SEQUENCE a.kept_serial           | relation public.kept_serial changed: visible true -> false",
    })
    void somethingNewThatShadowsAnExistingNameOnTheBootsSearchPath_isSeenInALaterMigration(String migration, String change)
            throws SQLException {
        db.execute("CREATE SCHEMA a");
        try (JudgedBoot boot = JudgedBoot.start(db.url() + "&options=-c%20search_path%3Da,public")) {
            warmUp(boot);
            assertReports(boot.migrate(migration), change);
        }
    }

    @Test
    void aSchemaOnTheBootsSearchPath_createdWithATableShadowingAnExistingOne_isSeen() throws SQLException {
        try (JudgedBoot boot = JudgedBoot.start(db.url())) {
            try (Statement s = boot.connection().createStatement()) {
                s.execute("SET search_path = a, public"); // as a user sets it on the connection before the boot
            }
            warmUp(boot);
            assertReports(boot.migrate("CREATE SCHEMA a", "CREATE TABLE a.kept (id int)"),
                    "relation public.kept changed: visible true -> false");
            assertReports(boot.migrate("CREATE SCHEMA a", "CREATE TABLE a.databasechangelog (LIKE public.databasechangelog INCLUDING ALL)"),
                    "the name databasechangelog no longer resolves to the ledger public.databasechangelog (shadowed)");
        }
    }

    /**
     * With search_path {@code a, public} and no schema {@code a} yet, the ledger is public's. A migration
     * that creates {@code a} moves current_schema() to it. Before the judge compared the schemas an
     * unqualified name resolves in, it saw no change (the name databasechangelog still resolved to
     * public's ledger), and the guard's next migration created a second ledger in {@code a} and recorded
     * itself there: boot 1 PASSed, with 001 and 002 in public.databasechangelog and 003 in
     * a.databasechangelog; boot 2 read a's ledger, took 001 and 002 for pending, and failed
     * (create-existing-object) or, with IF NOT EXISTS, ran them again.
     */
    @Test
    void aSchemaCreatedAheadOfTheLedgersOnTheBootsSearchPath_isSeen() throws SQLException {
        try (JudgedBoot boot = JudgedBoot.start(db.url() + "&options=-c%20search_path%3Da,public")) {
            warmUp(boot);
            assertReports(boot.migrate("CREATE SCHEMA a"), "the schemas unqualified names resolve in changed: {public} -> {a,public}");
            assertEquals(List.of(), boot.migrate("CREATE SCHEMA b"), "a schema off the search_path moves nothing");
        }
    }

    @Test
    void aShadowingAnotherSessionCommittedBetweenMigrations_isNotBlamedOnTheNextOne() throws SQLException {
        db.execute("CREATE SCHEMA a");
        try (JudgedBoot boot = JudgedBoot.start(db.url() + "&options=-c%20search_path%3Da,public")) {
            warmUp(boot);
            db.execute("CREATE TABLE a.kept (id int)");
            assertEquals(List.of(), boot.migrate("CREATE TABLE second (id int)"));
            db.execute("DROP TABLE a.kept");
            assertEquals(List.of(), boot.migrate("CREATE TABLE third (id int)"));
        }
    }

    // ---- additive boots: the shortcuts must not refuse what only adds ----

    @Test
    void aLongAdditiveBoot_passesEveryMigration_andCommitsThemAll() throws Exception {
        List<String[]> migrations = List.of(
                new String[] {"CREATE TABLE first (id int PRIMARY KEY, note text)", "INSERT INTO first VALUES (1, 'a'), (2, 'b')",
                    "UPDATE first SET note = 'seed'"},
                new String[] {"ALTER TABLE kept ADD COLUMN nickname text"},
                new String[] {"CREATE INDEX kept_code ON kept (code)"},
                new String[] {"CREATE SCHEMA reporting", "CREATE TABLE reporting.daily (day date PRIMARY KEY)"},
                new String[] {"CREATE TYPE size AS ENUM ('s', 'm')", "CREATE TABLE shirts (id int, size size)"},
                new String[] {"COMMENT ON TABLE kept IS 'people'", "CREATE VIEW first_notes AS SELECT note FROM first"},
                new String[] {"ALTER TYPE mood ADD VALUE 'calm'", "CREATE SEQUENCE invoice_numbers"},
                new String[] {"ALTER TABLE kept ADD COLUMN score int NOT NULL DEFAULT 0"},
                new String[] {"CREATE TABLE orders (id int PRIMARY KEY, kept_id int REFERENCES kept (id))"},
                new String[] {"ALTER TABLE kept ADD CONSTRAINT kept_id_positive CHECK (id > 0) NOT VALID"},
                new String[] {"ALTER TABLE first ADD COLUMN extra text", "CREATE INDEX first_extra ON first (extra)"},
                new String[] {"SET LOCAL lock_timeout = '100ms'", "SET statement_timeout = '15min'", "CREATE TABLE slow (id int)"},
                // work space the migration drops again: a deletion, yet nothing that existed before is gone
                new String[] {"CREATE TABLE scratch_work (id int)", "DROP TABLE scratch_work", "CREATE TABLE kept_after (id int)"});
        try (JudgedBoot boot = JudgedBoot.start(db.url())) {
            for (String[] migration : migrations) {
                assertEquals(List.of(), boot.migrate(migration), String.join("; ", migration));
                if (migration == migrations.get(0)) {
                    // the session sends migration 1's row counts before migration 2 (see the rows test above):
                    // migration 1's counts are not migration 2's to answer for
                    Thread.sleep(STATISTICS_INTERVAL_MS + 100);
                }
            }
            assertEquals(List.of(), boot.migrateOutsideTransaction("CREATE INDEX CONCURRENTLY first_note ON first (note)"));
            assertEquals(List.of(), boot.migrate("CREATE TABLE last (id int)"));
        }
        assertEquals(migrations.size() + 2, db.ledger().size(), db.ledger().toString());
        assertEquals(List.of("seed", "seed"), db.column("SELECT note FROM first ORDER BY id"));
        assertEquals(List.of("1"), db.column("SELECT id FROM kept"));
    }

    private static void warmUp(JudgedBoot boot) throws SQLException {
        assertEquals(List.of(), boot.migrate("CREATE TABLE first (id int PRIMARY KEY, note text)",
                "INSERT INTO first VALUES (1, 'a'), (2, 'b')"));
        assertEquals(List.of(), boot.migrate("ALTER TABLE first ADD COLUMN extra text"));
    }

    private static void assertReports(List<String> changes, String change) {
        assertTrue(changes.stream().anyMatch(c -> c.contains(change)), "expected \"" + change + "\" in " + changes);
    }

    private static String[] concat(String first, String... rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
