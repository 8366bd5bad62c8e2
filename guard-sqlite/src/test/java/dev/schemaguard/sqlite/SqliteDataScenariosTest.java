package dev.schemaguard.sqlite;

import dev.schemaguard.testing.DataScenarios;
import dev.schemaguard.testing.TestDatabase;
import java.nio.file.Path;

class SqliteDataScenariosTest extends DataScenarios {
    @Override
    protected TestDatabase database(Path tempDir) {
        return new SqliteTestDatabase(tempDir.resolve("app.db"));
    }
}
