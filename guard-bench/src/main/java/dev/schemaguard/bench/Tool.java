package dev.schemaguard.bench;

import dev.schemaguard.BootReport;
import dev.schemaguard.SchemaGuard;
import java.nio.file.Path;

/**
 * One tool's no-op (or apply) run, the same inside a warm JVM and as the body of a process: Schema
 * Guard's boot through its library call, Liquibase's update, Flyway's migrate or validate, the floor.
 */
enum Tool {
    SCHEMA_GUARD("Schema Guard boot"),
    LIQUIBASE_UPDATE("Liquibase update"),
    FLYWAY_MIGRATE("Flyway migrate"),
    FLYWAY_VALIDATE("Flyway validate"),
    FLOOR("floor");

    final String label;

    Tool(String label) {
        this.label = label;
    }

    /**
     * Runs once; throws when the tool fails, or (no-op) when it did any work.
     *
     * @param target  the guard's config file, Liquibase's changelog, Flyway's or the floor's folder
     * @return how many migrations it applied
     */
    int run(String url, Path target) throws Exception {
        switch (this) {
            case SCHEMA_GUARD -> {
                BootReport report = SchemaGuard.fromConfigFile(target).boot();
                if (!report.passed()) {
                    throw new IllegalStateException(report.line());
                }
                return report.applied();
            }
            case LIQUIBASE_UPDATE -> {
                LiquibaseRun.update(url, target);
                return -1;
            }
            case FLYWAY_MIGRATE -> {
                return FlywayRun.run("migrate", url, target);
            }
            case FLYWAY_VALIDATE -> {
                return FlywayRun.run("validate", url, target);
            }
            default -> {
                FloorRead.run(url, target);
                return 0;
            }
        }
    }
}
