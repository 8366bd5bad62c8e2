package dev.schemaguard.sqlite;

import dev.schemaguard.testing.LedgerScenarios;
import dev.schemaguard.testing.TestDatabase;
import java.nio.file.Path;

/** Foreign ledgers and baseline on real SQLite files. */
class SqliteLedgerScenariosTest extends LedgerScenarios {
    @Override
    protected TestDatabase database(Path tempDir) {
        return new SqliteTestDatabase(tempDir.resolve("app.db"));
    }
}
