package dev.schemaguard.internal.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.Code;
import dev.schemaguard.internal.changelog.SqlFileMigration;
import dev.schemaguard.internal.sql.SqlStatement;
import dev.schemaguard.internal.sql.StatementSplitter;
import dev.schemaguard.postgres.PostgresDialect;
import dev.schemaguard.postgres.PostgresServer;
import dev.schemaguard.postgres.PostgresTestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The second judge on PostgreSQL, alone: migrations reach the Applier as if the classifier had passed
 * them (it refuses every unsafe one below), so this proves that the engine's evidence by itself
 * refuses each class, rolls the migration back whole, and lets additive migrations through.
 */
class PostgresEngineJudgeTest {
    private final PostgresDialect dialect = new PostgresDialect();
    private PostgresTestDatabase db;
    private Applier applier;
    private String before;

    @BeforeEach
    void setUp() throws Exception {
        db = PostgresServer.defaultMajor().newDatabase();
        db.execute("CREATE TABLE users (id int PRIMARY KEY, email text)",
                "CREATE TABLE orders (id int PRIMARY KEY, user_id int, total int)",
                "CREATE VIEW big_orders AS SELECT * FROM orders WHERE total > 100",
                "CREATE TYPE status AS ENUM ('new')",
                "CREATE FUNCTION keep() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$",
                "CREATE TRIGGER users_keep BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION keep()",
                "INSERT INTO users VALUES (1, 'A@example.com'), (2, 'b@example.com')",
                "INSERT INTO orders VALUES (1, 1, 50), (2, 2, 500)");
        applier = EngineJudgeCases.applier(dialect);
        before = db.dump();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "CREATE TABLE tags (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL); CREATE INDEX ON tags (name)",
        "ALTER TABLE users ADD COLUMN nickname text, ADD COLUMN score int NOT NULL DEFAULT 0, ADD COLUMN seen timestamptz DEFAULT now()",
        "CREATE TYPE mood AS ENUM ('a', 'b'); ALTER TABLE users ADD COLUMN mood mood",
        "ALTER TABLE orders ADD CONSTRAINT orders_user FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID",
        "CREATE VIEW emails AS SELECT email FROM users; COMMENT ON TABLE users IS 'people'",
        "SET LOCAL lock_timeout = '100ms'; CREATE SCHEMA reporting; CREATE TABLE reporting.daily (day date PRIMARY KEY)",
        "SET statement_timeout = '15min'; CREATE TABLE slow_to_build (id int)",
        "ALTER TYPE status ADD VALUE 'done'; CREATE SEQUENCE invoice_numbers",
        "CREATE TABLE seeds (k text); INSERT INTO seeds VALUES ('only a new table')",
    })
    void additiveMigrations_passTheEngine_andAreRecorded(String sql) throws Exception {
        try (Connection c = db.connect()) {
            assertTrue(applier.apply(c, planned("010_additive.sql", sql, false)));
        }
        assertEquals(List.of("010_additive.sql"), db.ledger());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid()    | relation public.users changed: relfilenode",
        "ALTER TABLE users ALTER COLUMN email TYPE varchar(100)               | column users.email changed: type text -> character varying(100)",
        "ALTER TABLE users ALTER COLUMN email SET NOT NULL                    | column users.email changed: notnull false -> true",
        "ALTER TABLE users ALTER COLUMN email SET DEFAULT 'x'                 | column users.email changed: default  -> 'x'::text",
        "UPDATE users SET email = lower(email)                                | 2 row(s) updated in existing public.users",
        "DELETE FROM orders WHERE id = 1                                      | 1 row(s) deleted from existing public.orders",
        "INSERT INTO orders VALUES (3, 1, 5)                                  | 1 row(s) inserted into existing public.orders",
        "TRUNCATE orders                                                      | relation public.orders changed: relfilenode",
        "DROP TABLE orders CASCADE                                            | relation public.orders was dropped",
        "CREATE TEMP TABLE databasechangelog (LIKE public.databasechangelog)  | the name databasechangelog no longer resolves to the ledger public.databasechangelog",
        "CREATE SCHEMA postgres; CREATE TABLE postgres.users (id int)         | relation public.users changed: visible true -> false",
        "SET search_path TO public, pg_temp                                     | setting search_path changed",
        "CREATE SCHEMA postgres                                               | the schemas unqualified names resolve in changed: {public} -> {postgres,public}",
        "SET statement_timeout = 0                                            | statement_timeout was lifted",
        "RESET lock_timeout                                                   | lock_timeout was lifted",
        "SET session_replication_role = replica                               | setting session_replication_role changed: origin -> replica",
        "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1'           | function public.f() was created",
        "CREATE OR REPLACE VIEW big_orders AS SELECT * FROM orders WHERE total > 1000 | relation public.big_orders changed: query",
        "CREATE RULE no_delete AS ON DELETE TO users DO INSTEAD NOTHING       | rule no_delete was created on public.users",
        "CREATE POLICY mine ON users USING (true)                             | policy mine was created on existing public.users",
        "ALTER TABLE users ENABLE ROW LEVEL SECURITY                          | relation public.users changed: rowsecurity false/false -> true/false",
        "GRANT SELECT ON users TO PUBLIC                                      | relation public.users changed: acl",
        "CREATE TABLE users_archive () INHERITS (users)                       | a table now inherits from existing public.users",
        "ALTER TABLE orders ADD CONSTRAINT o_u FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE NOT VALID | foreign key o_u on existing public.orders cascades",
        "CREATE TRIGGER users_touch BEFORE INSERT ON users FOR EACH ROW EXECUTE FUNCTION keep() | trigger users_touch was created on public.users",
        "ALTER TABLE users DISABLE TRIGGER users_keep                         | trigger users_keep changed: enabled O -> D",
        "ALTER TABLE users SET UNLOGGED                                       | relation public.users changed: relfilenode",
        "ALTER TYPE status RENAME VALUE 'new' TO 'fresh'                      | enum label new changed: label new -> fresh",
    })
    void unsafeMigrations_areRefusedByTheEngine_andRolledBackWhole(String sql, String change) throws Exception {
        Failure failure = EngineJudgeCases.refusedByTheEngine(applier, planned("020_unsafe.sql", sql, false), db::connect);

        assertTrue(failure.message().contains(change), failure.message());
        assertTrue(failure.message().contains("rolled back whole"), failure.message());
        assertEquals(List.of(), db.ledger(), "no ledger row");
        assertEquals(before, db.dump(), "nothing of it remains");
    }

    @Test
    void anIndexAConcurrentMigrationDidNotAskFor_isDroppedAndTheMigrationRefused() throws Exception {
        Failure failure = EngineJudgeCases.refusedByTheEngine(applier, planned("030_index.sql",
                "CREATE INDEX CONCURRENTLY users_email ON users (email); CREATE INDEX surprise ON orders (total)", true),
                db::connect);

        assertTrue(failure.message().contains("index public.surprise is not the index the migration asked for, so it was dropped"),
                failure.message());
        assertEquals(List.of(), db.column("SELECT relname FROM pg_class WHERE relname = 'surprise'"));
        assertEquals(List.of("users_email"), db.column("SELECT relname FROM pg_class WHERE relname = 'users_email'"),
                "what was asked stays (it ran outside a transaction), but no ledger row is written");
        assertEquals(List.of(), db.ledger());
    }

    @Test
    void anUnnamedConcurrentIndex_passesTheEngine() throws Exception {
        try (Connection c = db.connect()) {
            assertTrue(applier.apply(c, planned("040_index.sql", "CREATE INDEX CONCURRENTLY ON orders (user_id)", true)));
        }
        assertEquals(List.of("040_index.sql"), db.ledger());
    }

    private static PlannedMigration planned(String name, String sql, boolean outside) {
        return EngineJudgeCases.planned(name, sql, outside, new PostgresDialect().sql());
    }
}
