package dev.schemaguard.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Naming a lock holder's kind from its command line. */
class LockHoldersTest {
    @Test
    void anotherBootIsRecognisedByItsJarOrMainClass() {
        assertEquals("another Schema Guard boot", LockHolders.kindOf("/usr/bin/java -Xmx64m -jar /app/schema-guard.jar boot --config x.yaml"));
        assertEquals("another Schema Guard boot", LockHolders.kindOf("java -cp /tmp/cp.jar dev.schemaguard.cli.Main boot"));
    }

    @Test
    void otherProgramsAreNamedByWhatTheyRun() {
        assertEquals("sqlite3", LockHolders.kindOf("/usr/bin/sqlite3 /data/app.db"));
        assertEquals("a Java process: service.jar", LockHolders.kindOf("java -jar /app/service.jar"));
        assertEquals("a Java process: com.example.Worker", LockHolders.kindOf("java -cp /x/schema-guard.jar:/y com.example.Worker --once"));
        assertEquals("unknown program", LockHolders.kindOf(""));
    }
}
