package dev.schemaguard.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.ConnectionSettings;
import dev.schemaguard.spi.Dialect.Access;
import dev.schemaguard.spi.Dialect.EngineJudge;
import dev.schemaguard.testing.RedTeamEngineRun;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One judge serves every migration of a boot, and takes one migration's "after" as the next one's
 * "before" while main's schema cookie shows nothing changed in between. These are the cases where
 * that shortcut would lie: another connection changed the schema between two migrations, the guard
 * changed a setting between them, a migration undid what the one before it did.
 */
class SqliteJudgeConsecutiveMigrationsTest {
    @TempDir
    Path dir;

    private final SqliteDialect dialect = new SqliteDialect();
    private String url;

    @BeforeEach
    void createDatabase() throws SQLException {
        url = "jdbc:sqlite:" + dir.resolve("app.db");
        try (Connection c = open(Access.CREATE); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE kept (id INTEGER PRIMARY KEY, name TEXT)");
        }
    }

    @Test
    void aTableAnotherConnectionCreatedBetweenTwoMigrations_isSeenWhenTheSecondDropsIt() throws SQLException {
        EngineJudge judge = dialect.migrations().engineJudge().orElseThrow();
        try (Connection boot = open(Access.READ_WRITE)) {
            assertEquals(List.of(), migrate(judge, boot, "CREATE TABLE first (id INTEGER)"));
            try (Connection other = open(Access.READ_WRITE); Statement s = other.createStatement()) {
                s.execute("CREATE TABLE other (id INTEGER)");
            }
            List<String> changes = migrate(judge, boot, "DROP TABLE other");
            assertTrue(changes.contains("table other was dropped or renamed"), changes.toString());
        }
    }

    @Test
    void aColumnAnotherConnectionDroppedBetweenTwoMigrations_isNotTakenForTheSecondMigrationsChange() throws SQLException {
        EngineJudge judge = dialect.migrations().engineJudge().orElseThrow();
        try (Connection boot = open(Access.READ_WRITE)) {
            assertEquals(List.of(), migrate(judge, boot, "CREATE TABLE first (id INTEGER)"));
            try (Connection other = open(Access.READ_WRITE); Statement s = other.createStatement()) {
                s.execute("ALTER TABLE kept DROP COLUMN name");
            }
            assertEquals(List.of(), migrate(judge, boot, "CREATE TABLE second (id INTEGER)"));
        }
    }

    @Test
    void aTableTheFirstMigrationCreated_isSeenWhenTheSecondDropsIt() throws SQLException {
        EngineJudge judge = dialect.migrations().engineJudge().orElseThrow();
        try (Connection boot = open(Access.READ_WRITE)) {
            assertEquals(List.of(), migrate(judge, boot, "CREATE TABLE first (id INTEGER)"));
            assertEquals(List.of(), migrate(judge, boot, "ALTER TABLE first ADD COLUMN extra TEXT"));
            List<String> changes = migrate(judge, boot, "DROP TABLE first");
            assertTrue(changes.contains("table first was dropped or renamed"), changes.toString());
        }
    }

    @Test
    void aSettingTheGuardChangesBetweenMigrations_isNotTheNextMigrationsChange_butOneTheMigrationMakesIs() throws SQLException {
        EngineJudge judge = dialect.migrations().engineJudge().orElseThrow();
        try (Connection boot = open(Access.READ_WRITE)) {
            assertEquals(List.of(), migrate(judge, boot, "CREATE TABLE first (id INTEGER)"));
            try (Statement s = boot.createStatement()) {
                s.execute("PRAGMA busy_timeout = 4321"); // as the apply phase sets its wait before each migration
            }
            assertEquals(List.of(), migrate(judge, boot, "CREATE TABLE second (id INTEGER)"));
            List<String> changes = migrate(judge, boot, "PRAGMA recursive_triggers = ON");
            assertTrue(changes.stream().anyMatch(c -> c.startsWith("connection setting recursive_triggers changed")), changes.toString());
        }
    }

    @Test
    void aTableDroppedBesideATriggerOfItsName_isSeen() throws SQLException {
        // a trigger's name may be a table's: triggers have a namespace of their own in SQLite
        try (Connection c = open(Access.READ_WRITE); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE victim (id INTEGER)");
            s.execute("CREATE TRIGGER victim AFTER INSERT ON kept BEGIN SELECT 1; END");
        }
        EngineJudge judge = dialect.migrations().engineJudge().orElseThrow();
        try (Connection boot = open(Access.READ_WRITE)) {
            List<String> changes = migrate(judge, boot, "DROP TABLE victim");
            assertEquals(List.of("table victim was dropped or renamed"), changes);
        }
    }

    @Test
    void aUtf16Database_isJudgedAsAUtf8OneIs() throws SQLException {
        url = "jdbc:sqlite:" + dir.resolve("utf16.db");
        try (Connection c = open(Access.CREATE); Statement s = c.createStatement()) {
            s.execute("PRAGMA encoding = 'UTF-16le'");
            s.execute("CREATE TABLE kept (id INTEGER PRIMARY KEY, name TEXT)");
        }
        EngineJudge judge = dialect.migrations().engineJudge().orElseThrow();
        try (Connection boot = open(Access.READ_WRITE)) {
            assertEquals(List.of(), migrate(judge, boot, "CREATE TABLE \"caf\u00e9\" (id INTEGER)"));
            assertEquals(List.of(), migrate(judge, boot, "ALTER TABLE kept ADD COLUMN note TEXT"));
            assertEquals(List.of("table kept changed its definition"), migrate(judge, boot, "ALTER TABLE kept RENAME COLUMN name TO nom"));
            assertEquals(List.of("table caf\u00e9 was dropped or renamed"), migrate(judge, boot, "DROP TABLE \"caf\u00e9\""));
        }
    }

    @Test
    void aRowWrittenToAnExistingTableNamedWithANonAsciiCapital_isSeen() throws SQLException {
        // SQLite folds only ASCII letters in names: CAFÉ is not café, and the hook's name must be folded alike
        try (Connection c = open(Access.READ_WRITE); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE \"CAF\u00c9\" (id INTEGER)");
        }
        EngineJudge judge = dialect.migrations().engineJudge().orElseThrow();
        try (Connection boot = open(Access.READ_WRITE)) {
            List<String> changes = migrate(judge, boot, "INSERT INTO \"CAF\u00c9\" VALUES (1)");
            assertEquals(List.of("1 row(s): insert of existing table main.caf\u00c9"), changes);
        }
    }

    /** One migration as the Applier runs it: in a transaction, evidence before and after, committed when clean. */
    private static List<String> migrate(EngineJudge judge, Connection connection, String sql) throws SQLException {
        connection.setAutoCommit(false);
        List<String> changes;
        try (EngineJudge.Evidence evidence = judge.before(connection, RedTeamEngineRun.LIQUIBASE_LEDGER);
             Statement s = connection.createStatement()) {
            s.execute(sql);
            evidence.statementsDone(connection);
            changes = evidence.changes(connection, new EngineJudge.Applied("m", List.of(sql), false), false);
        }
        if (changes.isEmpty()) {
            connection.commit();
        } else {
            connection.rollback();
        }
        connection.setAutoCommit(true);
        return changes;
    }

    private Connection open(Access access) throws SQLException {
        return dialect.database(url).open(access, ConnectionSettings.DEFAULT);
    }
}
