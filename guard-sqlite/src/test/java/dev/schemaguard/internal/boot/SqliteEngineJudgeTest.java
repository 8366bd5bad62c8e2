package dev.schemaguard.internal.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.Code;
import dev.schemaguard.ConnectionSettings;
import dev.schemaguard.internal.changelog.SqlFileMigration;
import dev.schemaguard.internal.sql.SqlStatement;
import dev.schemaguard.internal.sql.StatementSplitter;
import dev.schemaguard.spi.Dialect.Access;
import dev.schemaguard.sqlite.SqliteDialect;
import dev.schemaguard.sqlite.SqliteTestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The second judge on SQLite, alone: migrations are handed to the Applier as if the classifier had
 * passed them (it would refuse every one of the unsafe ones below), so what is proven here is that
 * the engine's evidence, by itself, refuses each class and rolls the migration back whole, and lets
 * additive migrations through.
 */
class SqliteEngineJudgeTest {
    @TempDir
    Path dir;
    private final SqliteDialect dialect = new SqliteDialect();
    private SqliteTestDatabase db;
    private Applier applier;
    private String before;

    @BeforeEach
    void setUp() throws Exception {
        db = new SqliteTestDatabase(dir.resolve("app.db"));
        db.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT)",
                "CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER, total INTEGER)",
                "CREATE TABLE kv (k TEXT PRIMARY KEY, v TEXT) WITHOUT ROWID",
                "CREATE VIEW big_orders AS SELECT * FROM orders WHERE total > 100",
                "INSERT INTO users VALUES (1, 'a@example.com'), (2, 'b@example.com')",
                "INSERT INTO orders VALUES (1, 1, 50), (2, 2, 500)", "INSERT INTO kv VALUES ('a', '1')");
        applier = EngineJudgeCases.applier(dialect);
        before = db.dump();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "CREATE TABLE tags (id INTEGER PRIMARY KEY, name TEXT NOT NULL DEFAULT 'x'); CREATE INDEX tags_name ON tags (name)",
        "ALTER TABLE users ADD COLUMN nickname TEXT; ALTER TABLE users ADD COLUMN score INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE kv ADD COLUMN note TEXT DEFAULT 'n'",
        "CREATE UNIQUE INDEX users_email ON users (email); CREATE VIEW emails AS SELECT email FROM users",
        "ALTER TABLE orders ADD COLUMN coupon INTEGER REFERENCES users (id) ON DELETE RESTRICT",
        "CREATE TABLE seeds (k TEXT); INSERT INTO seeds VALUES ('only a new table')",
        "CREATE TABLE audit (id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT)",
    })
    void additiveMigrations_passTheEngine_andAreRecorded(String sql) throws Exception {
        try (Connection c = dialect.database(db.url()).open(Access.READ_WRITE, ConnectionSettings.DEFAULT)) {
            assertTrue(applier.apply(c, planned("010_additive.sql", sql)));
        }
        assertEquals(List.of("010_additive.sql"), db.ledger());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "DROP TABLE orders                                                              | table orders was dropped",
        "ALTER TABLE users RENAME TO people                                             | table users was dropped or renamed",
        "ALTER TABLE users DROP COLUMN email                                            | table users changed its definition",
        "DROP VIEW big_orders; CREATE VIEW big_orders AS SELECT * FROM orders           | view big_orders changed its definition",
        "UPDATE users SET email = NULL WHERE id = 1                                     | 1 row(s): update of existing table main.users",
        "INSERT INTO users (email) VALUES ('c@example.com')                             | 1 row(s): insert of existing table main.users",
        "DELETE FROM orders                                                             | row change(s) the update hook did not see",
        "UPDATE kv SET v = 'z'                                                          | row change(s) the update hook did not see",
        "CREATE TEMP TABLE databasechangelog AS SELECT * FROM main.databasechangelog WHERE 0 | temporary table databasechangelog was created",
        "CREATE TEMP VIEW users AS SELECT 1 AS id                                       | temporary view users was created",
        "CREATE TRIGGER wipe AFTER INSERT ON orders BEGIN DELETE FROM users; END        | trigger wipe was created",
        "ALTER TABLE orders ADD COLUMN owner INTEGER REFERENCES users (id) ON DELETE CASCADE | a foreign key of existing table orders now deletes its rows when users changes",
        "PRAGMA recursive_triggers = ON                                                 | connection setting recursive_triggers changed: 0 -> 1",
        "PRAGMA user_version = 7                                                        | connection setting user_version changed: 0 -> 7",
        "PRAGMA ignore_check_constraints = 1                                            | connection setting ignore_check_constraints changed: 0 -> 1",
    })
    void unsafeMigrations_areRefusedByTheEngine_andRolledBackWhole(String sql, String change) throws Exception {
        Failure failure = EngineJudgeCases.refusedByTheEngine(applier, planned("020_unsafe.sql", sql),
                () -> dialect.database(db.url()).open(Access.READ_WRITE, ConnectionSettings.DEFAULT));

        assertTrue(failure.message().contains(change), failure.message());
        assertTrue(failure.message().contains("rolled back whole"), failure.message());
        assertEquals(List.of(), db.ledger(), "no ledger row");
        assertEquals(before, db.dump(), "nothing of it remains");
    }

    private static PlannedMigration planned(String name, String sql) {
        return EngineJudgeCases.planned(name, sql, false, new SqliteDialect().sql());
    }
}
