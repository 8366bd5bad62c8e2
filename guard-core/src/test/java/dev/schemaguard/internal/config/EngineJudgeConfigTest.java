package dev.schemaguard.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.GuardConfig;
import dev.schemaguard.GuardConfig.EngineJudgeMode;
import dev.schemaguard.GuardConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine_judge: key of schema-guard.yaml: when_possible unless it says required; a wrong one names the line and the choices. */
class EngineJudgeConfigTest {
    @TempDir
    Path dir;

    @Test
    void leftOut_isWhenPossible() throws Exception {
        assertEquals(EngineJudgeMode.WHEN_POSSIBLE, load("").engineJudge());
        assertEquals(EngineJudgeMode.WHEN_POSSIBLE, GuardConfig.builder().database("jdbc:sqlite:x.db").changelog(dir).build().engineJudge());
    }

    @Test
    void required() throws Exception {
        assertEquals(EngineJudgeMode.REQUIRED, load("engine_judge: required\n").engineJudge());
    }

    @Test
    void anUnknownValue_namesTheLineAndTheChoices() {
        GuardConfigException e = assertThrows(GuardConfigException.class, () -> load("engine_judge: always\n"));
        assertTrue(e.getMessage().contains("schema-guard.yaml:3: engine_judge: 'always' is not one of: when_possible, required"),
                e.getMessage());
    }

    private GuardConfig load(String line) throws Exception {
        Files.createDirectories(dir.resolve("migrations"));
        Path yaml = dir.resolve("schema-guard.yaml");
        Files.writeString(yaml, "database: jdbc:sqlite:" + dir.resolve("app.db") + "\nchangelog: migrations\n" + line);
        return ConfigLoader.load(yaml, Map.of());
    }
}
