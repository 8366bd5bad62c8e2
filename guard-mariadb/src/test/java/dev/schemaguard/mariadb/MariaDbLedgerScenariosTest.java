package dev.schemaguard.mariadb;

import dev.schemaguard.testing.LedgerScenarios;
import dev.schemaguard.testing.TestDatabase;
import java.nio.file.Path;

/** Foreign ledgers (a real Flyway beside the guard) and baseline on MariaDB 11.4. */
class MariaDbLedgerScenariosTest extends LedgerScenarios {
    @Override
    protected TestDatabase database(Path tempDir) throws Exception {
        return MariaDbServer.shared().newDatabase();
    }
}
