package dev.schemaguard.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.BootListener;
import dev.schemaguard.BootReport;
import dev.schemaguard.SchemaGuard;
import dev.schemaguard.Verdict;
import dev.schemaguard.testing.GuardLines;
import dev.schemaguard.testing.Project;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code SchemaGuard.boot(BootListener)}: what a library caller hears, and what its status file says while the boot runs. */
class BootListenerTest {
    @TempDir
    Path dir;

    private Project project() {
        return new Project(dir.resolve("project"), "jdbc:sqlite:" + dir.resolve("app.db"))
                .migration("001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);").allow("001_users.sql");
    }

    @Test
    void theStatusFileSaysWhichPhaseIsRunningAndHasNoVerdictUntilTheEnd() {
        Path status = dir.resolve("status.json");
        List<String> seenWhileRunning = new ArrayList<>();
        BootListener snapshot = new BootListener() {
            @Override
            public void progress(String bootId, String phase, String state) {
                seenWhileRunning.add(read(status));
            }
        };

        BootReport report = SchemaGuard.of(project().config()).boot(BootListener.statusFile(status).andThen(snapshot));

        assertEquals(Verdict.PASS, report.verdict());
        String boot = GuardLines.parse(report.line()).get("boot");
        assertTrue(seenWhileRunning.get(0).startsWith("{\"boot\": \"" + boot + "\", \"phase\": \"boot\", \"started_at\": \""),
                seenWhileRunning.get(0));
        assertTrue(seenWhileRunning.stream().anyMatch(s -> s.contains("\"phase\": \"plan\"")), seenWhileRunning.toString());
        assertTrue(seenWhileRunning.stream().allMatch(s -> s.endsWith("\"verdict\": null, \"code\": null, \"line\": null}\n")),
                seenWhileRunning.toString());
        assertTrue(read(status).contains("\"verdict\": \"PASS\", \"code\": \"OK\""), read(status));
    }

    @Test
    void aListenerThatThrows_neverChangesTheVerdict_andHearsTheVerdictOnce() {
        List<String> verdicts = new ArrayList<>();
        BootListener broken = new BootListener() {
            @Override
            public void progress(String bootId, String phase, String state) {
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void verdict(BootReport report) {
                verdicts.add(report.line());
                throw new IllegalStateException("listener bug");
            }
        };

        BootReport report = SchemaGuard.of(project().config()).boot(broken);

        assertEquals(Verdict.PASS, report.verdict(), report.line());
        assertEquals(List.of(report.line()), verdicts);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
