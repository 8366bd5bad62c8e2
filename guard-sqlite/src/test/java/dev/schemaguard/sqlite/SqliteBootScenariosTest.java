package dev.schemaguard.sqlite;

import dev.schemaguard.testing.BootScenarios;
import dev.schemaguard.testing.TestDatabase;
import java.nio.file.Path;

class SqliteBootScenariosTest extends BootScenarios {
    @Override
    protected TestDatabase database(Path tempDir) {
        return new SqliteTestDatabase(tempDir.resolve("app.db"));
    }
}
