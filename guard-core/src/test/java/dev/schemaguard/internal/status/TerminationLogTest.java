package dev.schemaguard.internal.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which file receives the verdict line when {@code --termination-log} is not given. */
class TerminationLogTest {
    @TempDir
    Path dir;

    @Test
    void withoutAnExplicitPath_theKubernetesFileIsUsedOnlyWhenItExistsAndIsWritable() throws Exception {
        Path candidate = dir.resolve("termination-log");

        assertNull(TerminationLog.resolve(null, candidate), "missing: not created (this is not Kubernetes)");

        Files.writeString(candidate, "");
        assertEquals(candidate, TerminationLog.resolve(null, candidate));

        candidate.toFile().setWritable(false);
        if (!Files.isWritable(candidate)) { // root can write anyway; the rule is then moot
            assertNull(TerminationLog.resolve(null, candidate));
        }
    }

    @Test
    void anExplicitPathWins() {
        Path explicit = dir.resolve("mine.log");

        assertEquals(explicit, TerminationLog.resolve(explicit, dir.resolve("termination-log")));
    }
}
