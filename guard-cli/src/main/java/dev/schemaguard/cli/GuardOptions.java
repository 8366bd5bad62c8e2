package dev.schemaguard.cli;

import dev.schemaguard.GuardConfig;
import dev.schemaguard.internal.config.ConfigLoader;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options shared by the commands that read a {@code schema-guard.yaml}. */
final class GuardOptions {
    @Option(names = "--config", required = true, paramLabel = "<file>", description = "The schema-guard.yaml to use.")
    Path config;

    @Option(names = "--database", paramLabel = "<jdbc-url>",
            description = "Overrides database: of the config (and SCHEMA_GUARD_DATABASE).")
    String database;

    @Option(names = "--format", defaultValue = "text", paramLabel = "<text|json>",
            description = "json prints the full report as JSON on standard output; logs stay on standard error.")
    Format format;

    enum Format { text, json }

    GuardConfig load() {
        GuardConfig loaded = ConfigLoader.load(config, System.getenv());
        return database == null ? loaded : loaded.withDatabase(database);
    }

    /** What the distinctive line of a configuration error names as db=, secrets redacted by the line writer. */
    String databaseForMessages() {
        return database != null ? database : System.getenv(ConfigLoader.DATABASE_ENV);
    }
}
