package dev.schemaguard.mariadb.internal.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which migrations a rehearsal on a scratch copy can keep to the copy, read as words; and how names are found. */
class ConfinementTest {
    private static final Set<String> DATABASES = Set.of("app", "shop", "information_schema", "schema_guard_judge_00000000deadbeef");

    @ParameterizedTest
    @ValueSource(strings = {
        "ALTER TABLE users ADD COLUMN nickname VARCHAR(64), ALGORITHM=INSTANT",
        "CREATE TABLE user_roles (user_id BIGINT, role VARCHAR(32), password_hash TEXT, server_name TEXT)",
        "CREATE TABLE apps (id INT); -- the app_id column comes later",
        "CREATE INDEX users_email ON users (email) LOCK=NONE",
    })
    void aMigrationOfTheDatabasesOwnObjects_canBeRehearsed(String sql) {
        assertEquals(Optional.empty(), Confinement.why(List.of(sql), DATABASES, "app"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "CREATE TABLE app.audit (id INT)                              | it names this database, app",
        "CREATE TABLE `APP`.`audit` (id INT)                          | it names this database, app",
        "CREATE INDEX i ON shop.orders (placed_at)                    | it names the database shop",
        "CREATE VIEW v AS SELECT * FROM information_schema.TABLES     | it names the database information_schema",
        "CREATE TABLE t (id INT) COMMENT 'see mysql.user'             | it names the database mysql",
        "CREATE DATABASE IF NOT EXISTS reporting                      | it says DATABASE",
        "CREATE SCHEMA analytics                                      | it says SCHEMA",
        "GRANT SELECT ON users TO reporter                            | it says GRANT",
        "SET @@global.read_only = 1                                   | it says GLOBAL",
        "SELECT * FROM users INTO OUTFILE '/tmp/users.csv'            | it says OUTFILE",
        "CREATE USER reporter                                         | it says CREATE USER",
        "SET  password = PASSWORD('x')                                | it says SET PASSWORD",
    })
    void aMigrationThatReachesBeyondItsDatabase_isNotRehearsed(String sql, String why) {
        Optional<String> reason = Confinement.why(List.of(sql), DATABASES, "app");
        assertTrue(reason.isPresent() && reason.get().startsWith(why), reason.toString());
    }

    @Test
    void scratchDatabases_areNotOthersDatabases() {
        assertEquals(Optional.empty(), Confinement.why(List.of("CREATE TABLE schema_guard_judge_00000000deadbeef_notes (id INT)"),
                DATABASES, "app"));
    }

    @Test
    void names_areFoundAsWholeWords_anyCase_quotedOrNot() {
        Words words = new Words("ALTER TABLE `Users` ADD COLUMN x INT; -- orders_archive\nCREATE VIEW v AS SELECT 1 FROM `audit trail`, `we``ird`");
        assertEquals(Set.of("users", "audit trail", "we`ird", "orders_archive"),
                words.mentioned(List.of("users", "orders", "audit trail", "we`ird", "orders_archive", "rail")));
    }
}
