package dev.schemaguard.internal.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.Code;
import dev.schemaguard.GuardConfig.EngineJudgeMode;
import dev.schemaguard.mariadb.MariaDbDialect;
import dev.schemaguard.mariadb.MariaDbServer;
import dev.schemaguard.mariadb.MariaDbTestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The second judge on MariaDB, alone: migrations reach the Applier as if the classifier had passed them
 * (it refuses every unsafe one below), so this proves that the rehearsal on a scratch copy by itself
 * refuses each class before anything of the migration runs on the database, leaves no scratch database
 * behind, and lets additive migrations through to be applied.
 */
class MariaDbEngineJudgeTest {
    private final MariaDbDialect dialect = new MariaDbDialect();
    private MariaDbTestDatabase db;
    private String before;

    @BeforeEach
    void setUp() throws Exception {
        db = MariaDbServer.shared().newDatabase();
        db.execute("CREATE TABLE users (id BIGINT PRIMARY KEY, email VARCHAR(100), created_at DATETIME, name VARCHAR(50))",
                "CREATE TABLE orders (id BIGINT PRIMARY KEY, user_id BIGINT, total INT, KEY orders_user (user_id),"
                        + " CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id))",
                "CREATE TABLE empty_log (id INT PRIMARY KEY, note TEXT)",
                "CREATE VIEW big_orders AS SELECT * FROM orders WHERE total > 100",
                "CREATE SEQUENCE invoice_numbers",
                "CREATE TRIGGER users_keep BEFORE UPDATE ON users FOR EACH ROW SET NEW.email = NEW.email",
                "CREATE PROCEDURE tidy() DELETE FROM orders WHERE total = 0",
                "INSERT INTO users VALUES (1, 'A@example.com', NOW(), 'a'), (2, 'b@example.com', NOW(), 'b')",
                "INSERT INTO orders VALUES (1, 1, 50), (2, 2, 500)");
        try (Connection c = db.connect()) { // the guard's own tables exist before the migrations under test
            EngineJudgeCases.applier(dialect).apply(c, planned("001_first.sql", "CREATE TABLE first (id INT)"));
        }
        before = db.schemaDump();
    }

