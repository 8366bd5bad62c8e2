package dev.schemaguard.mariadb;

import dev.schemaguard.testing.BootScenarios;
import dev.schemaguard.testing.TestDatabase;
import java.nio.file.Path;

/** The shared boot scenarios on MariaDB 11.4. */
class MariaDbBootScenariosTest extends BootScenarios {
    @Override
    protected TestDatabase database(Path tempDir) throws Exception {
        return MariaDbServer.shared().newDatabase();
    }
}
