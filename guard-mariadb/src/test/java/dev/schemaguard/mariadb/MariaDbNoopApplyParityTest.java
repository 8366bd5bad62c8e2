package dev.schemaguard.mariadb;

import dev.schemaguard.testing.NoopApplyParityScenarios;
import dev.schemaguard.testing.TestDatabase;
import java.nio.file.Path;

/** The no-op/apply parity scenarios on MariaDB, whose DDL commits on its own. */
class MariaDbNoopApplyParityTest extends NoopApplyParityScenarios {
    @Override
    protected TestDatabase database(Path tempDir) throws Exception {
        return MariaDbServer.shared().newDatabase();
    }
}
