package dev.schemaguard.sqlite;

import dev.schemaguard.testing.NoopApplyParityScenarios;
import dev.schemaguard.testing.TestDatabase;
import java.nio.file.Path;

class SqliteNoopApplyParityTest extends NoopApplyParityScenarios {
    @Override
    protected TestDatabase database(Path tempDir) {
        return new SqliteTestDatabase(tempDir.resolve("app.db"));
    }
}