    @AfterEach
    void noScratchDatabaseOutlivesAMigration() throws SQLException {
        assertEquals(List.of(), MariaDbServer.shared().scratchDatabases());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "ALTER TABLE users ADD COLUMN nickname VARCHAR(64), ALGORITHM=INSTANT",
        "ALTER TABLE users ADD COLUMN score INT NOT NULL DEFAULT 0, ADD COLUMN bio TEXT, ALGORITHM=INSTANT",
        "ALTER TABLE users ADD COLUMN nickname VARCHAR(64) AFTER email, ALGORITHM=INSTANT",
        "ALTER TABLE users ADD COLUMN amount INT DEFAULT (42), ALGORITHM=INSTANT",
        "ALTER TABLE users ADD COLUMN magic BINARY(2) DEFAULT X'CAFE', ADD COLUMN bits BIT(8) DEFAULT b'1010', ALGORITHM=INSTANT",
        "CREATE INDEX users_email ON users (email) ALGORITHM=INPLACE LOCK=NONE",
        "ALTER TABLE orders ADD INDEX orders_total (total), ALGORITHM=INPLACE, LOCK=NONE",
        "CREATE TABLE tags (id INT PRIMARY KEY, user_id BIGINT, FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE)",
        "CREATE VIEW emails AS SELECT email FROM users",
        "CREATE VIEW IF NOT EXISTS big_orders AS SELECT 1",
        "CREATE SEQUENCE IF NOT EXISTS invoice_numbers",
        "CREATE TABLE IF NOT EXISTS users (id INT)",
        "SET SESSION lock_wait_timeout = 3; CREATE TABLE IF NOT EXISTS audit (id BIGINT PRIMARY KEY, at DATETIME)",
        "CREATE TABLE IF NOT EXISTS a (id INT); CREATE INDEX IF NOT EXISTS a_id ON a (id); CREATE VIEW IF NOT EXISTS av AS SELECT id FROM a",
        // a table without rows (an earlier migration of the same boot may have made it): shaped freely
        "ALTER TABLE empty_log ADD COLUMN seq INT AUTO_INCREMENT UNIQUE, ADD FULLTEXT INDEX empty_note (note)",
    })
    void additiveMigrations_passTheEngine_andAreApplied(String sql) throws Exception {
        List<String> warnings = new ArrayList<>();
        Applier applier = EngineJudgeCases.applier(dialect, EngineJudgeMode.REQUIRED, warnings::add);
        try (Connection c = db.connect()) {
            assertTrue(applier.apply(c, planned("010_additive.sql", sql)));
            assertEquals(db.name(), c.getCatalog(), "the session is back in its own database");
        }
        assertEquals(List.of("001_first.sql", "010_additive.sql"), db.ledger());
        assertEquals(List.of(), warnings);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ALTER TABLE users DROP COLUMN email                                   | column users.email was dropped",
        "ALTER TABLE users MODIFY email VARCHAR(200)                           | column users.email changed: type varchar(100) -> varchar(200)",
        "ALTER TABLE users MODIFY email VARCHAR(100) NOT NULL                  | column users.email changed: nullable YES -> NO",
        "ALTER TABLE users ALTER COLUMN email SET DEFAULT 'x'                  | column users.email changed: default NULL -> 'x'",
        "ALTER TABLE users RENAME COLUMN email TO mail                         | column users.email was dropped",
        "ALTER TABLE users MODIFY name VARCHAR(50) FIRST                       | the columns of users were reordered",
        "ALTER TABLE users ENGINE=MyISAM                                       | table users changed: engine InnoDB -> MyISAM",
        "ALTER TABLE users ADD COLUMN seq INT AUTO_INCREMENT UNIQUE             | column users.seq, new on a table with rows, is AUTO_INCREMENT",
        "ALTER TABLE users ADD COLUMN lower_email VARCHAR(100) AS (lower(email)) STORED | column users.lower_email, new on a table with rows, is generated",
        "ALTER TABLE users ADD COLUMN seen DATETIME DEFAULT CURRENT_TIMESTAMP  | defaults to current_timestamp(), an expression",
        "ALTER TABLE users ADD FULLTEXT INDEX users_ft (email)                 | index users.users_ft on existing users is FULLTEXT",
        "ALTER TABLE orders DROP FOREIGN KEY orders_user_fk                    | foreign key orders.orders_user_fk was dropped",
        "ALTER TABLE orders ALTER INDEX orders_user IGNORED                    | index orders.orders_user changed: ignored NO -> YES",
        "ALTER TABLE orders ADD CONSTRAINT o_u FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE | foreign key orders.o_u on existing orders cascades",
        "CREATE OR REPLACE TABLE orders (id BIGINT PRIMARY KEY, user_id BIGINT, total INT, KEY orders_user (user_id)) | table orders was created anew",
        "CREATE OR REPLACE VIEW big_orders AS SELECT * FROM orders WHERE total > 1000 | view big_orders changed: query",
        "RENAME TABLE orders TO orders_old                                     | the server ran 1 RENAME TABLE statement",
        "DROP TABLE IF EXISTS orders                                           | the server ran 1 DROP TABLE statement",
        "TRUNCATE TABLE orders                                                 | the server ran 1 TRUNCATE statement",
        "UPDATE users SET email = lower(email)                                 | the server ran 1 UPDATE statement",
        "DELETE FROM orders WHERE id = 1                                       | the server ran 1 DELETE statement",
        "INSERT INTO orders VALUES (3, 1, 5)                                   | the server ran 1 INSERT statement",
        "CALL tidy()                                                           | the server ran 1 CALL PROCEDURE statement",
        "PREPARE s FROM 'DROP TABLE orders'; EXECUTE s                         | the server ran 1 DROP TABLE statement",
        "EXECUTE IMMEDIATE CONCAT('DROP TABLE ', 'orders')                     | the server ran 1 DROP TABLE statement",
        "CREATE TRIGGER users_touch BEFORE INSERT ON users FOR EACH ROW SET NEW.email = lower(NEW.email) | trigger users_touch was created on users",
        "CREATE FUNCTION answer() RETURNS INT RETURN 42                        | function answer was created: opaque code",
        "CREATE EVENT nightly ON SCHEDULE EVERY 1 DAY DO DELETE FROM orders    | event nightly was created",
        "CREATE TEMPORARY TABLE databasechangelog (id INT)                     | temporary table databasechangelog was created",
        "SET SESSION sql_mode = ''                                             | the session's sql_mode changed",
        "SET SESSION foreign_key_checks = 0                                    | the session's foreign_key_checks changed: ON -> OFF",
        "SET max_statement_time = 0                                            | max_statement_time was lifted",
        "LOCK TABLES users WRITE                                               | the server ran 1 LOCK TABLES statement",
        "DO RELEASE_ALL_LOCKS()                                                | the server ran 1 DO statement",
        "SET lock_wait_timeout = IF(RELEASE_ALL_LOCKS() >= 0, 5, 5)            | the session's named locks were released",
        "SET @rows = (SELECT COUNT(*) FROM users)                             | the user variable @rows was set",
        "ALTER TABLE databasechangelog ADD COLUMN c INT, ALGORITHM=INSTANT     | column databasechangelog.c was added to the guard's own table databasechangelog",
        "CREATE INDEX progress_done ON schema_guard_progress (STATEMENTS_DONE) LOCK=NONE | index schema_guard_progress.progress_done was added to the guard's own table",
        "SET max_statement_time = DEFAULT; CREATE TABLE IF NOT EXISTS x (id INT) | max_statement_time was lifted",
        "CREATE TABLE IF NOT EXISTS kept (id INT); ALTER TABLE users DROP COLUMN name | column users.name was dropped",
    })
    void unsafeMigrations_areRefusedBeforeAnythingOfThemRuns(String sql, String change) throws Exception {
        Failure failure = EngineJudgeCases.refusedByTheEngine(EngineJudgeCases.applier(dialect), planned("020_unsafe.sql", sql),
                db::connect);

        assertTrue(failure.message().contains(change), failure.message());
        assertTrue(failure.message().contains("Nothing of it ran on the database"), failure.message());
        assertEquals(List.of("001_first.sql"), db.ledger(), "no ledger row");
        assertEquals(before, db.schemaDump(), "nothing of it ran, not even its first statement");
        assertEquals(List.of(), db.column("SELECT ID FROM schema_guard_progress"), "no progress row: it never started");
    }

    @Test
    void aStatementThatFailsOnTheCopy_failsTheMigrationBeforeAnythingOfItRuns() throws Exception {
        Applier applier = EngineJudgeCases.applier(dialect);
        PlannedMigration planned = planned("030_broken.sql",
                "CREATE TABLE IF NOT EXISTS notes (id INT);\nALTER TABLE users ADD COLUMN email INT, ALGORITHM=INSTANT");
        SQLException error;
        try (Connection c = db.connect()) {
            error = assertThrows(SQLException.class, () -> applier.apply(c, planned));
        }
        Failure failure = applier.failureOf(planned, error);

        assertEquals(Code.MIGRATION_FAILED, failure.code(), failure.message());
        assertTrue(failure.message().contains("030_broken.sql:2"), failure.message());
        assertTrue(failure.message().contains("Duplicate column name 'email'"), failure.message());
        assertTrue(failure.message().contains("nothing of it ran on the database"), failure.message());
        assertEquals(before, db.schemaDump(), "the first statement did not run either");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "CREATE TABLE IF NOT EXISTS {db}.audit (id INT)                        | it names this database",
        "CREATE DATABASE IF NOT EXISTS reporting                              | it says DATABASE",
        "CREATE TABLE notes (id INT) COMMENT 'copied from mysql.user'          | it names the database mysql",
        "CREATE USER reporter IDENTIFIED BY 'x'                               | it says CREATE USER",
    })
    void aMigrationTheRehearsalCannotConfine_isNotJudged(String sql, String why) throws Exception {
        String migration = sql.replace("{db}", db.name());
        Failure failure = EngineJudgeCases.refusedByTheEngine(EngineJudgeCases.applier(dialect, EngineJudgeMode.REQUIRED, w -> { }),
                planned("040_unconfined.sql", migration), db::connect);

        assertTrue(failure.message().contains("could not judge it: " + why), failure.message());
        assertEquals("not judged: " + failure.message().split("could not judge it: ")[1].split("\\. Nothing")[0],
                failure.details().get("reason"));
        assertEquals(before, db.schemaDump());
        assertEquals(List.of("001_first.sql"), db.ledger());
    }

    @Test
    void withoutTheRightToCreateScratchDatabases_requiredRefuses_andWhenPossibleAppliesWithAWarning() throws Exception {
        db.withoutScratchDatabases();
        String sql = "ALTER TABLE users ADD COLUMN nickname VARCHAR(64), ALGORITHM=INSTANT";

        Failure refused = EngineJudgeCases.refusedByTheEngine(EngineJudgeCases.applier(dialect, EngineJudgeMode.REQUIRED, w -> { }),
                planned("050_nickname.sql", sql), db::connect);
        assertTrue(refused.message().contains("it may not create its scratch database"), refused.message());
        assertTrue(refused.message().contains("GRANT ALL PRIVILEGES ON `schema\\_guard\\_judge\\_%`.* TO '" + db.user() + "'@'%'"),
                refused.message());
        assertEquals(before, db.schemaDump());

        List<String> warnings = new ArrayList<>();
        try (Connection c = db.connect()) {
            assertTrue(EngineJudgeCases.applier(dialect, EngineJudgeMode.WHEN_POSSIBLE, warnings::add)
                    .apply(c, planned("050_nickname.sql", sql)));
        }
        assertEquals(List.of("001_first.sql", "050_nickname.sql"), db.ledger());
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("050_nickname.sql is applied on the classifier's word alone: the engine's second "
                + "judge could not judge it (it may not create its scratch database"), warnings.get(0));
    }

    @Test
    void aScratchDatabaseLeftByADeadBoot_isDroppedByTheNextRehearsal() throws Exception {
        String leftover = "schema_guard_judge_00000000deadbeef";
        MariaDbServer.shared().admin("CREATE DATABASE " + leftover, "CREATE TABLE " + leftover + ".users (id INT)");
        try (Connection c = db.connect()) {
            assertTrue(EngineJudgeCases.applier(dialect).apply(c, planned("060_tags.sql", "CREATE TABLE tags (id INT)")));
        }
        // @AfterEach: no scratch database is left, that one included
    }

    private static PlannedMigration planned(String name, String sql) {
        return EngineJudgeCases.planned(name, sql, false, new MariaDbDialect().sql());
    }
}
