package dev.schemaguard.postgres;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.testing.BootScenarios;
import dev.schemaguard.testing.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The shared boot scenarios on a newer major (17), from the binaries the build copies next to the tests. */
class Postgres17BootScenariosTest extends BootScenarios {
    @Override
    protected TestDatabase database(Path tempDir) throws Exception {
        return PostgresServer.newerMajor().newDatabase();
    }

    @Test
    void theServerIsReallyTheNewerMajor() throws Exception {
        String version = PostgresServer.newerMajor().version();
        assertTrue(version.startsWith("17."), version);
    }
}
