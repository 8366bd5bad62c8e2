package dev.schemaguard.mariadb;

import dev.schemaguard.testing.DataScenarios;
import dev.schemaguard.testing.TestDatabase;
import java.nio.file.Path;

/** The shared canary and shrink-guard scenarios on MariaDB 11.4. */
class MariaDbDataScenariosTest extends DataScenarios {
    @Override
    protected TestDatabase database(Path tempDir) throws Exception {
        return MariaDbServer.shared().newDatabase();
    }
}
