package dev.schemaguard.internal.verify;

import dev.schemaguard.BootReport;
import dev.schemaguard.DataExpectations;
import dev.schemaguard.GuardConfig;
import dev.schemaguard.GuardConfig.FreshDatabase;
import dev.schemaguard.GuardConfigException;
import dev.schemaguard.VerifyReport.Finding;
import dev.schemaguard.internal.Dialects;
import dev.schemaguard.internal.boot.BootRunner;
import dev.schemaguard.internal.changelog.ChangelogLoader;
import dev.schemaguard.internal.changelog.Migration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * verify's {@code --simulate-fresh}: a real boot of the configuration on a brand-new empty database,
 * the packaging's first boot on a new volume. A boot that does not pass is a finding.
 */
public final class FreshSimulation {
    /** What messages call the simulated database instead of its temporary path. */
    static final String FRESH_NAME = "<fresh database>";

    private FreshSimulation() {
    }

    /** The simulated boot's report, and its finding when it did not pass. */
    public record Result(BootReport simulated, Optional<Finding> finding) {
    }

    /** Boots against {@code freshUrl}, an empty database the caller provides (never created for a server). */
    public static Result boot(GuardConfig config, String freshUrl) {
        // Canaries describe production data; a database created a moment ago has none.
        GuardConfig fresh = config.toBuilder().database(freshUrl).dataSource(null)
                .freshDatabase(FreshDatabase.BOOTSTRAP).data(DataExpectations.NONE).build();
        BootReport simulated = BootRunner.boot(fresh);
        if (simulated.passed()) {
            return new Result(simulated, Optional.empty());
        }
        String message = ("a boot on a brand-new empty database ends " + simulated.verdict() + " " + simulated.code() + ": "
                + simulated.message()).replace(freshUrl, FRESH_NAME);
        String migration = simulated.details().get("migration");
        Optional<Migration> blamed = migration == null ? Optional.empty() : ChangelogLoader.load(config.changelog()).find(migration);
        Finding finding = blamed.map(m -> Finding.error("simulate-fresh", m.file(), 1, message))
                .orElseGet(() -> Finding.error("simulate-fresh", config.source(), 0, message));
        return new Result(simulated, Optional.of(finding));
    }

    /**
     * Boots against a new temporary file in place of the configured database file (a file database
     * such as SQLite), deleted afterwards.
     */
    public static Result bootOnTemporaryFile(GuardConfig config) {
        Path file = config.database() == null ? null
                : Dialects.forUrl(config.database()).database(config.database()).file().orElse(null);
        if (file == null) {
            throw new GuardConfigException("--simulate-fresh: pass --fresh-database <jdbc-url> of an empty database "
                    + "for a server database; Schema Guard never creates one.");
        }
        Path folder;
        try {
            folder = Files.createTempDirectory("schema-guard-fresh");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Path temporary = folder.resolve("fresh.db");
            String freshUrl = config.database().replace(file.toString(), temporary.toString());
            // Never boot the real database by mistake: the new URL must name the temporary file.
            if (!Dialects.forUrl(freshUrl).database(freshUrl).file().equals(Optional.of(temporary))) {
                throw new GuardConfigException("--simulate-fresh cannot point this database URL at a temporary file; "
                        + "pass --fresh-database <jdbc-url> of an empty database.");
            }
            return boot(config, freshUrl);
        } finally {
            Artifacts.delete(folder);
        }
    }
}
