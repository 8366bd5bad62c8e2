package dev.schemaguard.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.GuardConfigException;
import dev.schemaguard.LedgerSettings;
import dev.schemaguard.LedgerSettings.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ledger: key of schema-guard.yaml: a kind alone, or a mapping; a wrong one names the line and the choices. */
class LedgerConfigTest {
    @TempDir
    Path dir;

    @Test
    void leftOut_isDetection() throws Exception {
        assertEquals(LedgerSettings.AUTO, load("").ledger());
    }

    @Test
    void aKindAlone() throws Exception {
        assertEquals(Kind.FLYWAY, load("ledger: flyway\n").ledger().kind());
    }

    @Test
    void aMapping_namesTableColumnAndWhereTheGuardRecords() throws Exception {
        LedgerSettings ledger = load("ledger:\n  kind: schema_migrations\n  table: migrations\n  column: version\n"
                + "  record_in: databasechangelog\n").ledger();
        assertEquals(new LedgerSettings(Kind.SCHEMA_MIGRATIONS, "migrations", "version", true), ledger);
    }

    @Test
    void anUnknownKind_namesTheLineAndTheKinds() {
        GuardConfigException e = assertThrows(GuardConfigException.class, () -> load("ledger: knex\n"));
        assertTrue(e.getMessage().contains("schema-guard.yaml:3: ledger: 'knex' is not one of: liquibase, flyway, schema_migrations"),
                e.getMessage());
    }

    @Test
    void aColumnForAKindWithoutOne_isRefused() {
        GuardConfigException e = assertThrows(GuardConfigException.class, () -> load("ledger:\n  kind: flyway\n  column: version\n"));
        assertTrue(e.getMessage().contains("only kind schema_migrations has a column"), e.getMessage());
    }

    private dev.schemaguard.GuardConfig load(String ledger) throws Exception {
        Files.createDirectories(dir.resolve("migrations"));
        Path yaml = dir.resolve("schema-guard.yaml");
        Files.writeString(yaml, "database: jdbc:sqlite:" + dir.resolve("app.db") + "\nchangelog: migrations\n" + ledger);
        return ConfigLoader.load(yaml, Map.of());
    }
}
