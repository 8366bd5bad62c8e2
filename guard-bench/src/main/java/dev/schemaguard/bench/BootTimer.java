package dev.schemaguard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.sqlite.SQLiteConfig;

/** Times a boot: the naive one of the incident, and (once the CLI exists) Schema Guard's own. */
final class BootTimer {

    /** The outcome of one timed boot. */
    record BootTime(Duration wallTime, int exitCode, String detail) {
    }

    private BootTimer() {
    }

    /**
     * The entrypoint of incident 1: open the database and run PRAGMA integrity_check, every boot,
     * whatever the size of the file.
     */
    static BootTime naiveBoot(Path db) throws SQLException, IOException {
        long start = System.nanoTime();
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        try (Connection c = config.createConnection("jdbc:sqlite:" + db.toAbsolutePath());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
            String first = rs.next() ? rs.getString(1) : "";
            Duration wall = Duration.ofNanos(System.nanoTime() - start);
            double megabytesPerSecond = Files.size(db) / 1e6 / (wall.toNanos() / 1e9);
            return new BootTime(wall, "ok".equals(first) ? 0 : 1,
                    String.format(Locale.ROOT, "integrity_check %s, %.0f MB/s", first, megabytesPerSecond));
        }
    }

    /**
     * HOOK FOR THE CLI — the whole-boot time of Schema Guard itself. Pass the command with
     * {@code -Dbench.bootCommand='java -jar guard-cli/target/schema-guard.jar boot --config <cfg>'};
     * {@code {db}} in it is replaced by the database path, so a config template can point at each
     * generated file. It runs from the repository root and is timed from start to exit.
     */
    static BootTime guardBoot(String commandLine, Path db, Path workingDir) throws IOException, InterruptedException {
        List<String> command = List.of(commandLine.replace("{db}", db.toAbsolutePath().toString()).split("\\s+"));
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).directory(workingDir.toFile()).inheritIO().start();
        if (!process.waitFor(2, TimeUnit.HOURS)) {
            process.destroyForcibly();
            return new BootTime(Duration.ofNanos(System.nanoTime() - start), -1, "killed after 2 h");
        }
        return new BootTime(Duration.ofNanos(System.nanoTime() - start), process.exitValue(), String.join(" ", command));
    }
}
