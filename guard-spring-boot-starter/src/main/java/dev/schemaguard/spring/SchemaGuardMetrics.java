package dev.schemaguard.spring;

import dev.schemaguard.BootReport;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.concurrent.TimeUnit;

/**
 * Micrometer meters of the start-up boot: {@code schemaguard.boot.duration} (a timer tagged
 * {@code result} and {@code code}), {@code schemaguard.migrations.applied} and
 * {@code schemaguard.migrations.pending} (gauges of that boot's counts).
 */
public class SchemaGuardMetrics implements MeterBinder {
    private final SchemaGuardInitializer guard;

    public SchemaGuardMetrics(SchemaGuardInitializer guard) {
        this.guard = guard;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        BootReport report = guard.report();
        if (report == null) {
            return;
        }
        Timer.builder("schemaguard.boot.duration").description("How long Schema Guard's boot took at start-up")
                .tags("result", report.verdict().name(), "code", report.code().name())
                .register(registry).record(report.elapsedMs(), TimeUnit.MILLISECONDS);
        Gauge.builder("schemaguard.migrations.applied", report, BootReport::applied)
                .description("Migrations applied by the start-up boot").register(registry);
        Gauge.builder("schemaguard.migrations.pending", report, BootReport::pending)
                .description("Migrations of the changelog still not in the ledger after the start-up boot").register(registry);
    }
}
