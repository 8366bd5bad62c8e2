package dev.schemaguard.bench;

import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.output.ValidateResult;

/**
 * Flyway's own {@code migrate} or {@code validate} of a folder of {@code V<n>__...sql} files, as its API
 * runs them: checksums of applied migrations are validated (validateOnMigrate is on by default).
 */
public final class FlywayRun {
    private FlywayRun() {
    }

    /** {@code migrate|validate <jdbc url> <folder>}. */
    public static void main(String[] args) {
        run(args[0], args[1], Path.of(args[2]));
    }

    /** The number of migrations migrate applied (validate: 0); throws when Flyway fails. */
    static int run(String command, String url, Path folder) {
        Flyway flyway = Flyway.configure().dataSource(url, null, null)
                .locations("filesystem:" + folder.toAbsolutePath()).load();
        if (command.equals("validate")) {
            ValidateResult result = flyway.validateWithResult();
            if (!result.validationSuccessful) {
                throw new IllegalStateException("flyway validate failed: " + result.getAllErrorMessages());
            }
            return 0;
        }
        MigrateResult result = flyway.migrate();
        return result.migrationsExecuted;
    }
}
