package dev.schemaguard.postgres;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import org.junit.jupiter.api.Test;

/** What a boot loads ahead of its connection must still be pgjdbc's: a renamed class would silently load nothing. */
class PostgresPrepareTest {

    @Test
    void everyClassLoadedAheadOfTheConnection_isOnTheClassPath() {
        for (String name : PostgresDatabase.CONNECTION_CLASSES) {
            assertDoesNotThrow(() -> Class.forName(name, false, PostgresDatabase.class.getClassLoader()),
                    name + " is not in this pgjdbc: update PostgresDatabase.CONNECTION_CLASSES");
        }
    }

    @Test
    void preparing_connectsNowhere_andFailsNothing() {
        // A URL no server answers: prepare must not try it (a boot's budget starts before it).
        assertDoesNotThrow(() -> new PostgresDatabase("jdbc:postgresql://192.0.2.1:1/none").prepare());
    }
}
