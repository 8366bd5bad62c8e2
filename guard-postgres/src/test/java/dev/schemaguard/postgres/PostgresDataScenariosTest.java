package dev.schemaguard.postgres;

import dev.schemaguard.testing.DataScenarios;
import dev.schemaguard.testing.TestDatabase;
import java.nio.file.Path;

/** Canaries and the shrink guard on PostgreSQL: the wiped data directory of incident 4, caught at boot. */
class PostgresDataScenariosTest extends DataScenarios {
    @Override
    protected TestDatabase database(Path tempDir) throws Exception {
        return PostgresServer.defaultMajor().newDatabase();
    }
}
