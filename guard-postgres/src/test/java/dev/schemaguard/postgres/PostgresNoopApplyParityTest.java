package dev.schemaguard.postgres;

import dev.schemaguard.testing.NoopApplyParityScenarios;
import dev.schemaguard.testing.TestDatabase;
import java.nio.file.Path;

/** The no-op/apply parity scenarios on PostgreSQL 14. */
class PostgresNoopApplyParityTest extends NoopApplyParityScenarios {
    @Override
    protected TestDatabase database(Path tempDir) throws Exception {
        return PostgresServer.defaultMajor().newDatabase();
    }
}
