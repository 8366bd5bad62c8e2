package dev.schemaguard.postgres;

import dev.schemaguard.testing.LedgerScenarios;
import dev.schemaguard.testing.TestDatabase;
import java.nio.file.Path;

/** Foreign ledgers and baseline on a real PostgreSQL 14. */
class PostgresLedgerScenariosTest extends LedgerScenarios {
    @Override
    protected TestDatabase database(Path tempDir) throws Exception {
        return PostgresServer.defaultMajor().newDatabase();
    }
}
