package dev.schemaguard.spring;

import dev.schemaguard.BootReport;
import dev.schemaguard.DataPathProbe;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health {@code schemaGuard}: the start-up boot's verdict, and the data path now: each canary table
 * counted through the application's own pool (up to its min-rows, with a short timeout). An emptied
 * or dropped canary table makes it DOWN, which a health check that never touches a table would miss.
 */
public class SchemaGuardHealthIndicator implements HealthIndicator {
    private final SchemaGuardInitializer guard;
    private final DataPathProbe probe;

    /** @param probe  null when no canary has min-rows of 1 or more: then only the verdict is reported */
    public SchemaGuardHealthIndicator(SchemaGuardInitializer guard, DataPathProbe probe) {
        this.guard = guard;
        this.probe = probe;
    }

    @Override
    public Health health() {
        BootReport report = guard.report();
        DataPathProbe.Result data = probe == null ? null : probe.check();
        boolean up = report != null && report.passed() && (data == null || data.up());
        Health.Builder health = up ? Health.up() : Health.down();
        if (report != null) {
            health.withDetail("verdict", report.verdict().name()).withDetail("code", report.code().name())
                    .withDetail("applied", report.applied()).withDetail("pending", report.pending());
        }
        if (data == null) {
            return health.withDetail("canaries", "none configured").build();
        }
        if (!data.up()) {
            health.withDetail("reason", data.reason());
        }
        return health.withDetail("canaries", data.canaries()).build();
    }
}
